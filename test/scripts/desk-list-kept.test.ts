/**
 * What the desk's list keeps between lists (issue 30, the desk at archive size): each file's
 * summary by its size and time, so a later list reads only what changed. Kept or not, a list shows
 * the files as they are now: edited outside the desk, deleted, re-created, the clock moved on, the
 * site's time zone changed.
 */
import { readFile, rm, stat, unlink, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createDesk } from "../../scripts/desk/backend.ts";
import { fixtureProject } from "../support/project.ts";

const NOW = Date.parse("2026-12-06T12:00:00+08:00");
const roots: string[] = [];
afterEach(async () => {
  await Promise.all(roots.splice(0).map((r) => rm(r, { recursive: true, force: true })));
});

type Row = { path: string; title: string; date: string; state: string };
async function rows(desk: ReturnType<typeof createDesk>): Promise<Row[]> {
  const answer = await desk.handle("entriesPage", { size: 200 });
  expect(answer.status).toBe(200);
  return (answer.body as { entries: Row[] }).entries;
}
const row = async (desk: ReturnType<typeof createDesk>, path: string) =>
  (await rows(desk)).find((r) => r.path === path);

async function site() {
  const root = await fixtureProject();
  roots.push(root);
  return root;
}

const PATH = "content/articles/tile-exports-2025.md";

describe("the desk's list between lists", () => {
  it("shows an edit made in a text editor after a first list (another size)", async () => {
    const root = await site();
    const desk = createDesk(root, { now: () => NOW });
    expect((await row(desk, PATH))?.title).not.toBe("文本编辑器改的标题");
    const file = join(root, PATH);
    await writeFile(file, (await readFile(file, "utf8")).replace(/^title: .*$/m, "title: 文本编辑器改的标题"));
    expect((await row(desk, PATH))?.title).toBe("文本编辑器改的标题");
  });

  it("shows an edit of the same size: the file's time tells it apart", async () => {
    const root = await site();
    const desk = createDesk(root, { now: () => NOW });
    const file = join(root, PATH);
    const text = await readFile(file, "utf8");
    const title = /^title: (.*)$/m.exec(text)![1]!;
    await utimes(file, new Date(NOW - 120_000), new Date(NOW - 120_000));
    await rows(desk);
    // The same number of bytes: the title's last character replaced by another of the same length.
    const same = title.slice(0, -1) + (title.endsWith("甲") ? "乙" : "甲");
    await writeFile(file, text.replace(title, same));
    await utimes(file, new Date(NOW - 60_000), new Date(NOW - 60_000));
    expect((await stat(file)).size).toBe(Buffer.byteLength(text));
    expect((await row(desk, PATH))?.title).toBe(same);
  });

  it("drops a deleted file, and reads a file re-created under its name with its old size and time", async () => {
    const root = await site();
    const desk = createDesk(root, { now: () => NOW });
    const file = join(root, PATH);
    const text = await readFile(file, "utf8");
    // A whole second, which the re-created file can be given exactly.
    const minuteAgo = new Date(NOW - 60_000);
    await utimes(file, minuteAgo, minuteAgo);
    const before = await rows(desk);
    const old = await stat(file);
    await unlink(file);
    const after = await rows(desk);
    expect(after.map((r) => r.path)).toEqual(before.map((r) => r.path).filter((p) => p !== PATH));
    // Another article under the same name, as many bytes (each Chinese character of the title
    // another), the same time: nothing kept of the deleted one may stand for it.
    const title = /^title: (.*)$/m.exec(text)![1]!;
    const other = title.replace(/[^\x00-\x7f]/g, "另");
    await writeFile(file, text.replace(title, other));
    await utimes(file, minuteAgo, minuteAgo);
    const now = await stat(file);
    expect([now.size, now.mtimeMs]).toEqual([old.size, old.mtimeMs]);
    expect((await row(desk, PATH))?.title).toBe(other);
  });

  it("suggests a tag added in a text editor after a first list, and no longer one no file has", async () => {
    const root = await site();
    const desk = createDesk(root, { now: () => NOW });
    expect(await desk.tags()).toContain("出口");
    const file = join(root, PATH);
    await writeFile(file, (await readFile(file, "utf8")).replace("tags: [陶瓷, 出口]", "tags: [陶瓷, 新标签]"));
    const now = await desk.tags();
    expect(now).toContain("新标签");
    expect(now).not.toContain("出口");
  });

  it("moves an article from 定时发布 to 已发布 when the clock passes its date, the file untouched", async () => {
    const root = await site();
    let now = Date.parse("2026-01-01T00:00:00+08:00");
    const desk = createDesk(root, { now: () => now });
    const file = join(root, PATH);
    await writeFile(file, (await readFile(file, "utf8")).replace(/^date: .*$/m, "date: 2026-06-01T09:30"));
    expect((await row(desk, PATH))?.state).toBe("定时发布(2026-06-01 09:30)");
    now = Date.parse("2026-06-01T09:31:00+08:00");
    expect((await row(desk, PATH))?.state).toBe("已发布");
  });

  it("shows a date written with its offset in the site's new time zone after site.yaml changes", async () => {
    const root = await site();
    const desk = createDesk(root, { now: () => NOW });
    const file = join(root, PATH);
    await writeFile(file, (await readFile(file, "utf8")).replace(/^date: .*$/m, "date: 2025-03-01T00:00:00Z"));
    expect((await row(desk, PATH))?.date).toBe("2025-03-01 08:00");
    const settings = join(root, "content/site.yaml");
    await writeFile(settings, (await readFile(settings, "utf8")).replace("timeZone: Asia/Shanghai", "timeZone: UTC"));
    expect((await row(desk, PATH))?.date).toBe("2025-03-01 00:00");
  });
});
