/**
 * A synthetic WordPress export (WXR 1.2) for `npm run bench:import` (bench/import.ts): posts with
 * paragraphs in WordPress's stored form, a [caption] picture every tenth post, a featured image
 * every fifth (with its attachment), tags and a category, a draft every fiftieth.
 */
/** The WXR text: `n` posts and one attachment per five posts (their featured images). */
export function wxrExport(n: number): string {
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
