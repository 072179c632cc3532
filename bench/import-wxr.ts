/**
 * `node --experimental-strip-types bench/import-wxr.ts [--posts 10000]`: how long `npm run import`
 * takes on a WordPress export of that many posts (issue 22, source 2). Writes a synthetic WXR 1.2
 * file (posts with paragraphs in WordPress's stored form, a [caption] picture every tenth post, a
 * featured image every fifth, tags and a category, a draft every fiftieth) into a temp directory,
 * copies the fixture site (test/fixtures/site) beside it, then times the import as an editor runs
 * it, first with --dry-run, then for real. Prints the seconds; writes no result file.
 */
import { execFile } from "node:child_process";
import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { promisify } from "node:util";

const { values } = parseArgs({ options: { posts: { type: "string", default: "10000" } } });
const posts = Number(values.posts);
const root = join(import.meta.dirname, "..");
const log = (s: string) => console.error(`bench:import-wxr: ${s}`);

/** The WXR text: `n` posts and one attachment per five posts (their featured images). */
function wxr(n: number): string {
  const out: string[] = [
    `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>旧站</title><link>http://old.example.cn</link><wp:wxr_version>1.2</wp:wxr_version>
<wp:base_blog_url>http://old.example.cn</wp:base_blog_url>
<wp:author><wp:author_login>admin</wp:author_login><wp:author_display_name><![CDATA[协会秘书处]]></wp:author_display_name></wp:author>`,
  ];
  for (let i = 1; i <= n; i++) {
    const day = new Date(Date.UTC(2010, 0, 1) + i * 6 * 3600_000);
    const gmt = day.toISOString().slice(0, 19).replace("T", " ");
    const path = `/${gmt.slice(0, 4)}/${gmt.slice(5, 7)}/${gmt.slice(8, 10)}/post-${i}/`;
    const caption =
      i % 10 === 0
        ? `[caption id="attachment_${i}" align="aligncenter" width="640"]<img src="http://old.example.cn/wp-content/uploads/p${i}.jpg" alt="现场${i}" /> 会议现场${i}[/caption]\n\n`
        : "";
    const text = Array.from(
      { length: 6 },
      (_, p) => `第${p + 1}段:禅城区陶瓷行业协会第${i}条新闻,企业代表参加会议,\n讨论了行业发展与出口。`,
    ).join("\n\n");
    const thumb =
      i % 5 === 0
        ? `<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>${100000 + i}</wp:meta_value></wp:postmeta>`
        : "";
    out.push(`<item><title>协会新闻第${i}号</title><link>http://old.example.cn${path}</link>
<dc:creator>admin</dc:creator><guid isPermaLink="false">http://old.example.cn/?p=${i}</guid>
<content:encoded><![CDATA[${caption}${text}]]></content:encoded><excerpt:encoded><![CDATA[第${i}条新闻摘要。]]></excerpt:encoded>
<wp:post_id>${i}</wp:post_id><wp:post_date>${gmt}</wp:post_date><wp:post_date_gmt>${gmt}</wp:post_date_gmt>
<wp:status>${i % 50 === 0 ? "draft" : "publish"}</wp:status><wp:post_type>post</wp:post_type>
<category domain="category" nicename="news"><![CDATA[协会动态]]></category>
<category domain="post_tag" nicename="t${i % 40}"><![CDATA[标签${i % 40}]]></category>${thumb}</item>`);
    if (i % 5 === 0)
      out.push(`<item><title>封面${i}</title><link>http://old.example.cn/?attachment_id=${100000 + i}</link>
<wp:post_id>${100000 + i}</wp:post_id><wp:status>inherit</wp:status><wp:post_type>attachment</wp:post_type>
<wp:attachment_url>http://old.example.cn/wp-content/uploads/cover-${i}.jpg</wp:attachment_url></item>`);
  }
  out.push("</channel></rss>\n");
  return out.join("\n");
}

const dir = await mkdtemp(join(tmpdir(), "bench-import-wxr-"));
try {
  const file = join(dir, "export.xml");
  const text = wxr(posts);
  await writeFile(file, text);
  log(`${posts} posts, ${(Buffer.byteLength(text) / 1048576).toFixed(1)} MiB of WXR`);
  const site = join(dir, "site");
  await cp(join(root, "test/fixtures/site"), site, { recursive: true });
  for (const mode of ["--dry-run", "real"]) {
    const args = ["--experimental-strip-types", join(root, "scripts/import.ts"), file, "--root", site];
    args.push("--category", "协会动态", ...(mode === "--dry-run" ? [mode] : []));
    const start = performance.now();
    const { stdout } = await promisify(execFile)(process.execPath, args, {
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
    });
    const seconds = (performance.now() - start) / 1000;
    log(`${mode === "real" ? "import" : "import --dry-run"}: ${seconds.toFixed(2)} s`);
    log(`  ${stdout.trim().split("\n").at(-1)}`);
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
