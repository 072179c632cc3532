/** The article page. Pure: (article, site) => HTML string. */
import { describePublished, isoDate } from "../../content/dates.ts";
import type { Article, SiteSettings } from "../../content/model.ts";
import { esc } from "./escape.ts";
import { layout } from "./layout.ts";

export function renderArticle(article: Article, site: SiteSettings): string {
  const category = site.categories.find((c) => c.slug === article.category)!;
  const when =
    article.published.kind === "exact"
      ? `<time datetime="${esc(article.published.iso)}">${esc(describePublished(article.published))}</time>`
      : `<span title="${esc(article.published.note ?? "")}">${esc(describePublished(article.published))}</span>`;
  const main = `<article>
<nav aria-label="位置"><a href="/">首页</a> › <a href="/categories/${esc(category.slug)}">${esc(category.name)}</a></nav>
<h1>${esc(article.title)}</h1>
<p>${when}${article.updated ? ` · 更新于<time datetime="${esc(article.updated)}">${esc(isoDate(article.updated))}</time>` : ""}</p>
${article.html}
${article.source ? `<p>来源: ${esc(article.source)}</p>` : ""}
</article>`;
  return layout(
    { title: `${article.title} - ${site.name}`, description: article.summary, path: `/articles/${article.slug}` },
    main,
    site,
  );
}
