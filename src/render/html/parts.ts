/** Pieces shared by the HTML pages: the date as known, the article card, the pager. */
import { paths } from "../../content/urls.ts";
import { sectionName, describePublished, pageLinks } from "../../content/index.ts";
import type { ArticleSummary, Published, SiteSettings } from "../../content/model.ts";
import { esc } from "./escape.ts";

/** The publication date as known: <time> for an exact date, a plain note otherwise. */
export function dateHtml(published: Published): string {
  const text = esc(describePublished(published));
  return published.kind === "exact" ? `<time datetime="${esc(published.iso)}">${text}</time>` : `<span>${text}</span>`;
}

/**
 * In local preview, what readers would not see yet is marked: drafts, and scheduled articles
 * (`previewAt` is the preview's clock; production views never pass it, nor reach such articles).
 */
export function previewBadge(article: ArticleSummary, previewAt?: number): string {
  if (previewAt === undefined) return "";
  if (article.draft) return ` <mark class="badge">草稿</mark>`;
  if (article.published.kind === "exact" && Date.parse(article.published.iso) > previewAt) {
    return ` <mark class="badge">定时发布</mark>`;
  }
  return "";
}

/**
 * In local preview, above an article readers cannot see yet: what it is and what makes it public.
 * Rendered only with the preview's clock (`previewAt`), so no deployed page ever has it.
 */
export function previewBanner(article: ArticleSummary, previewAt?: number): string {
  if (previewAt === undefined) return "";
  if (article.draft)
    return `<p class="preview-banner" role="note">草稿:读者看不到这篇文章。取消“草稿”并部署之后才会公开。</p>`;
  if (article.published.kind === "exact" && Date.parse(article.published.iso) > previewAt) {
    return `<p class="preview-banner" role="note">定时发布:读者在 ${esc(describePublished(article.published))} 之前看不到这篇文章(部署之后到时自动出现)。</p>`;
  }
  return "";
}

export function card(article: ArticleSummary, site: SiteSettings, previewAt?: number): string {
  return `<li><article${article.thumb ? ` class="with-thumb"` : ""}>
${thumb(article)}<h2><a href="${esc(paths.article(article.slug))}">${esc(article.title)}</a>${previewBadge(article, previewAt)}</h2>
<p class="meta">${dateHtml(article.published)}<a href="${esc(paths.section(article.category))}">${esc(sectionName(site, article.category))}</a></p>
<p>${esc(article.summary)}</p>
</article></li>`;
}

/**
 * A card's thumbnail: the cover's narrowest variant (480 px wide, scripts/content/images.ts), sized
 * so the list does not shift as it loads. Its alt is empty: the card's title beside it names the
 * article, and the cover's own description is the article page's (WAI Images tutorial,
 * "functional and redundant images").
 */
function thumb({ thumb: t }: ArticleSummary): string {
  if (!t) return "";
  return `<img class="thumb" src="${esc(paths.media(t.file))}" alt="" width="${t.width}" height="${t.height}" loading="lazy" decoding="async">\n`;
}

export interface Crumb {
  name: string;
  /** None for the current page. */
  href?: string;
}

/** The breadcrumb trail, from 首页 to the current page. */
export function crumbs(trail: readonly Crumb[]): string {
  const items = trail.map((c) =>
    c.href ? `<li><a href="${esc(c.href)}">${esc(c.name)}</a></li>` : `<li aria-current="page">${esc(c.name)}</li>`,
  );
  return `<nav class="crumbs" aria-label="当前位置"><ol><li><a href="${paths.home}">首页</a></li>${items.join("")}</ol></nav>`;
}

/** Tag links (an article's tags, a no-results page's suggestions). */
export function tagList(tags: readonly string[], label: string): string {
  if (tags.length === 0) return "";
  return `<ul class="tags" aria-label="${esc(label)}">${tags.map((t) => `<li><a href="${esc(paths.tag(t))}" rel="tag">${esc(t)}</a></li>`).join("")}</ul>`;
}

/** The search form: a plain GET form to /search, so it works without script. */
export function searchForm(q: string, id: string, label: string): string {
  return `<form class="search" role="search" aria-label="${esc(label)}" action="${paths.search}" method="get"><label for="${id}" class="sr-only">${esc(label)}</label><input id="${id}" name="q" type="search" value="${esc(q)}" maxlength="200" placeholder="搜索文章" enterkeyhint="search"><button type="submit">搜索</button></form>`;
}

export interface Pagination {
  page: number;
  pages: number;
  /** URL path of page n. */
  href: (n: number) => string;
}

/** The previous and next pages' paths (content/pagination.ts `pageLinks`), for the head's rel=prev/next and the pager. */
export function pageRels(p: Pagination): { prev?: string; next?: string } {
  const { prev, next } = pageLinks(p);
  return { prev: prev === undefined ? undefined : p.href(prev), next: next === undefined ? undefined : p.href(next) };
}

export function pager(p: Pagination): string {
  if (p.pages <= 1) return "";
  const rels = pageRels(p);
  const prev = rels.prev ? `<a href="${esc(rels.prev)}" rel="prev">‹ 上一页</a>` : "<span></span>";
  const next = rels.next ? `<a href="${esc(rels.next)}" rel="next">下一页 ›</a>` : "<span></span>";
  return `<nav class="pager" aria-label="分页">${prev}<span>第 ${p.page} / ${p.pages} 页</span>${next}</nav>`;
}
export { sourceLine } from "../source-line.ts";
