/**
 * `npm run import` from a WordPress export (WXR, issue 22, source 2), as an editor runs it on a
 * project of their own (fixture.ts, time zone Asia/Shanghai): a WXR sample written here with a
 * published post, a draft, a scheduled post, a post with tags and a section's category, one with
 * a [caption] picture and a [gallery], an attachment that is a post's featured image, a page and a
 * menu item. Front matter values are asserted exactly; the written files build clean; a second
 * import changes nothing; malformed XML is reported with its line and nothing is written.
 */
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { buildContent } from "../../scripts/content/index.ts";
import { expandShortcodes, wpautop } from "../../scripts/import/wordpress-text.ts";
import { uuidv5 } from "../../scripts/import/write.ts";
import { fixture, runScript } from "./fixture.ts";

/** `npm run import` on the project at `root`: its exit code and everything it printed. */
async function run(root: string, ...args: string[]) {
  const { code, stdout, stderr } = await runScript("import.ts", root, ...args);
  return { code, out: stdout + stderr };
}

const item = (fields: string) => `<item>${fields}</item>`;
const meta = (key: string, value: string) =>
  `<wp:postmeta><wp:meta_key>${key}</wp:meta_key><wp:meta_value><![CDATA[${value}]]></wp:meta_value></wp:postmeta>`;

const WXR = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>旧站</title><link>http://old.example.cn</link>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_blog_url>http://old.example.cn</wp:base_blog_url>
<wp:author><wp:author_login><![CDATA[admin]]></wp:author_login><wp:author_display_name><![CDATA[协会秘书处]]></wp:author_display_name></wp:author>
${item(`<title>协会召开理事会</title><link>http://old.example.cn/2018/06/21/council/</link>
<dc:creator><![CDATA[admin]]></dc:creator><guid isPermaLink="false">http://old.example.cn/?p=101</guid>
<content:encoded><![CDATA[理事会在禅城召开。

会议审议了年度报告,
通过了新章程。]]></content:encoded>
<excerpt:encoded><![CDATA[<strong>理事会</strong>在禅城召开。]]></excerpt:encoded>
<wp:post_id>101</wp:post_id><wp:post_date>2018-06-21 09:30:00</wp:post_date><wp:post_date_gmt>2018-06-21 01:30:00</wp:post_date_gmt>
<wp:status>publish</wp:status><wp:post_type>post</wp:post_type><wp:post_password></wp:post_password>
<category domain="category" nicename="%e5%8d%8f%e4%bc%9a%e5%8a%a8%e6%80%81"><![CDATA[协会新闻]]></category>
<category domain="post_tag" nicename="li-shi-hui"><![CDATA[理事会]]></category>
<category domain="post_tag" nicename="shi-wan"><![CDATA[石湾]]></category>
${meta("_thumbnail_id", "201")}
<wp:comment><wp:comment_id>1</wp:comment_id><wp:comment_content><![CDATA[好]]></wp:comment_content></wp:comment>`)}
${item(`<title>年度报告(草稿)</title><link>http://old.example.cn/?p=102</link>
<dc:creator>admin</dc:creator><guid isPermaLink="false">http://old.example.cn/?p=102</guid>
<content:encoded><![CDATA[报告正文。]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>102</wp:post_id><wp:post_date>2026-11-20 10:00:00</wp:post_date><wp:post_date_gmt>0000-00-00 00:00:00</wp:post_date_gmt>
<wp:post_modified>2026-11-20 10:00:00</wp:post_modified><wp:post_modified_gmt>2026-11-20 02:00:00</wp:post_modified_gmt>
<wp:status>draft</wp:status><wp:post_type>post</wp:post_type>
<category domain="category" nicename="news"><![CDATA[新闻]]></category>`)}
${item(`<title>陶博会开幕</title><link>http://old.example.cn/2099/01/01/expo/</link>
<dc:creator>admin</dc:creator><guid isPermaLink="false">http://old.example.cn/?p=103</guid>
<content:encoded><![CDATA[<p>陶博会将于明年开幕。</p>]]></content:encoded>
<wp:post_id>103</wp:post_id><wp:post_date>2099-01-01 09:00:00</wp:post_date><wp:post_date_gmt>2099-01-01 01:00:00</wp:post_date_gmt>
<wp:status>future</wp:status><wp:post_type>post</wp:post_type>
<category domain="category" nicename="outlook"><![CDATA[行业前瞻]]></category>`)}
${item(`<title>理事会现场</title><link>http://old.example.cn/2018/06/22/hall/</link>
<dc:creator>admin</dc:creator><guid isPermaLink="false">http://old.example.cn/?p=104</guid>
<content:encoded><![CDATA[[caption id="attachment_202" align="aligncenter" width="640"]<a href="http://old.example.cn/wp-content/uploads/2018/06/hall.jpg"><img src="http://old.example.cn/wp-content/uploads/2018/06/hall-640x480.jpg" alt="会场" width="640" height="480" /></a> 理事会会场[/caption]

会议由会长主持。

[gallery ids="202,203"]]]></content:encoded>
<wp:post_id>104</wp:post_id><wp:post_date>2018-06-22 09:30:00</wp:post_date><wp:post_date_gmt>0000-00-00 00:00:00</wp:post_date_gmt>
<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<category domain="category" nicename="news"><![CDATA[新闻]]></category>`)}
${item(`<title>封面</title><link>http://old.example.cn/2018/06/21/council/cover/</link>
<guid isPermaLink="false">http://old.example.cn/wp-content/uploads/2018/06/cover.jpg</guid>
<wp:post_id>201</wp:post_id><wp:post_date_gmt>2018-06-21 01:00:00</wp:post_date_gmt><wp:status>inherit</wp:status><wp:post_type>attachment</wp:post_type>
<wp:attachment_url>http://old.example.cn/wp-content/uploads/2018/06/cover.jpg</wp:attachment_url>
${meta("_wp_attachment_image_alt", "理事会合影")}`)}
${item(`<title>协会简介</title><link>http://old.example.cn/about/</link>
<dc:creator>admin</dc:creator><guid isPermaLink="false">http://old.example.cn/?page_id=105</guid>
<content:encoded><![CDATA[协会成立于1988年。]]></content:encoded>
<wp:post_id>105</wp:post_id><wp:post_date_gmt>2015-03-01 00:00:00</wp:post_date_gmt>
<wp:status>publish</wp:status><wp:post_type>page</wp:post_type>`)}
${item(`<title>首页</title><link>http://old.example.cn/?p=106</link>
<wp:post_id>106</wp:post_id><wp:status>publish</wp:status><wp:post_type>nav_menu_item</wp:post_type>`)}
</channel>
</rss>
`;

async function project(files: Record<string, string> = {}) {
  const root = await fixture({ "articles/.keep": "" });
  for (const [name, text] of Object.entries(files)) await writeFile(join(root, name), text);
  return root;
}
const names = async (root: string) =>
  (await readdir(join(root, "content/articles"))).filter((n) => n.endsWith(".md")).sort();

/** The written article whose old URL is `url`: its front matter (parsed) and its body. */
async function imported(root: string, url: string) {
  for (const name of await names(root)) {
    const text = await readFile(join(root, "content/articles", name), "utf8");
    if (!text.startsWith(`---\n# Imported from ${url}\n`)) continue;
    const end = text.indexOf("\n---\n", 4);
    return { name, fm: parse(text.slice(4, end)) as Record<string, unknown>, body: text.slice(end + 5).trim() };
  }
  throw new Error(`no article imported from ${url}`);
}

// Each test starts the import as an editor does (a Node process, one or two runs): about a second
// each on an idle machine, several on the shared 2-core one, so more than vitest's default 5 s.
describe("npm run import from a WordPress export (WXR)", { timeout: 30_000 }, () => {
  it("imports posts and pages, not the attachment or the menu item, and says what it skipped and lost", async () => {
    const root = await project({ "export.xml": WXR });
    const { code, out } = await run(root, join(root, "export.xml"), "--category", "协会动态");
    expect(code, out).toBe(0);
    expect(out).toContain("import: WordPress export, 6 item(s): 5 written, 0 already present");
    expect(out).toContain(
      "import: skipped 1 nav_menu_item item(s): not articles (WordPress's nav_menu_item post type)",
    );
    expect(out).toContain("import: warning: http://old.example.cn/2018/06/22/hall/: [gallery 202,203] removed\n");
    expect(out).toContain(
      "import: warning: http://old.example.cn/about/: a WordPress page, imported as an article: move it to its section if needed\n",
    );
    expect(out).toContain(
      `import: warning: ${join(root, "export.xml")}: 1 comment(s) not imported (the site has no comments)`,
    );
    expect((await names(root)).length).toBe(5);
  });

  it("writes a published post with its GMT date, author's display name, section, tags, summary and old URLs", async () => {
    const root = await project({ "export.xml": WXR });
    await run(root, join(root, "export.xml"));
    const { fm, body } = await imported(root, "http://old.example.cn/2018/06/21/council/");
    expect(fm).toMatchObject({
      id: uuidv5("http://old.example.cn/2018/06/21/council/"),
      title: "协会召开理事会",
      category: "协会动态", // the category's nicename (percent-encoded 协会动态) names the section
      date: "2018-06-21T09:30", // 01:30 GMT in Asia/Shanghai
      summary: "理事会在禅城召开。",
      author: "协会秘书处",
      tags: ["理事会", "石湾"],
      aliases: ["/2018/06/21/council", "/?p=101"],
    });
    expect(fm).not.toHaveProperty("draft");
    // wpautop: the blank line is a paragraph break, the single newline a line break; the featured
    // image (attachment 201) goes first, as the thumbnail.
    expect(body.replace(/!\[[^\]]*\]\([^)]*\)/g, "![]")).toBe(
      "![]\n\n理事会在禅城召开。\n\n会议审议了年度报告,  \n通过了新章程。",
    );
    expect(body).toMatch(/^!\[理事会合影\]\(/);
  });

  it("writes a draft without a publication date (WordPress's is unset) as the not-known form, and a future post as scheduled", async () => {
    const root = await project({ "export.xml": WXR });
    await run(root, join(root, "export.xml"), "--category", "协会动态");
    const draft = await imported(root, "http://old.example.cn/?p=102");
    expect(draft.fm).toMatchObject({
      title: "年度报告(草稿)",
      category: "协会动态",
      date: { note: "原文未载明发布日期(导入自 http://old.example.cn/?p=102)" },
      updated: "2026-11-20T10:00",
      draft: true,
    });
    expect(draft.fm).not.toHaveProperty("aliases.1");
    const future = await imported(root, "http://old.example.cn/2099/01/01/expo/");
    expect(future.fm).toMatchObject({ category: "行业前瞻", date: "2099-01-01T09:00" });
    expect(future.fm).not.toHaveProperty("draft");
  });

  it("reads a published post's local date in the site's time zone when its GMT date is unset, and makes [caption] a figure", async () => {
    const root = await project({ "export.xml": WXR });
    await run(root, join(root, "export.xml"), "--category", "协会动态");
    const { fm, body } = await imported(root, "http://old.example.cn/2018/06/22/hall/");
    expect(fm).toMatchObject({ date: "2018-06-22T09:30", aliases: ["/2018/06/22/hall", "/?p=104"] });
    expect(body.replace(/!\[[^\]]*\]\([^)]*\)/g, "![]")).toBe("![]\n\n理事会会场\n\n会议由会长主持。");
    expect(body).toMatch(/^!\[会场\]\(/);
  });

  it("puts a page in --category with its /?page_id= address as an old URL", async () => {
    const root = await project({ "export.xml": WXR });
    await run(root, join(root, "export.xml"), "--category", "协会动态");
    const { fm, body } = await imported(root, "http://old.example.cn/about/");
    expect(fm).toMatchObject({ category: "协会动态", date: "2015-03-01T08:00", aliases: ["/about", "/?page_id=105"] });
    expect(body).toBe("协会成立于1988年。");
  });

  it("writes files that build without errors", async () => {
    const root = await project({ "export.xml": WXR });
    await run(root, join(root, "export.xml"), "--category", "协会动态");
    const { model, issues } = await buildContent(root);
    expect(issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(model!.articles.length).toBe(5);
  });

  it("changes nothing when run again", async () => {
    const root = await project({ "export.xml": WXR });
    await run(root, join(root, "export.xml"), "--category", "协会动态");
    const before = await Promise.all(
      (await names(root)).map((n) => readFile(join(root, "content/articles", n), "utf8")),
    );
    const again = await run(root, join(root, "export.xml"), "--category", "协会动态");
    expect(again.out).toContain("0 written, 5 already present (kept; --update rewrites them)");
    const after = await Promise.all(
      (await names(root)).map((n) => readFile(join(root, "content/articles", n), "utf8")),
    );
    expect(after).toEqual(before);
  });

  it("reports malformed XML with its line and writes nothing", async () => {
    const broken = WXR.replace("<wp:post_id>103</wp:post_id>", "<wp:post_id>103</wp:post>");
    const line = broken.slice(0, broken.indexOf("</wp:post>")).split("\n").length;
    const root = await project({ "export.xml": broken });
    const { code, out } = await run(root, join(root, "export.xml"), "--category", "协会动态");
    expect(code).toBe(1);
    expect(out).toContain(`import: ${join(root, "export.xml")}: malformed XML: ${line}:`);
    expect(out).toContain("import: nothing was written.");
    expect(await names(root)).toEqual([]);
  });
});

describe("WordPress's text as its site showed it", () => {
  it("wpautop makes paragraphs outside block elements and line breaks inside them", () => {
    expect(wpautop("一段。\n\n二段,\n二行。\n<ul>\n<li>甲</li>\n</ul>\n三段。")).toBe(
      "<p>一段。</p>\n<p>二段,<br />\n二行。</p>\n<ul>\n<li>甲</li>\n</ul>\n<p>三段。</p>\n",
    );
  });

  it("leaves a block-editor post (with <!-- wp: --> comments) as it is", () => {
    const blocks = "<!-- wp:paragraph -->\n<p>甲</p>\n<!-- /wp:paragraph -->";
    expect(wpautop(blocks)).toBe(blocks);
  });

  it("keeps a bracket that is no shortcode, an escaped one, and the content of an unknown enclosing one", () => {
    const lost: string[] = [];
    expect(expandShortcodes("boats [simple boat]; [[gallery]]; [note]注意[/note]", (w) => lost.push(w))).toBe(
      "boats [simple boat]; [gallery]; 注意",
    );
    expect(lost).toEqual(["[note] removed (its content kept)"]);
  });
});
