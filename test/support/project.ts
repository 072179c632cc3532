/** Projects made from the tests' own site (test/fixtures/site/), in Node. */
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

export const ROOT = join(import.meta.dirname, "../..");
/** A project root whose content/ is the fixture site. */
export const FIXTURE_SITE = join(ROOT, "test/fixtures/site");

/** What a project needs besides content/ to build and run the worker. */
const PROJECT_FILES = ["src", "scripts", "package.json", "tsconfig.json", "tsconfig.node.json", "wrangler.toml"];

/**
 * A throw-away copy of this project whose content/ is the fixture site (or `contentFrom`), with
 * node_modules linked; built (`npm run build`'s script) when `build` is set.
 */
export async function fixtureProject({
  build = false,
  contentFrom = FIXTURE_SITE,
}: { build?: boolean; contentFrom?: string } = {}): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "fixture-project-"));
  for (const entry of PROJECT_FILES) {
    await cp(join(ROOT, entry), join(root, entry), { recursive: true, filter: (p) => !p.includes("src/generated") });
  }
  await cp(join(contentFrom, "content"), join(root, "content"), { recursive: true });
  await mkdir(join(root, "content/media"), { recursive: true });
  await symlink(join(ROOT, "node_modules"), join(root, "node_modules"));
  if (build) {
    await promisify(execFile)(process.execPath, ["--experimental-strip-types", "scripts/build-content.ts"], {
      cwd: root,
    });
  }
  return root;
}

/** The fixture site's article files (names in content/articles/). */
export async function fixtureArticles(): Promise<string[]> {
  return (await readdir(join(FIXTURE_SITE, "content/articles"))).filter((n) => n.endsWith(".md")).sort();
}
