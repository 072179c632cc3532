/**
 * The desk's first list from the content build's manifest of sources (issue 30, the desk at
 * archive size): a file the build saw as it is now is not read again; one changed since is.
 */
import { readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildSite } from "../../scripts/content/builder.ts";
import { createDesk } from "../../scripts/desk/backend.ts";
import { fixtureProject } from "../support/project.ts";

const NOW = Date.parse("2026-12-06T12:00:00+08:00");
const roots: string[] = [];
afterEach(async () => {
  await Promise.all(roots.splice(0).map((r) => rm(r, { recursive: true, force: true })));
});

type Row = { path: string; title: string; category: string; date: string; state: string };
async function rows(root: string): Promise<Row[]> {
  const answer = await createDesk(root, { now: () => NOW }).handle("entriesPage", { size: 200 });
  expect(answer.status).toBe(200);
  return (answer.body as { entries: Row[] }).entries;
}
async function folder(root: string): Promise<unknown> {
  const answer = await createDesk(root, { now: () => NOW }).handle("entriesByFolder", {});
  expect(answer.status).toBe(200);
  return answer.body;
}

/** The fixture site, its articles written a minute ago (a time within a second of a build is read again), built. */
async function builtSite() {
  const root = await fixtureProject();
  roots.push(root);
  const dir = join(root, "content/articles");
  const names = (await readdir(dir)).filter((n) => n.endsWith(".md")).sort();
  const past = new Date(Date.now() - 60_000);
  for (const n of names) await utimes(join(dir, n), past, past);
  return { root, dir, names };
}
async function build(root: string) {
  const built = await buildSite(root, { preview: true, log: () => {}, error: () => {} });
  expect(built.ok).toBe(true);
}

/** Each file made only spaces, its size and time kept: a list that read one would show it 无法读取. */
async function blankKeepingTimes(dir: string, names: readonly string[]): Promise<void> {
  for (const n of names) {
    const path = join(dir, n);
    const st = await stat(path);
    await writeFile(path, " ".repeat(st.size));
    await utimes(path, st.atime, st.mtime);
  }
}

describe("the desk's first list after a build", () => {
  it("comes from the manifest: each file blanked (same size and time) after the build still lists as built", async () => {
    const { root, dir, names } = await builtSite();
    const fromFiles = await rows(root);
    const folderFromFiles = await folder(root);
    expect(fromFiles.length).toBe(names.length);
    await build(root);
    await blankKeepingTimes(dir, names);
    expect(await rows(root)).toEqual(fromFiles);
    expect(await folder(root)).toEqual(folderFromFiles);
  });

  it("suggests the tags in use from the manifest too: each file blanked after the build", async () => {
    const { root, dir, names } = await builtSite();
    const fromFiles = await createDesk(root, { now: () => NOW }).tags();
    // 禅城区 is in three articles, every other tag in one.
    expect(fromFiles[0]).toBe("禅城区");
    expect(fromFiles).toHaveLength(12);
    await build(root);
    await blankKeepingTimes(dir, names);
    expect(await createDesk(root, { now: () => NOW }).tags()).toEqual(fromFiles);
  });

  it("reads an article saved after the build: its new title is listed", async () => {
    const { root, dir, names } = await builtSite();
    await build(root);
    const name = names.find((n) => n === "tile-exports-2025.md")!;
    const text = await readFile(join(dir, name), "utf8");
    await writeFile(join(dir, name), text.replace(/^title: .*$/m, "title: 改过的标题"));
    const row = (await rows(root)).find((r) => r.path === `content/articles/${name}`);
    expect(row?.title).toBe("改过的标题");
  });
});
