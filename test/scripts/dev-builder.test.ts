/**
 * `npm run dev`'s warm build (scripts/dev/builder.ts): built at the start in the dev server's own
 * process, then again, incrementally, when a file under content/ changes; wrangler dev is given a
 * configuration without a build step of its own.
 */
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startDevBuilder, type DevBuilder } from "../../scripts/dev/builder.ts";
import { fixtureProject } from "../support/project.ts";

const quiet = { log: () => {}, error: () => {}, now: () => Date.parse("2026-12-01T00:00:00Z") };
let builder: DevBuilder | undefined;
let root: string | undefined;
afterEach(async () => {
  builder?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

/** Whether any store file holds `text`. */
async function storeHolds(dir: string, text: string): Promise<boolean> {
  for (const f of await readdir(join(dir, "public/_store"), { recursive: true })) {
    const bytes = await readFile(join(dir, "public/_store", f)).catch(() => undefined);
    if (bytes?.includes(Buffer.from(text))) return true;
  }
  return false;
}

describe("the dev server's build", () => {
  it("builds drafts too at the start, and again when an article changes, compiling only it", async () => {
    root = await fixtureProject();
    builder = await startDevBuilder(root, quiet);
    expect(builder.last()?.ok).toBe(true);
    expect(builder.last()?.written?.manifest.preview).toBe(true);
    const first = builder.last();
    const file = join(root, "content/articles/school-books-2025.md");
    await writeFile(file, (await readFile(file, "utf8")).replace("title: 协会向山区学校捐赠图书", "title: 改过的标题"));
    // The watcher sees the change; no call needed.
    for (let i = 0; i < 200 && builder.last() === first; i++) await new Promise((r) => setTimeout(r, 50));
    await builder.settled();
    expect(builder.last()).not.toBe(first);
    expect(builder.last()?.compiled).toBe(1);
    expect(await storeHolds(root, "改过的标题")).toBe(true);
  }, 30_000);

  it("gives wrangler dev this project's configuration without its build step, paths made absolute", async () => {
    root = await fixtureProject();
    builder = await startDevBuilder(root, quiet);
    const [flag, path, persist, state] = builder.wranglerArgs;
    expect([flag, persist, state]).toEqual(["--config", "--persist-to", join(root, ".wrangler/state")]);
    const config = JSON.parse(await readFile(path!, "utf8")) as Record<string, any>;
    expect(config.build).toBeUndefined();
    expect(config.main).toBe(join(root, "src/index.ts"));
    expect(config.assets).toEqual({ directory: join(root, "public"), binding: "ASSETS", run_worker_first: true });
  }, 30_000);
});
