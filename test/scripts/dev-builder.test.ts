/**
 * `npm run dev`'s warm build (scripts/dev/builder.ts): built at the start in the dev server's own
 * process, then again, incrementally, when a file under content/ changes; wrangler dev is given a
 * configuration without a build step of its own.
 */
import { readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildSite } from "../../scripts/content/builder.ts";
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

  it("rewrites only the store when content changes: the generated module keeps its bytes and time, the store's manifest file is the new build's", async () => {
    root = await fixtureProject();
    let clock = Date.parse("2026-12-01T00:00:00Z");
    builder = await startDevBuilder(root, { ...quiet, now: () => clock });
    const module = join(root, "src/generated/content.ts");
    const manifestFile = join(root, "public/_store/manifest.json");
    const [text, { mtimeMs }] = [await readFile(module, "utf8"), await stat(module)];
    const first = JSON.parse(await readFile(manifestFile, "utf8"));
    expect(first.version).toBe(builder.last()?.written?.manifest.version);
    const file = join(root, "content/articles/school-books-2025.md");
    await writeFile(file, (await readFile(file, "utf8")).replace("title: 协会向山区学校捐赠图书", "title: 改过的标题"));
    clock += 60_000;
    await builder.rebuild();
    expect(builder.last()?.compiled).toBe(1);
    // wrangler dev reloads the worker for a changed module too: a second reload the page waits for.
    expect(await readFile(module, "utf8")).toBe(text);
    expect((await stat(module)).mtimeMs).toBe(mtimeMs);
    const now = JSON.parse(await readFile(manifestFile, "utf8"));
    expect(now).toEqual(builder.last()?.written?.manifest);
    expect(now.version).not.toBe(first.version);
    expect(now.builtAt).toBe(clock);
  }, 30_000);

  it("writes the clock of a build that changed nothing to the store's manifest file, not to the module", async () => {
    root = await fixtureProject();
    // Files written a second ago or less are not vouched for by their times (files.ts `racy`).
    const hourAgo = new Date(Date.now() - 3_600_000);
    for (const f of await readdir(join(root, "content"), { recursive: true }))
      await utimes(join(root, "content", f), hourAgo, hourAgo);
    let clock = Date.parse("2026-12-01T00:00:00Z");
    builder = await startDevBuilder(root, { ...quiet, now: () => clock });
    const module = join(root, "src/generated/content.ts");
    const { mtimeMs } = await stat(module);
    clock += 60_000;
    await builder.rebuild();
    expect(builder.last()?.unchanged).toBe(true);
    expect((await stat(module)).mtimeMs).toBe(mtimeMs);
    expect(JSON.parse(await readFile(join(root, "public/_store/manifest.json"), "utf8")).builtAt).toBe(clock);
    // And the build after it still finds nothing changed (the manifest file is not an output it vouches for).
    clock += 60_000;
    await builder.rebuild();
    expect(builder.last()?.unchanged).toBe(true);
  }, 30_000);

  it("leaves no preview manifest file in a deployed build's store, whose module holds the manifest", async () => {
    root = await fixtureProject();
    builder = await startDevBuilder(root, quiet);
    builder.close();
    builder = undefined;
    const built = await buildSite(root, {
      builtAt: Date.parse("2026-12-01T00:00:00Z"),
      log: () => {},
      error: () => {},
    });
    expect(built.ok).toBe(true);
    await expect(stat(join(root, "public/_store/manifest.json"))).rejects.toThrow(/ENOENT/);
    const text = await readFile(join(root, "src/generated/content.ts"), "utf8");
    expect(text).toContain(`export const manifest: StoreManifest = ${JSON.stringify(built.written!.manifest)};`);
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
