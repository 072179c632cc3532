/** /feeds: every feed, in every format, and how to subscribe. Pure. */
import type { SiteSettings } from "../../content/model.ts";
import { paths } from "../../content/urls.ts";
import { esc } from "./escape.ts";
import { FEED_FORMAT_LIST, FEED_FORMATS, feedUrl } from "../feed-formats.ts";
import { layout } from "./layout.ts";

export function renderFeedsPage(site: SiteSettings, tags: readonly { name: string; count: number }[]): string {
  const row = (name: string, base: string) =>
    `<tr><th scope="row">${esc(name)}</th>${FEED_FORMAT_LIST.map(
      (format) => `<td><a href="${esc(feedUrl(site, base, format))}">${FEED_FORMATS[format].name}</a></td>`,
    ).join("")}</tr>`;
  const main = `<section class="listing" aria-labelledby="feeds-title">
<h1 id="feeds-title">订阅</h1>
<p>用 RSS 阅读器订阅本站,有新文章时阅读器会自动收到,无需反复打开网站。把下面任一链接复制到阅读器(如 NetNewsWire、Feedly、Inoreader、FreshRSS、Miniflux)的“添加订阅”中即可;三种格式内容相同,选阅读器支持的一种。</p>
<div class="table"><table>
<caption>本站的订阅源</caption>
<thead><tr><th scope="col">内容</th>${FEED_FORMAT_LIST.map((format) => `<th scope="col">${FEED_FORMATS[format].name}</th>`).join("")}</tr></thead>
<tbody>
${row("全部文章", paths.homeBase)}
${site.categories.map((c) => row(c.name, paths.section(c.slug))).join("\n")}
</tbody>
</table></div>
${
  tags.length
    ? `<h2>按标签订阅</h2>
<p>只关注一个话题:订阅它的标签。</p>
<div class="table"><table>
<caption>各标签的订阅源</caption>
<thead><tr><th scope="col">标签</th>${FEED_FORMAT_LIST.map((format) => `<th scope="col">${FEED_FORMATS[format].name}</th>`).join("")}</tr></thead>
<tbody>
${tags.map((t) => row(t.name, paths.tag(t.name))).join("\n")}
</tbody>
</table></div>`
    : ""
}
<p>每个订阅源包含最新的 ${site.feedSize} 篇文章的全文;更早的文章在订阅源的后续分页中(RFC 5005)。${
    site.websub ? "本站支持 WebSub,阅读器可实时收到更新。" : ""
  }</p>
<h2>在其他网站上显示</h2>
<p>想在您的网站上显示本站的最新文章?用<a href="${esc(paths.embedBuilder)}">嵌入代码生成器</a>选择栏目、标签或搜索词,复制一段代码即可。</p>
</section>`;
  return layout(
    { title: `订阅 - ${site.name}`, description: `订阅${site.name}的文章:RSS、Atom 与 JSON Feed。`, path: paths.feeds },
    main,
    site,
  );
}
