/** Lists of articles: the home page and the category pages, paginated. Pure. */
import type { ArticleSummary, NavCategory, SiteSettings } from "../../content/model.ts";
import { esc } from "./escape.ts";
import { layout } from "./layout.ts";
import { card, pager, type Pagination } from "./parts.ts";

export interface ListingView extends Pagination {
  articles: ArticleSummary[];
  total: number;
  /** Undefined for the home page. */
  category?: NavCategory;
  /** Local preview's clock (marks drafts and scheduled articles); undefined in production. */
  previewAt?: number;
}

export function renderListing(view: ListingView, site: SiteSettings): string {
  const { category, page } = view;
  const heading = category ? category.name : "最新文章";
  const suffix = page > 1 ? ` - 第${page}页` : "";
  const title = category
    ? `${category.name}${suffix} - ${site.name}`
    : page > 1
      ? `最新文章${suffix} - ${site.name}`
      : site.name;
  const description = category
    ? `${site.name}「${category.name}」栏目的文章${suffix}。`
    : `${site.description}${suffix}`;
  const crumbs = category
    ? `<nav class="crumbs" aria-label="当前位置"><ol><li><a href="/">首页</a></li><li aria-current="page">${esc(category.name)}</li></ol></nav>\n`
    : "";
  const list = view.articles.length
    ? `<ul class="cards">${view.articles.map((a) => card(a, site, view.previewAt)).join("\n")}</ul>`
    : `<p class="empty">${category ? "本栏目暂无文章。" : "暂无文章。"}</p>`;
  const main = `${crumbs}<section class="listing" aria-labelledby="listing-title">
<h1 id="listing-title">${esc(heading)}</h1>
${list}
${pager(view)}
</section>`;
  return layout(
    {
      title,
      description,
      path: view.href(page),
      section: category?.slug,
      feeds: category ? [{ title: `${site.name} - ${category.name}`, base: `/categories/${category.slug}` }] : [],
      prev: page > 1 ? view.href(page - 1) : undefined,
      next: page < view.pages ? view.href(page + 1) : undefined,
    },
    main,
    site,
  );
}
