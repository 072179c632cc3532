/**
 * Front matter cannot be injected (issue 29, part 3). Text from outside (a feed's link, a
 * WordPress tag, an editor's value) reaches a file only through the YAML writer, the front matter
 * ends only at a `---` line at column 0 (frontmatter.ts isFence), and one-line fields refuse a line
 * break where they enter: the importer, the desk, `npm run new` and `npm run check`. Projects are
 * built here (fixture.ts), never the site's content/.
 */
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildContent, formatIssue } from "../../scripts/content/index.ts";
import { frontMatterData, splitFrontMatter, writeYaml } from "../../scripts/content/frontmatter.ts";
import { articleTemplate } from "../../scripts/content/scaffold.ts";
import { createDesk } from "../../scripts/desk/backend.ts";
import { readArticle, toDecap, writeArticle } from "../../scripts/desk/article.ts";
import type { Imported } from "../../scripts/import/imported.ts";
import { planArticles, uuidv5 } from "../../scripts/import/write.ts";
import { fixtureProject } from "../support/project.ts";
import { article, fixture, runScript } from "./fixture.ts";

const SITE = {
  timeZone: "Asia/Shanghai",
  categories: [
    { slug: "news", name: "协会动态" },
    { slug: "outlook", name: "行业前瞻" },
  ],
};
const plan = (items: Imported[]) => planArticles(items, SITE, { takenSlugs: new Set(), today: "2026-12-07" });
const item = (fields: Partial<Imported> = {}): Imported => ({
  url: "http://old.example.cn/a/2018/0621/123.html",
  title: "协会召开理事会",
  html: "<p>理事会在禅城召开。</p>",
  publishedLocal: "2018-06-21T09:30",
  tags: [],
  categories: ["协会动态"],
  ...fields,
});

/** A link that, written into the file as text, would close the front matter with keys of its own. */
const FORGED_ID = "00000000-0000-4000-8000-000000000000";
const HOSTILE_LINK =
  "http://old.example.cn/a/1.html\n" +
  `id: ${FORGED_ID}\ntitle: 伪造的文章\ncategory: 协会动态\ndate: 2020-01-01\nslug: forged\naliases: [/about.html]\n---`;

describe("a feed item's link never becomes front matter", () => {
  it("refuses an item whose link holds a line break, naming it, and plans the others", () => {
    const good = item({ url: "http://old.example.cn/a/2.html", title: "行业展望" });
    const { planned, skipped } = plan([item({ url: HOSTILE_LINK }), good]);
    expect(skipped).toEqual([
      `${JSON.stringify(HOSTILE_LINK)}: its link holds the control character U+000A, so it is not a URL; the item is not imported`,
    ]);
    expect(planned.map((p) => p.url)).toEqual(["http://old.example.cn/a/2.html"]);
  });

  it("refuses an item whose link is not a URL, and plans the others", () => {
    const { planned, skipped } = plan([
      item({ url: "not a url at all" }),
      item({ url: "http://old.example.cn/a/2.html" }),
    ]);
    expect(skipped).toEqual(['"not a url at all": its link is not a URL; the item is not imported']);
    expect(planned.map((p) => p.url)).toEqual(["http://old.example.cn/a/2.html"]);
  });

  it("writes where the article came from as a comment of the YAML writer, the link as the URL parser gives it", () => {
    const { planned } = plan([item({ url: "http://old.example.cn/新闻/1 2.html" })]);
    const text = planned[0]!.text;
    expect(text.split("\n").slice(0, 3)).toEqual([
      "---",
      "# Imported from http://old.example.cn/%E6%96%B0%E9%97%BB/1%202.html",
      `id: ${uuidv5("http://old.example.cn/新闻/1 2.html")}`,
    ]);
  });

  const feeds = {
    "an RSS <link>": [
      "feed.xml",
      `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>旧站</title>
<item><title>伪造</title><link>${HOSTILE_LINK.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</link><description>&lt;p&gt;正文&lt;/p&gt;</description></item>
<item><title>行业展望</title><link>http://old.example.cn/a/2.html</link><description>&lt;p&gt;正文&lt;/p&gt;</description></item>
</channel></rss>`,
    ],
    "an Atom href": [
      "feed.xml",
      `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>旧站</title><id>urn:x</id><updated>2019-01-02T00:00:00Z</updated>
<entry><title>伪造</title><link href="${HOSTILE_LINK.replace(/\n/g, "&#10;")}"/><id>urn:1</id><updated>2019-01-02T00:00:00Z</updated><content type="html">&lt;p&gt;正文&lt;/p&gt;</content></entry>
<entry><title>行业展望</title><link href="http://old.example.cn/a/2.html"/><id>urn:2</id><updated>2019-01-02T00:00:00Z</updated><content type="html">&lt;p&gt;正文&lt;/p&gt;</content></entry>
</feed>`,
    ],
    "a JSON Feed url": [
      "feed.json",
      JSON.stringify({
        version: "https://jsonfeed.org/version/1.1",
        title: "旧站",
        items: [
          { id: "1", url: HOSTILE_LINK, title: "伪造", content_html: "<p>正文</p>" },
          { id: "2", url: "http://old.example.cn/a/2.html", title: "行业展望", content_html: "<p>正文</p>" },
        ],
      }),
    ],
  } as const;

  it.each(Object.entries(feeds))(
    "npm run import reports the item of %s with a line break and writes the other, which builds clean",
    async (_, [name, text]) => {
      const root = await fixture({ "articles/.keep": "" });
      await writeFile(join(root, name), text);
      const { code, stdout, stderr } = await runScript("import.ts", root, join(root, name), "--category", "协会动态");
      expect(code, stdout + stderr).toBe(0);
      expect(stderr).toContain(
        `import: skipped ${JSON.stringify(HOSTILE_LINK)}: its link holds the control character U+000A, so it is not a URL; the item is not imported\n`,
      );
      expect((await readdir(join(root, "content/articles"))).filter((n) => n.endsWith(".md"))).toEqual([
        "hang-ye-zhan-wang.md",
      ]);
      const { model, issues } = await buildContent(root);
      expect(issues.filter((i) => i.severity === "error")).toEqual([]);
      expect(model!.articles.map((a) => [a.id, a.slug])).toEqual([
        [uuidv5("http://old.example.cn/a/2.html"), "hang-ye-zhan-wang"],
      ]);
    },
    30_000,
  );
});

/** A private WordPress post as the importer wrote it before: its tag's `---` line inside a block scalar. */
const PRIVATE_POST = `---
# Imported from http://old.example.cn/?p=7
id: 33333333-3333-4333-8333-333333333333
title: 会员内部通知
slug: hui-yuan-nei-bu-tong-zhi
category: 协会动态
date: 2018-06-21T09:30
tags:
  - |-
    会员
    ---
draft: true
aliases:
  - /?p=7
---

仅限会员阅读。
`;

/** A WordPress export: a private, password-protected post with a tag that holds a `---` line, and a public post. */
const WXR = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>旧站</title><link>http://old.example.cn</link><wp:wxr_version>1.2</wp:wxr_version>
<wp:base_blog_url>http://old.example.cn</wp:base_blog_url>
<item><title>会员内部通知</title><link>http://old.example.cn/?p=7</link><guid isPermaLink="false">http://old.example.cn/?p=7</guid>
<content:encoded><![CDATA[仅限会员阅读。]]></content:encoded><wp:post_id>7</wp:post_id>
<wp:post_date_gmt>2018-06-21 01:30:00</wp:post_date_gmt><wp:status>private</wp:status><wp:post_type>post</wp:post_type>
<wp:post_password>secret</wp:post_password>
<category domain="post_tag" nicename="hui-yuan"><![CDATA[会员
---
]]></category></item>
<item><title>行业展望</title><link>http://old.example.cn/?p=8</link><guid isPermaLink="false">http://old.example.cn/?p=8</guid>
<content:encoded><![CDATA[公开的文章。]]></content:encoded><wp:post_id>8</wp:post_id>
<wp:post_date_gmt>2018-06-22 01:30:00</wp:post_date_gmt><wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>
</channel></rss>
`;

describe("a WordPress tag never ends the front matter", () => {
  it("npm run import reports the private post whose tag holds a line break, and imports the public one", async () => {
    const root = await fixture({ "articles/.keep": "", "../old.xml": WXR });
    const { code, stdout, stderr } = await runScript(
      "import.ts",
      root,
      join(root, "old.xml"),
      "--category",
      "协会动态",
    );
    expect(code, stdout + stderr).toBe(0);
    expect(stderr).toContain(
      'import: skipped http://old.example.cn/?p=7: a line break (U+000A) in its tag "会员\\n---": title, author, source and each tag are one line; the item is not imported\n',
    );
    const { model, issues } = await buildContent(root);
    expect(issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(model!.articles.map((a) => [a.title, a.draft])).toEqual([["行业展望", false]]);
  }, 30_000);
});

describe("the front matter ends only at a --- line at column 0", () => {
  it("reads an indented --- inside a block scalar as part of the value", () => {
    const split = splitFrontMatter(PRIVATE_POST);
    expect(split).toMatchObject({ yamlLine: 2, bodyLine: 16, body: "\n仅限会员阅读。\n" });
    expect(frontMatterData(PRIVATE_POST)).toMatchObject({ tags: ["会员\n---"], draft: true, aliases: ["/?p=7"] });
  });

  it("closes at --- with white space after it (YAML's marker), never at ---x or an indented ---", () => {
    expect(splitFrontMatter("---\ntitle: a\n--- \t\nbody")).toMatchObject({ yaml: "title: a", body: "body" });
    expect(splitFrontMatter("---\ntitle: a\n ---\n---x\n")).toEqual({ error: "front-matter-unclosed", line: 1 });
    expect(splitFrontMatter(" ---\ntitle: a\n---\n")).toEqual({ error: "front-matter-missing", line: 1 });
  });

  it("keeps a private post a draft: the check refuses its tag instead of building it public", async () => {
    const root = await fixture({ "articles/private.md": PRIVATE_POST });
    const { model, issues } = await buildContent(root);
    expect(model).toBeUndefined();
    expect(issues).toEqual([
      expect.objectContaining({
        code: "line-break",
        file: "content/articles/private.md",
        line: 9,
        column: 5,
        field: "tags.0",
        severity: "error",
      }),
    ]);
  });

  it("keeps an editor's summary that quotes a --- line whole, and the keys after it", async () => {
    const summary = "通知原文如下:\n---\n请各会员单位准时出席。";
    const file = article(
      `id: 44444444-4444-4444-8444-444444444444\ntitle: 转发通知\ncategory: 协会动态\ndate: 2026-01-05\nsummary: |-\n  通知原文如下:\n  ---\n  请各会员单位准时出席。\ndraft: true`,
    );
    const { model, issues } = await buildContent(await fixture({ "articles/notice.md": file }));
    expect(issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(model!.articles.map((a) => [a.summary, a.draft])).toEqual([[summary, true]]);
    expect(readArticle(file)?.data).toMatchObject({ summary, draft: true });
  });
});

describe("one-line fields refuse a line break where they enter", () => {
  it("npm run check names the code, file, line, field, and says in Chinese how to write it", async () => {
    const root = await fixture({
      "articles/a.md": article(
        `id: 55555555-5555-4555-8555-555555555555\ntitle: "协会召开\\n理事会"\ncategory: 协会动态\ndate: 2026-01-05\nauthor: "秘书处\\u0085"\nsource: "佛山\\u2028日报"\ntags: [会员, "大\\r会"]`,
      ),
    });
    const { issues } = await buildContent(root);
    expect(issues.map((i) => [i.code, i.file, i.line, i.column, i.field, i.zh!.message])).toEqual([
      ["line-break", "content/articles/a.md", 3, 8, "title", "只能写一行,这里有换行(U+000A)"],
      ["line-break", "content/articles/a.md", 7, 9, "source", "只能写一行,这里有换行(U+2028)"],
      ["line-break", "content/articles/a.md", 6, 9, "author", "只能写一行,这里有换行(U+0085)"],
      ["line-break", "content/articles/a.md", 8, 12, "tags.1", "只能写一行,这里有换行(U+000D)"],
    ]);
    expect(formatIssue(issues[0]!, "zh")).toBe(
      "content/articles/a.md:3:8 标题:只能写一行,这里有换行(U+000A)\n    提示:把标题写成一行,不要换行,例如:协会召开第五届会员大会",
    );
    const { code, stdout, stderr } = await runScript("check.ts", root, "--skip-bundle");
    expect(code).toBe(1);
    expect(stdout + stderr).toContain(
      "content/articles/a.md:8:12 标签:只能写一行,这里有换行(U+000D)\n    提示:把标签写成一行,不要换行,例如:会员大会\n",
    );
  }, 60_000);

  it("the desk refuses the save with the problem at the field, writing nothing", async () => {
    const root = await fixtureProject();
    const desk = createDesk(root, { now: () => Date.parse("2026-12-06T12:00:00+08:00") });
    const data = { title: "协会举办\n陶瓷设计培训班", category: "协会动态", date: "2026-11-20T14:30" };
    const answer = await desk.handle("persistEntry", {
      dataFiles: [{ path: "content/articles/pei-xun.md", raw: toDecap({ data, body: "正文。\n" }) }],
      assets: [],
      options: { newEntry: true },
    });
    expect(answer.status).toBe(422);
    const problems = (answer.body as { problems: { field: string; code: string; message: string; hint: string }[] })
      .problems;
    expect(problems.map((p) => [p.field, p.code, p.message, p.hint])).toEqual([
      ["title", "line-break", "只能写一行,这里有换行(U+000A)", "把标题写成一行,不要换行,例如:协会召开第五届会员大会"],
    ]);
    expect(await readdir(join(root, "content/articles"))).not.toContain("pei-xun.md");
  });

  it("the importer reports the item, naming the field, and imports the others", () => {
    const { planned, skipped } = plan([
      item({ url: "http://old.example.cn/a/1.html", title: "协会\n理事会" }),
      item({ url: "http://old.example.cn/a/2.html", tags: ["会员\n---\n"], title: "会员通知" }),
      item({ url: "http://old.example.cn/a/3.html", author: "秘书处\u2028", title: "作者" }),
      item({ url: "http://old.example.cn/a/4.html", title: "行业展望" }),
    ]);
    expect(skipped).toEqual([
      'http://old.example.cn/a/1.html: a line break (U+000A) in its title "协会\\n理事会": title, author, source and each tag are one line; the item is not imported',
      'http://old.example.cn/a/2.html: a line break (U+000A) in its tag "会员\\n---\\n": title, author, source and each tag are one line; the item is not imported',
      'http://old.example.cn/a/3.html: a line break (U+2028) in its author "秘书处\u2028": title, author, source and each tag are one line; the item is not imported',
    ]);
    expect(planned.map((p) => p.title)).toEqual(["行业展望"]);
  });

  it("npm run new refuses a title with a line break and writes nothing", async () => {
    const root = await fixture({ "articles/.keep": "" });
    const { code, stderr } = await runScript("new.ts", root, "--title", "协会召开\n理事会");
    expect(code).toBe(2);
    expect(stderr).toBe(
      'new: the title "协会召开\\n理事会" holds a line break (U+000A); a title is one line\n    fix: write it on one line: npm run new -- --title "协会召开2026年会员大会"\n',
    );
    expect(await readdir(join(root, "content/articles"))).toEqual([".keep"]);
  });
});

/** Pieces of text YAML, Markdown or a line-based reader could take for syntax, and arbitrary text. */
// prettier-ignore
const PIECES = [
  // Whole lines a line-based reader would take for a fence or a key, then pieces of syntax.
  "\n---\n", "\n--- \n", "\n  ---\n", "\n...\n", "\n# x\n", "\nid: x\n", "\ndraft: true\n", "\n- a\n", "\n",
  "\r", "\r\n", "---", "...", "# ", " #", "#", "'", '"', ":", ": ", "- ", "? ", "|", ">", "{", "}", "[", "]",
  ",", "&a", "*a", "!", "%", "@", "`", "\\", "\u2028", "\u2029", "\u0085", "\0", "\uFEFF", " ", "   ", "\t",
  "\v", "\f", "\x7f", "\x1b", "\ud800", "\udc00", "会员", "a", "true", "null", "1", "~", "-", "<b>", "&amp;",
  // Long runs, so that the writer folds lines at its width (80).
  "abcdefghij abcdefghij abcdefghij ", "禅城区陶瓷行业协会召开第五届会员大会审议通过年度工作报告", "x".repeat(50), " ".repeat(20),
];
const hostile = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 16 }).map((parts) => parts.join("")),
  fc.string({ unit: "binary", minLength: 1, maxLength: 30 }),
);
/** What YAML can hold and the desk keeps: not empty once trimmed (an empty field is left out). */
const kept = hostile.filter((s) => s.trim() !== "");
const LINE_BREAK = /[\n\r\v\f\u0085\u2028\u2029]/;
const RUNS = { numRuns: 300 };

describe("the YAML writer", () => {
  it("writes what the yaml package would write wrongly with JSON's escapes on one line", () => {
    // The package writes the first as `|+` with no indentation indicator (reads back "\n") and
    // folds the second as a double-quoted string that reads back otherwise.
    const spaces = "   \n";
    const folded = "---\n\n---\n\nid: x\n\r\n\n---\n \n---";
    expect(writeYaml({ summary: spaces })).toBe('summary: "   \\n"\n');
    expect(writeYaml({ summary: folded })).toBe(`summary: ${JSON.stringify(folded)}\n`);
    expect(writeYaml({ summary: "甲\n---\n乙" })).toBe("summary: |-\n  甲\n  ---\n  乙\n");
  });

  it("writes a comment's lines each as a comment, and refuses a control character in one", () => {
    expect(writeYaml({ id: "a" }, { before: " one\nid: b" })).toBe("# one\n#id: b\nid: a\n");
    expect(() => writeYaml({ id: "a" }, { before: " one\rid: b" })).toThrow(
      'a YAML comment cannot hold a control character: " one\\rid: b"',
    );
  });
});

describe("every writer reads back what it was given, every other key intact", () => {
  it("the importer: hostile title, summary, author, source, tags and link", () => {
    fc.assert(
      fc.property(kept, kept, kept, kept, kept, hostile, (title, summary, author, source, tag, path) => {
        const url = `http://old.example.cn/a/${path}`;
        const { planned, skipped } = plan([
          item({ url, title, summary, author, source: { name: source }, tags: [tag] }),
        ]);
        const oneLine = [title, author, source, tag].some((v) => LINE_BREAK.test(v));
        const badUrl = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(url);
        if (oneLine || badUrl) {
          expect(planned).toEqual([]);
          expect(skipped).toHaveLength(1);
          return;
        }
        expect(skipped).toEqual([]);
        const text = planned[0]!.text;
        const split = splitFrontMatter(text);
        expect(split).toMatchObject({ body: "\n理事会在禅城召开。\n" });
        expect(text.split("\n")[1]).toBe(`# Imported from ${new URL(url).href}`);
        const data = frontMatterData(text)!;
        expect(Object.keys(data)).toEqual([
          "id",
          "title",
          "slug",
          "category",
          "date",
          "summary",
          "source",
          "author",
          "tags",
          ...(data.aliases ? ["aliases"] : []),
        ]);
        expect(data).toMatchObject({
          id: uuidv5(url),
          title,
          slug: planned[0]!.slug,
          category: "协会动态",
          date: "2018-06-21T09:30",
          summary,
          source,
          author,
          tags: [tag],
        });
      }),
      RUNS,
    );
  });

  it("the desk: any value of any field, an unknown key and a body with --- lines", () => {
    fc.assert(
      fc.property(
        kept,
        kept,
        kept,
        kept,
        kept,
        kept,
        kept,
        hostile,
        (title, summary, author, source, tag, key, value, body) => {
          const data = {
            id: FORGED_ID,
            title,
            category: "协会动态",
            date: "2026-11-20T14:30",
            summary,
            source,
            author,
            tags: [tag, "会员"],
            draft: true,
            [`x${key}`]: value,
          };
          const written = writeArticle({ data, body });
          const read = readArticle(written);
          const trimmed = Object.fromEntries(
            Object.entries(data).map(([k, v]) => [
              k,
              typeof v === "string" ? v.trim() : Array.isArray(v) ? v.map((t) => t.trim()) : v,
            ]),
          );
          expect(read?.data).toEqual(trimmed);
          const text = body.replace(/\r\n?/g, "\n").replace(/^\n+/, "").trimEnd();
          expect(read?.body).toBe(text === "" ? "" : `${text}\n`);
        },
      ),
      RUNS,
    );
  });

  it("npm run new's scaffold: any title and section", () => {
    fc.assert(
      fc.property(hostile, hostile, (title, section) => {
        const text = articleTemplate({ id: FORGED_ID, title, category: section, date: "2026-12-01", slug: "a-b" });
        expect(frontMatterData(text)).toEqual({
          id: FORGED_ID,
          title,
          category: section,
          date: "2026-12-01",
          slug: "a-b",
        });
        expect(text).toContain("\n# draft: true\n---\n\n在这里写正文。");
      }),
      RUNS,
    );
  });
});
