/**
 * `npm run import` holds each item's conversion to Markdown to the time budget (issue 29, part 5:
 * "each page and each item has a time and size budget"): an item of a feed or a WordPress export
 * whose body is under the size budget but takes turndown longer than --budget-seconds is stopped
 * in its worker (write.ts `planArticlesWithin`) and skipped, named with its position, and the
 * others are written. The slow body is real input: 60,000 paragraphs with inline markup (3 MB),
 * which took 16.7 s to convert in the importer's own process before.
 */
import { readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fixture, runScript } from "./fixture.ts";

/** `npm run import` on the project at `root`: its exit code and everything it printed. */
async function run(root: string, ...args: string[]) {
  const { code, stdout, stderr } = await runScript("import.ts", root, ...args);
  return { code, out: stdout + stderr };
}

const articles = async (root: string) =>
  (await readdir(join(root, "content/articles"))).filter((n) => n.endsWith(".md")).sort();

const TEXT = "<p>理事会在禅城召开,会议讨论了陶瓷行业发展的多项议题,并通过了新一年的工作计划。</p>";
/** 60,000 short paragraphs, each with bold, italic and a link: about 3 MB, under the 5 MB budget. */
const SLOW = '<p>第<b>一</b>段<i>文字</i>,见<a href="/a/1.html">此处</a>。</p>'.repeat(60_000);

describe("an item whose conversion takes longer than its time budget", () => {
  it("is skipped in a feed, named with its position, and the other items are written", async () => {
    expect(Buffer.byteLength(SLOW)).toBeLessThan(5 * 1024 * 1024);
    const root = await fixture({ "articles/.keep": "" });
    const item = (title: string, link: string, html: string) =>
      `<item><title>${title}</title><link>${link}</link><category>协会动态</category><content:encoded><![CDATA[${html}]]></content:encoded></item>`;
    await writeFile(
      join(root, "feed.xml"),
      `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>旧站</title>
${item("年会召开", "http://old.example.cn/1.html", TEXT)}
${item("长文章", "http://old.example.cn/2.html", SLOW)}
${item("展会开幕", "http://old.example.cn/3.html", TEXT)}
</channel></rss>`,
    );
    const { code, out } = await run(root, join(root, "feed.xml"), "--budget-seconds", "2");
    expect(code, out).toBe(0);
    expect(out).toContain(
      "import: skipped item 2 (长文章): over budget: not converted to Markdown within 2 s (--budget-seconds gives an item more time)\n",
    );
    expect(out).toContain("import: RSS feed, 3 item(s): 2 written");
    expect(await articles(root)).toEqual(["nian-hui-zhao-kai.md", "zhan-hui-kai-mu.md"]);
  }, 120_000);

  it("is skipped in a WordPress export, named with its position, and the other posts are written", async () => {
    const root = await fixture({ "articles/.keep": "" });
    const post = (id: number, title: string, html: string) =>
      `<item><title>${title}</title><link>http://old.example.cn/?p=${id}</link>
<guid isPermaLink="false">http://old.example.cn/?p=${id}</guid>
<content:encoded><![CDATA[${html}]]></content:encoded>
<wp:post_id>${id}</wp:post_id><wp:post_date>2018-06-21 09:30:00</wp:post_date><wp:post_date_gmt>2018-06-21 01:30:00</wp:post_date_gmt>
<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<category domain="category" nicename="news"><![CDATA[协会动态]]></category></item>`;
    await writeFile(
      join(root, "export.xml"),
      `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>旧站</title><link>http://old.example.cn</link><wp:wxr_version>1.2</wp:wxr_version>
${post(101, "年会召开", TEXT)}
${post(102, "长文章", SLOW)}
${post(103, "展会开幕", TEXT)}
</channel></rss>`,
    );
    const { code, out } = await run(root, join(root, "export.xml"), "--budget-seconds", "2");
    expect(code, out).toBe(0);
    expect(out).toContain(
      "import: skipped item 2 (长文章): over budget: not converted to Markdown within 2 s (--budget-seconds gives an item more time)\n",
    );
    expect(out).toMatch(/import: WordPress export, 3 \S+: 2 written/);
    expect(await articles(root)).toEqual(["nian-hui-zhao-kai.md", "zhan-hui-kai-mu.md"]);
  }, 120_000);
});
