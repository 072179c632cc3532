/**
 * `npm run import` from a feed (issue 22, source 3), as an editor runs it on a project of their
 * own (fixture.ts): RSS 2.0, Atom and JSON Feed samples written here; the written files build
 * clean; a second import changes nothing; --dry-run writes nothing; bad input is reported.
 */
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildContent } from "../../scripts/content/index.ts";
import { undatedFrom, uuidv5 } from "../../scripts/import/write.ts";
import { fixture, runScript } from "./fixture.ts";

/** `npm run import` on the project at `root`: its exit code and everything it printed. */
async function run(root: string, ...args: string[]) {
  const { code, stdout, stderr } = await runScript("import.ts", root, ...args);
  return { code, out: stdout + stderr };
}

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>旧站</title><link>http://old.example.cn/</link><description>旧站新闻</description>
<item>
  <title>协会召开理事会</title>
  <link>http://old.example.cn/a/2018/0621/123.html</link>
  <pubDate>Thu, 21 Jun 2018 01:30:00 GMT</pubDate>
  <category>协会动态</category><category>理事会</category>
  <dc:creator>协会秘书处</dc:creator>
  <content:encoded><![CDATA[<p>理事会在禅城召开。详见<a href="http://old.example.cn/a/2018/0622/124.html">下一篇</a>。</p>
<table><thead><tr><th>企业</th><th>产值</th></tr></thead><tbody><tr><td>甲</td><td>10</td></tr></tbody></table>
<p><img src="http://old.example.cn/uploads/1.jpg" alt="会场"></p>]]></content:encoded>
</item>
<item>
  <title>行业展望</title>
  <link>http://old.example.cn/a/2018/0622/124.html</link>
  <category>行业前瞻</category>
  <description>&lt;p&gt;没有日期的文章。&lt;/p&gt;</description>
</item>
<item><title>无栏目</title><link>http://old.example.cn/a/9.html</link><description>&lt;p&gt;正文&lt;/p&gt;</description></item>
</channel></rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>旧站</title><id>urn:x</id><updated>2019-01-02T00:00:00Z</updated>
<entry><title>Atom 文章</title><link rel="alternate" href="http://old.example.cn/news/atom-1/"/><id>urn:1</id>
<published>2019-01-01T08:00:00+08:00</published><updated>2019-01-02T00:00:00Z</updated>
<category term="陶瓷"/><content type="html">&lt;p&gt;Atom 正文。&lt;/p&gt;</content></entry>
</feed>`;

const JSON_FEED = JSON.stringify({
  version: "https://jsonfeed.org/version/1.1",
  title: "旧站",
  items: [
    {
      id: "1",
      url: "http://old.example.cn/json/1.html",
      title: "JSON 文章",
      content_html: "<p>JSON 正文。</p>",
      date_published: "2020-03-04T05:06:07+08:00",
      tags: ["出口"],
    },
  ],
});

async function project(files: Record<string, string> = {}) {
  const root = await fixture({ "articles/.keep": "" });
  for (const [name, text] of Object.entries(files)) await writeFile(join(root, name), text);
  return root;
}
const articles = async (root: string) =>
  (await readdir(join(root, "content/articles"))).filter((n) => n.endsWith(".md")).sort();

describe("npm run import from an RSS feed", { timeout: 30_000 }, () => {
  it("writes each item as an article that builds clean, with its id, date as stated, section, tags and old URL", async () => {
    const root = await project({ "feed.xml": RSS });
    const { code, out } = await run(root, join(root, "feed.xml"), "--category", "协会动态");
    expect(code, out).toBe(0);
    expect(out).toContain("import: RSS feed, 3 item(s): 3 written, 0 already present");
    expect(out).toContain(
      "import: warning: http://old.example.cn/a/2018/0621/123.html: picture not imported (on the old host): http://old.example.cn/uploads/1.jpg; declared unavailable as 1.jpg\n",
    );
    expect(out).toContain(", 0 picture(s) copied, 1 picture(s) unavailable; now run npm run check");
    expect(await articles(root)).toEqual(["hang-ye-zhan-wang.md", "wu-lan-mu.md", "xie-hui-zhao-kai-li-shi-hui.md"]);
    const first = await readFile(join(root, "content/articles/xie-hui-zhao-kai-li-shi-hui.md"), "utf8");
    expect(first).toContain(`id: ${uuidv5("http://old.example.cn/a/2018/0621/123.html")}\n`);
    expect(first).toContain("date: 2018-06-21T09:30\n"); // 01:30 GMT in Asia/Shanghai
    expect(first).toContain("category: 协会动态\n");
    expect(first).toContain("  - 理事会\n");
    expect(first).toContain("aliases:\n  - /a/2018/0621/123.html\n");
    expect(first).toContain("[下一篇](/articles/hang-ye-zhan-wang)");
    expect(first).toMatch(/^\| 企业 +\| 产值 +\|$/m);
    expect(first).toContain("tags:\n  - 理事会\n");
    // The picture keeps its place as a figure declared unavailable: never a broken <img>.
    expect(first).toContain("images:\n  - file: 1.jpg\n    alt: 会场\n    unavailable: true\n");
    expect(first).toMatch(/\n\n!\[会场\]\(1\.jpg\)\n$/);
    expect(first).not.toContain("<img");
    const undated = await readFile(join(root, "content/articles/hang-ye-zhan-wang.md"), "utf8");
    expect(undated).toContain(
      "date:\n  notBefore: 2018-06-22\n  note: 原文未载明发布日期;旧地址 /a/2018/0622/124.html 含日期 2018-06-22,故发布时间不早于此日。\n",
    );
    const { model, issues } = await buildContent(root);
    expect(issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(model!.articles.map((a) => a.slug).sort()).toEqual([
      "hang-ye-zhan-wang",
      "wu-lan-mu",
      "xie-hui-zhao-kai-li-shi-hui",
    ]);
  });

  it("changes nothing when run again, and rewrites only with --update", async () => {
    const root = await project({ "feed.xml": RSS });
    await run(root, join(root, "feed.xml"), "--category", "协会动态");
    const before = await readFile(join(root, "content/articles/hang-ye-zhan-wang.md"), "utf8");
    const again = await run(root, join(root, "feed.xml"), "--category", "协会动态");
    expect(again.out).toContain("0 written, 3 already present (kept; --update rewrites them)");
    expect(await articles(root)).toHaveLength(3);
    expect(await readFile(join(root, "content/articles/hang-ye-zhan-wang.md"), "utf8")).toBe(before);
    const updated = await run(root, join(root, "feed.xml"), "--category", "协会动态", "--update");
    expect(updated.out).toContain("3 written, 0 already present");
    expect(await articles(root)).toHaveLength(3);
    // Rewritten in place: same slug (same URL), and the links to it unchanged.
    expect(await readFile(join(root, "content/articles/hang-ye-zhan-wang.md"), "utf8")).toBe(before);
    expect(await readFile(join(root, "content/articles/xie-hui-zhao-kai-li-shi-hui.md"), "utf8")).toContain(
      "[下一篇](/articles/hang-ye-zhan-wang)",
    );
  });

  it("writes nothing with --dry-run, and skips an item without a section when no --category is given", async () => {
    const root = await project({ "feed.xml": RSS });
    const { code, out } = await run(root, join(root, "feed.xml"), "--dry-run");
    expect(code).toBe(0);
    expect(out).toContain("import: would write content/articles/xie-hui-zhao-kai-li-shi-hui.md (协会召开理事会)");
    expect(out).toContain(
      "import: skipped http://old.example.cn/a/9.html: no section (its categories [] match none; pass --category or --map)",
    );
    expect(out).toContain("2 to write, 0 already present");
    expect(await articles(root)).toEqual([]);
  });
});

describe("npm run import from Atom and JSON Feed", { timeout: 30_000 }, () => {
  it("imports an Atom entry with its published date, its updated date and its category as a tag", async () => {
    const root = await project({ "atom.xml": ATOM });
    const { code, out } = await run(root, join(root, "atom.xml"), "--category", "行业前瞻");
    expect(code, out).toBe(0);
    const text = await readFile(join(root, `content/articles/${(await articles(root))[0]}`), "utf8");
    expect(text).toContain("date: 2019-01-01T08:00\n");
    expect(text).toContain("updated: 2019-01-02T08:00\n");
    expect(text).toContain("aliases:\n  - /news/atom-1\n");
    expect((await buildContent(root)).issues.filter((i) => i.severity === "error")).toEqual([]);
  });

  it("imports a JSON Feed item", async () => {
    const root = await project({ "feed.json": JSON_FEED });
    const { code, out } = await run(root, join(root, "feed.json"), "--category", "协会动态");
    expect(code, out).toBe(0);
    expect(out).toContain("import: JSON Feed, 1 item(s): 1 written");
    expect((await buildContent(root)).model!.articles[0]!.tags).toEqual(["出口"]);
  });
});

describe("an undated page's date from its old URL", () => {
  it.each([
    ["http://old.example.cn/a/2018/0621/123.html", "2018-06-21"],
    ["http://old.example.cn/news/2019/12/31/x.html", "2019-12-31"],
    ["http://old.example.cn/a/2018/0231/1.html", undefined],
    ["http://old.example.cn/plus/view.php?aid=123", undefined],
  ])("%s: not before %s", (url, day) => {
    expect(undatedFrom(url).notBefore).toBe(day);
  });
});

describe("bad sources", { timeout: 30_000 }, () => {
  it("names the line of malformed XML and writes nothing", async () => {
    const root = await project({ "bad.xml": '<rss version="2.0"><channel>\n<item><title>x</title>\n</channel></rss>' });
    const { code, out } = await run(root, join(root, "bad.xml"), "--category", "协会动态");
    expect(code).toBe(1);
    expect(out).toMatch(/bad\.xml: malformed XML: 3:\d+/);
    expect(out).toContain("import: nothing was written.");
    expect(await articles(root)).toEqual([]);
  });

  it("refuses a file that is not a feed, a missing file and an unknown --category", async () => {
    const root = await project({ "page.html": "<html><body>x</body></html>" });
    expect((await run(root, join(root, "page.html"))).out).toContain("not a feed: the root element is <html>");
    expect((await run(root, join(root, "missing.xml"))).out).toContain("cannot read");
    const unknown = await run(root, join(root, "page.html"), "--category", "不存在");
    expect(unknown.code).toBe(2);
    expect(unknown.out).toContain('--category "不存在" is not a section of content/site.yaml: 协会动态, 行业前瞻');
  });
});
