/**
 * Imports keep the page's words (issue 31, part 4): where an old page states its source in more
 * than one place, the fullest statement is kept whole, never a shortened one, and `author` comes
 * only from an explicit 作者; a WordPress block that WordPress draws when the page is shown (its
 * content is not in the export) is named in a warning instead of being dropped without a word.
 */
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { readStated, removeChrome, type El } from "../../scripts/import/mirror-clean.ts";
import { fixture, runScript } from "./fixture.ts";

async function run(root: string, ...args: string[]) {
  const { code, stdout, stderr } = await runScript("import.ts", root, ...args);
  return { code, out: stdout + stderr };
}
const articles = async (root: string) =>
  (await readdir(join(root, "content/articles"))).filter((n) => n.endsWith(".md")).sort();
const read = (root: string, name: string) => readFile(join(root, "content/articles", name), "utf8");

const MORE = `<p>据介绍,佛山近年来累计完成旧厂房改造数百宗,腾出的土地优先用于先进制造业和生产性服务业,带动了一批陶瓷、家电和装备制造企业的转型升级。</p>
<p>专家指出,城市更新不能只看土地收益,更要看产业能否留得住、长得大,佛山的经验在于把产业空间的规划放在了前面。</p>`;

/** A saved DedeCMS article page: its information line, then its text (`more` paragraphs first). */
const dedePage = (info: string, body: string, more = "") =>
  `<!DOCTYPE html><html><head><meta charset="utf-8"><title>城市更新的佛山样本_协会动态_禅城陶协</title></head><body>
<div class="place">当前位置:<a href="/">主页</a> &gt; <a href="/a/xhdt/">协会动态</a> &gt;</div>
<div class="article"><h1>城市更新的佛山样本</h1>
<div class="info">${info}</div>
<div class="content">${more}<p>佛山的城市更新走出了一条以产业为先的道路,旧厂房变成了新的产业空间。</p>
<p>在石湾,陶瓷企业的老厂区也在其中,保留了窑炉和烟囱,改造成展馆、工作室和创意园区,每年吸引大量游客。</p>
<p>业内人士认为,这种做法既留住了城市的历史,也为传统产业找到了新的出路,值得其他城市借鉴。</p>
${body}</div></div></body></html>`;

/** What readStated finds and what removeChrome leaves of the article's block. */
function cleaned(html: string) {
  const doc = parseHTML(html).document as unknown as El;
  const stated = readStated(doc);
  removeChrome(doc, stated, "http://old.example.cn/a/1.html", (url) => url.href);
  const body = (doc.querySelector(".content")?.textContent ?? "").replace(/\s+/g, " ").trim();
  return { source: stated.source, author: stated.author, body };
}

describe("a page that states its source in more than one place", () => {
  it("keeps the fullest statement whole: the body's 来源 line over the information line's shortened one", async () => {
    const root = await fixture({ "articles/.keep": "" });
    const mirror = join(root, "old.example.cn");
    await mkdir(join(mirror, "a/2023/0506"), { recursive: true });
    await writeFile(
      join(mirror, "a/2023/0506/88.html"),
      dedePage("2023-05-06 10:20 来源:南方号 作者:城市方法论 点击:12", "<p>来源: 南方号~佛山市~城市方法论</p>", MORE),
    );
    const { code, out } = await run(root, mirror);
    expect(code, out).toBe(0);
    expect(await articles(root), out).toEqual(["cheng-shi-geng-xin-de-fo-shan-yang-ben.md"]);
    const text = await read(root, "cheng-shi-geng-xin-de-fo-shan-yang-ben.md");
    expect(text).toContain("\nsource: 南方号~佛山市~城市方法论\nauthor: 城市方法论\n");
    expect(text).toContain("date: 2023-05-06T10:20\n");
    expect(
      text.endsWith("\n\n业内人士认为,这种做法既留住了城市的历史,也为传统产业找到了新的出路,值得其他城市借鉴。\n"),
    ).toBe(true);
  }, 60_000);

  it("keeps the text of a short article whose last line is its 来源 line", () => {
    const { source, body } = cleaned(dedePage("来源:南方号 作者:城市方法论", "<p>来源: 南方号~佛山市~城市方法论</p>"));
    expect(source).toEqual({ name: "南方号~佛山市~城市方法论" });
    expect(body).toBe(
      "佛山的城市更新走出了一条以产业为先的道路,旧厂房变成了新的产业空间。 在石湾,陶瓷企业的老厂区也在其中,保留了窑炉和烟囱,改造成展馆、工作室和创意园区,每年吸引大量游客。 业内人士认为,这种做法既留住了城市的历史,也为传统产业找到了新的出路,值得其他城市借鉴。",
    );
  });

  it("keeps it whole whichever comes first, with the link the shorter one gave", () => {
    const { source, body } = cleaned(
      dedePage(
        "来源: 南方号~佛山市~城市方法论 作者:城市方法论",
        '<p>来源:<a href="https://static.nfapp.southcn.com/">南方号</a></p>',
      ),
    );
    expect(source).toEqual({ name: "南方号~佛山市~城市方法论", url: "https://static.nfapp.southcn.com/" });
    expect(body).not.toContain("来源");
  });

  it("keeps a 来源 line in the text when it names another source than the one kept", () => {
    const { source, body } = cleaned(dedePage("来源:佛山日报 作者:记者甲", "<p>来源:新华社</p>"));
    expect(source).toEqual({ name: "佛山日报" });
    expect(body.endsWith("值得其他城市借鉴。 来源:新华社")).toBe(true);
  });

  it("takes the author only from an explicit 作者, never from a 来源 line or an editor", () => {
    expect(cleaned(dedePage("来源: 南方号~佛山市~城市方法论 责任编辑:张三", "")).author).toBeUndefined();
    expect(cleaned(dedePage("来源:南方号 作者:城市方法论", "")).author).toBe("城市方法论");
  });
});

describe("a WordPress block drawn when the page is shown", () => {
  it("is named with its article in a warning, and the article's own words are imported", async () => {
    const root = await fixture({ "articles/.keep": "" });
    const content = `<!-- wp:paragraph -->
<p>协会的最新消息如下。</p>
<!-- /wp:paragraph -->

<!-- wp:heading -->
<h2 class="wp-block-heading">最新文章</h2>
<!-- /wp:heading -->

<!-- wp:latest-posts {"postsToShow":5} /-->

<!-- wp:query {"queryId":1,"query":{"perPage":3}} -->
<div class="wp-block-query"><!-- wp:post-template -->
<!-- wp:post-title /-->
<!-- /wp:post-template --></div>
<!-- /wp:query -->

<!-- wp:page-list /-->

<!-- wp:archives /-->

<!-- wp:calendar /-->

<!-- wp:tag-cloud /-->

<!-- wp:rss {"feedURL":"https://example.org/feed"} /-->

<!-- wp:search {"label":"搜索"} /-->

<!-- wp:navigation {"ref":4} /-->

<!-- wp:latest-posts /-->`;
    await writeFile(
      join(root, "wp.xml"),
      `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/"><channel>
<title>旧站</title><link>http://old.example.cn</link><wp:base_blog_url>http://old.example.cn</wp:base_blog_url>
<item><title>动态汇总</title><link>http://old.example.cn/news/</link><wp:post_id>7</wp:post_id>
<wp:post_date_gmt>2018-06-21 01:30:00</wp:post_date_gmt><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<category domain="category" nicename="news"><![CDATA[协会动态]]></category>
<content:encoded><![CDATA[${content}]]></content:encoded></item>
</channel></rss>`,
    );
    const { code, out } = await run(root, join(root, "wp.xml"));
    expect(code, out).toBe(0);
    const warned = out
      .split("\n")
      .filter((line) => line.includes("WordPress draws"))
      .sort();
    expect(warned).toEqual(
      ["archives", "calendar", "latest-posts (×2)", "navigation", "page-list", "query", "rss", "search", "tag-cloud"]
        .map(
          (block) =>
            `import: warning: http://old.example.cn/news/: the block wp:${block.replace(/ .*/, "")} of 《动态汇总》 is not imported: WordPress draws it when the page is shown, and the export holds none of its content${block.includes("×") ? ` ${block.replace(/^\S+ /, "")}` : ""}`,
        )
        .sort(),
    );
    const text = await read(root, (await articles(root))[0]!);
    expect(text).toContain("协会的最新消息如下。");
  }, 60_000);
});
