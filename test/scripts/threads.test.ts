/**
 * The build on several threads (scripts/content/threads.ts) makes exactly what it makes on one:
 * the same store, module, ledger and caches, byte for byte, and the same problems.
 */
import { execFile } from "node:child_process";
import { cp, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { buildContent } from "../../scripts/content/index.ts";
import { slugFor, writeCorpus } from "../../support/corpus.ts";
import { FIXTURE_SITE, ROOT } from "../support/project.ts";
import { article, fixture, VALID_ARTICLE } from "./fixture.ts";

/** The fixture site with 40 synthetic articles more, one linking to another by its file name. */
async function project(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "threads-"));
  await cp(join(FIXTURE_SITE, "content"), join(root, "content"), { recursive: true });
  await cp(join(ROOT, "src"), join(root, "src"), { recursive: true, filter: (p) => !p.includes("generated") });
  await writeCorpus(join(root, "content"), 40);
  const linking = join(root, "content/articles", `${slugFor(7)}.md`);
  await writeFile(linking, `${await readFile(linking, "utf8")}\n见[上一期](${slugFor(6)}.md)。\n`);
  return root;
}

async function build(root: string, threads: number): Promise<void> {
  await promisify(execFile)(
    process.execPath,
    [
      "--experimental-strip-types",
      join(ROOT, "scripts/build-content.ts"),
      ...["--root", root, "--threads", String(threads), "--now", "2026-12-01T00:00:00Z"],
    ],
    { encoding: "utf8" },
  );
}

/** Every file the build wrote under `root`, by path, with its bytes. */
async function written(root: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const dir of ["public", "src/generated", ".cache/content-build", ".cache/search-blocks"]) {
    for (const d of await readdir(join(root, dir), { recursive: true, withFileTypes: true })) {
      if (d.isFile()) {
        const path = join(d.parentPath, d.name);
        out.set(relative(root, path), await readFile(path));
      }
    }
  }
  out.set("content/id-ledger.json", await readFile(join(root, "content/id-ledger.json")));
  return out;
}

describe("the build on two threads", () => {
  it("writes the same bytes as on one: store, generated module, ledger and caches", async () => {
    const [one, two] = [await project(), await project()];
    await build(one, 1);
    await build(two, 2);
    const [a, b] = [await written(one), await written(two)];
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    expect(a.size).toBeGreaterThan(40);
    for (const [path, bytes] of a) expect(b.get(path)!.equals(bytes), path).toBe(true);
    // The link between articles was resolved on both (the one article whose HTML the build rewrote).
    const linked = [...a].find(([path, bytes]) => path.startsWith("public/_store/a/") && bytes.includes(slugFor(7)));
    expect(linked?.[1].toString()).toContain(`href=\\"/articles/${slugFor(6)}\\"`);
  }, 120_000);

  it("reports the same problems, each at the same file, line, field and code, in the same order", async () => {
    const broken = (n: number) =>
      VALID_ARTICLE.replace("1111-4111-8111-111111111111", `1111-4111-8111-${String(n).padStart(12, "0")}`);
    const files: Record<string, string> = {};
    for (let n = 1; n <= 24; n++) files[`articles/a-${String(n).padStart(2, "0")}.md`] = broken(n);
    files["articles/a-03.md"] = broken(3).replace(/^title: .*\n/m, "");
    files["articles/a-05.md"] = broken(5).replace("category: 协会动态", "category: 没有的栏目\ncolour: red");
    files["articles/a-08.md"] = `${broken(8)}\n[断链](nowhere.md)\n`;
    files["articles/a-11.md"] = broken(1);
    files["articles/a-13.md"] = article("title: [unclosed\nid: x");
    files["articles/a-17.md"] = `${broken(17)}\n# 一级标题\n\n![](missing.png)\n`;
    files["articles/a-19.md"] = broken(19).replace("---\n\n", "slug: a-02\n---\n\n");
    const root = await fixture(files);
    const one = await buildContent(root, "content", { threads: 1 });
    const two = await buildContent(root, "content", { threads: 2 });
    expect(one.model).toBeUndefined();
    expect(one.issues.length).toBeGreaterThan(6);
    expect(two.issues).toEqual(one.issues);
    // And again from the article cache the first builds left.
    expect((await buildContent(root, "content", { threads: 2 })).issues).toEqual(one.issues);
  }, 60_000);
});
