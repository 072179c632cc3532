/**
 * The desk at archive size (issue 30). A save checks the one article against the build's stored
 * index: the problems `npm run check` reports for that file, found without building the rest,
 * nothing written when there is an error, and the manifest left for the dev server's build to
 * update. The list sends summaries, never bodies.
 */
import { readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildContent } from "../../scripts/content/build.ts";
import { buildSite } from "../../scripts/content/builder.ts";
import { MANIFEST_DIR } from "../../scripts/content/manifest.ts";
import { createDesk, type Desk } from "../../scripts/desk/backend.ts";
import { fromDecap, toDecap } from "../../scripts/desk/article.ts";
import { fixtureProject } from "../support/project.ts";

let root: string;
let desk: Desk;
const NOW = Date.parse("2026-12-06T12:00:00+08:00");

beforeEach(async () => {
  root = await fixtureProject();
  // As `npm run dev` leaves it: built, with its manifest of sources.
  await buildSite(root, { preview: true, builtAt: NOW, log: () => {}, error: () => {} });
  desk = createDesk(root, { now: () => NOW });
});
afterEach(() => rm(root, { recursive: true, force: true }));

const save = (name: string, data: Record<string, unknown>, body = "正文。\n") =>
  desk.handle("persistEntry", {
    dataFiles: [{ path: `content/articles/${name}`, raw: toDecap({ data, body }) }],
    assets: [],
    options: { newEntry: true },
  });
const NEW = { title: "协会举办陶瓷设计培训班", category: "协会动态", date: "2026-11-20T14:30" };

describe("a save checked against the stored index", () => {
  it("refuses a slug another article has, naming it, and writes nothing", async () => {
    const answer = await save("zz-pei-xun.md", { ...NEW, slug: "school-books-2025" });
    expect(answer.status).toBe(422);
    const problems = (answer.body as { problems: { field: string; code: string; severity: string }[] }).problems;
    expect(problems.map((p) => [p.field, p.code, p.severity])).toEqual([["slug", "duplicate-slug", "error"]]);
    await expect(stat(join(root, "content/articles/zz-pei-xun.md"))).rejects.toThrow(/ENOENT/);
  });

  it("refuses a link to an article that does not exist, at its line", async () => {
    const answer = await save("pei-xun.md", NEW, "见[旧文](no-such-article.md)。\n");
    expect(answer.status).toBe(422);
    const problems = (answer.body as { problems: { field: string; code: string; line: number }[] }).problems;
    expect(problems.map((p) => [p.field, p.code, p.line])).toEqual([["body", "broken-link", 8]]);
  });

  it("reports what npm run check reports for the file once saved, and leaves the manifest as it was", async () => {
    const head = await readFile(join(root, MANIFEST_DIR, "head.json"), "utf8");
    const answer = await save("pei-xun.md", { ...NEW, colour: "红" });
    expect(answer.status).toBe(200);
    const own = (answer.body as { problems: { field: string; code: string; line: number }[] }).problems;
    const check = (await buildContent(root)).issues.filter((i) => i.file === "content/articles/pei-xun.md");
    expect(own.map((p) => [p.field, p.code, p.line])).toEqual(check.map((i) => [i.field, i.code, i.line]));
    expect(own.length).toBeGreaterThan(0);
    // The check wrote no manifest: the dev server's build records the saved file when it sees it.
    expect(await readFile(join(root, MANIFEST_DIR, "head.json"), "utf8")).toBe(head);
  });
});

describe("the desk's list", () => {
  it("sends each article's summary (title, section, date as written and as known, state), never its body", async () => {
    const listed = (await desk.handle("entriesByFolder", {})).body as { file: { path: string }; data: string }[];
    expect(listed).toHaveLength(6);
    const school = listed.find((e) => e.file.path === "content/articles/school-books-2025.md")!;
    expect(fromDecap(school.data)).toEqual({
      data: {
        title: "协会向山区学校捐赠图书",
        category: "慈善公益",
        date: "2025-06-01",
        _date: "2025-06-01",
        _state: "已发布",
      },
      body: "",
    });
    const draft = listed.find((e) => e.file.path === "content/articles/annual-report-draft.md")!;
    expect(fromDecap(draft.data)?.data).toMatchObject({ draft: true, _state: "草稿" });
    for (const e of listed) expect(fromDecap(e.data)?.body).toBe("");
  });

  it("shows an article changed since the last list as it is now", async () => {
    await desk.handle("entriesByFolder", {});
    const file = join(root, "content/articles/school-books-2025.md");
    await writeFile(file, (await readFile(file, "utf8")).replace("title: 协会向山区学校捐赠图书", "title: 改过的标题"));
    const listed = (await desk.handle("entriesByFolder", {})).body as { file: { path: string }; data: string }[];
    const school = listed.find((e) => e.file.path === "content/articles/school-books-2025.md")!;
    expect(fromDecap(school.data)?.data.title).toBe("改过的标题");
  });
});
