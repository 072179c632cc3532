/**
 * The desk in an editor's words (issue 33, parts 2 and 6), on copies of the fixture site: the
 * backend's problems in Chinese at their fields (a title of only spaces at 标题, not an
 * API_ERROR), the labels the catalogue names fields by equal to the desk's, the list newest
 * first, the body right after title and section, no 标题 1 in the toolbar, no npm in the
 * description.
 */
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { createDesk, type Desk, type FieldProblem } from "../../scripts/desk/backend.ts";
import { toDecap } from "../../scripts/desk/article.ts";
import { deskConfig, FIELD_WIDGETS } from "../../scripts/desk/config.ts";
import { ARTICLE_LABELS } from "../../scripts/content/labels.ts";
import { buildSite } from "../../scripts/content/builder.ts";
import { siteLanguage } from "../../scripts/content/language.ts";
import { fixtureProject } from "../support/project.ts";
import { fixture, SITE_YAML } from "./fixture.ts";

let root: string;
let desk: Desk;
const NOW = Date.parse("2026-12-06T12:00:00+08:00");
const SITE = { name: "测试协会", timeZone: "Asia/Shanghai", categories: [{ slug: "news", name: "协会动态" }] };

beforeEach(async () => {
  root = await fixtureProject();
  desk = createDesk(root, { now: () => NOW });
});

/** A new article's save as Decap sends it, to `content/articles/<name>`. */
const save = (name: string, data: Record<string, unknown>) =>
  desk.handle("persistEntry", {
    dataFiles: [{ path: `content/articles/${name}`, raw: toDecap({ data, body: "正文。\n" }) }],
    assets: [],
    options: { newEntry: true },
  });

const problemsOf = (body: unknown) => (body as { problems: FieldProblem[] }).problems;

describe("a refused save, in the editor's words at the field", () => {
  it("a title of only spaces: 请填写标题 at 标题, not a file name", async () => {
    const before = await readdir(join(root, "content/articles"));
    // Decap names the file from the slug, made from the title: nothing, so `.md`.
    const answer = await save(".md", { title: "   ", category: "协会动态", date: "2026-11-20T14:30" });
    expect(answer.status).toBe(422);
    expect(problemsOf(answer.body)).toEqual([
      {
        field: "title",
        label: "标题",
        code: "required",
        message: "请填写“标题”",
        hint: "在“标题”中填写,例如 协会召开第五届会员大会",
        line: 1,
        severity: "error",
      },
    ]);
    expect((answer.body as { error: string }).error).toBe("标题:请填写“标题”");
    expect(await readdir(join(root, "content/articles"))).toEqual(before);
  });

  it("a title that makes no address (only punctuation): at 网址", async () => {
    const answer = await save(".md", { title: "!!!", category: "协会动态", date: "2026-11-20T14:30" });
    expect(answer.status).toBe(422);
    expect(problemsOf(answer.body).map((p) => [p.field, p.label, p.code, p.message])).toEqual([
      ["slug", "网址", "required", "请填写“网址”"],
    ]);
  });

  it("an invalid date: the message and hint in Chinese, with an example and no YAML", async () => {
    const answer = await save("pei-xun.md", { title: "培训", category: "协会动态", date: "2026-02-30T09:00" });
    expect(problemsOf(answer.body)).toEqual([
      {
        field: "date",
        label: "发布时间",
        code: "invalid-date",
        message: "“发布时间”不是有效的日期",
        hint: "按“年-月-日 时:分”填写,例如 2026-03-18 09:30,也可只写日期,例如 2026-03-18;晚于现在即定时发布;原文未载明日期时,勾选“日期不详”,可填“不早于”的日期和说明",
        line: 5,
        severity: "error",
      },
    ]);
  });
});

describe("the desk's list and form", () => {
  it("lists articles newest first; a date not known by its 不早于 date", async () => {
    const answer = await desk.handle("entriesByFolder", {});
    const paths = (answer.body as { file: { path: string } }[]).map((e) =>
      e.file.path.replace("content/articles/", ""),
    );
    expect(paths).toEqual([
      "ceramics-expo-2099.md",
      "member-congress-2026.md",
      "annual-report-draft.md",
      "tile-exports-2025.md",
      "school-books-2025.md",
      "chancheng-2018-reform-four-towns.md",
    ]);
  });

  it("puts the body right after title and section", () => {
    const fields = (deskConfig(SITE).collections as { fields: { name: string }[] }[])[0]!.fields;
    expect(fields.slice(0, 4).map((f) => f.name)).toEqual(["id", "title", "category", "body"]);
  });

  it("offers no 标题 1 in the body's toolbar (the title is the page's heading)", () => {
    const fields = (deskConfig(SITE).collections as { fields: { name: string; buttons?: string[] }[] }[])[0]!.fields;
    const buttons = fields.find((f) => f.name === "body")!.buttons!;
    expect(buttons.filter((b) => b.startsWith("heading-"))).toEqual(["heading-two", "heading-three", "heading-four"]);
  });

  it("describes the collection without npm", () => {
    const collection = (deskConfig(SITE).collections as { description: string }[])[0]!;
    expect(collection.description).toBe("测试协会的新闻文章,最新的在前。保存时自动检查,有问题会在相应的项下方说明。");
  });

  it("labels each field as the catalogue's Chinese messages name it", () => {
    for (const [key, widget] of Object.entries(FIELD_WIDGETS)) {
      const field = widget(SITE) as { label: string; fields?: { name: string; label: string }[] };
      expect(field.label, key).toBe(ARTICLE_LABELS[key]);
      for (const sub of field.fields ?? [])
        expect(ARTICLE_LABELS[`${key}.${sub.name}`], `${key}.${sub.name}`).toBe(`${field.label} › ${sub.label}`);
    }
  });
});

describe("npm run dev's build, in the terminal an editor watches", () => {
  it("prints a content problem in the site's language, the field by its desk label", async () => {
    const root = await fixture({
      "articles/a.md":
        "---\nid: 11111111-1111-4111-8111-111111111111\ncategory: 协会动态\ndate: 2026-01-05\n---\n\n正文。\n",
    });
    expect(await siteLanguage(root)).toBe("zh");
    const lines: string[] = [];
    const built = await buildSite(root, { lang: await siteLanguage(root), log: () => {}, error: (l) => lines.push(l) });
    expect(built.ok).toBe(false);
    expect(lines).toEqual([
      "content/articles/a.md:2:1 标题:请填写“标题”\n    提示:在“标题”中填写,例如 协会召开第五届会员大会",
      "\ncontent: 1 个错误,0 个提醒。网站没有更新:改正以上错误后会自动重新生成。",
    ]);
  });

  it("reads English for a site that is not Chinese", async () => {
    const root = await fixture({ "site.yaml": SITE_YAML.replace("language: zh-CN", "language: en") });
    expect(await siteLanguage(root)).toBe("en");
  });
});
