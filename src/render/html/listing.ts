/**
 * Lists of articles, paginated: the home page, and every collection (a section, a tag, an archive
 * year or month), which differ only in their heading, crumbs and feed. Pure.
 */
import type { ArticleSummary, Section, SiteSettings } from "../../content/model.ts";
import { paths } from "../../content/urls.ts";
import { esc } from "./escape.ts";
import { layout, type FeedLink } from "./layout.ts";
import { card, crumbs, pageRels, pager, type Crumb, type Pagination } from "./parts.ts";

/** What a list is of. */
export interface Collection {
  /** The page's <h1> and the <title>'s stem. */
  heading: string;
  description: string;
  /** The way from the home page to this list (the list itself last, without a link). */
  crumbs: Crumb[];
  /** The slug of the navigation section it belongs to (aria-current). */
  section?: string;
  /** Its own feeds, advertised beside the site's. */
  feed?: FeedLink;
  /** What an empty list says. */
  empty: string;
}

export interface ListingView extends Pagination {
  articles: ArticleSummary[];
  total: number;
  /** Undefined for the home page. */
  collection?: Collection;
  /** Local preview's clock (marks drafts and scheduled articles); undefined in production. */
  previewAt?: number;
}

export function sectionCollection(section: Section, site: SiteSettings): Collection {
  return {
    heading: section.name,
    description: `${site.name}「${section.name}」栏目的文章`,
    crumbs: [{ name: section.name }],
    section: section.slug,
    feed: { title: `${site.name} - ${section.name}`, base: paths.section(section.slug) },
    empty: "本栏目暂无文章。",
  };
}

export function tagCollection(tag: string, site: SiteSettings): Collection {
  return {
    heading: `标签:${tag}`,
    description: `${site.name}标有「${tag}」的文章`,
    crumbs: [{ name: "标签", href: paths.tags }, { name: tag }],
    feed: { title: `${site.name} - 标签:${tag}`, base: paths.tag(tag) },
    empty: "此标签下暂无文章。",
  };
}

export function archiveCollection(year: number, month: number | undefined, site: SiteSettings): Collection {
  const name = month ? `${year}年${month}月` : `${year}年`;
  return {
    heading: `${name}的文章`,
    description: `${site.name}${name}发布的文章`,
    crumbs: [
      { name: "归档", href: paths.archives },
      ...(month ? [{ name: `${year}年`, href: paths.archive(year) }] : []),
      { name },
    ],
    empty: "这段时间没有文章。",
  };
}

export function renderListing(view: ListingView, site: SiteSettings): string {
  const { collection, page } = view;
  const heading = collection ? collection.heading : "最新文章";
  const suffix = page > 1 ? ` - 第${page}页` : "";
  const title = collection
    ? `${collection.heading}${suffix} - ${site.name}`
    : page > 1
      ? `最新文章${suffix} - ${site.name}`
      : site.name;
  const description = collection ? `${collection.description}${suffix}。` : `${site.description}${suffix}`;
  const list = view.articles.length
    ? `<ul class="cards">${view.articles.map((a) => card(a, site, view.previewAt)).join("\n")}</ul>`
    : `<p class="empty">${collection ? collection.empty : "暂无文章。"}</p>`;
  const main = `${collection ? `${crumbs(collection.crumbs)}\n` : ""}<section class="listing" aria-labelledby="listing-title">
<h1 id="listing-title">${esc(heading)}</h1>
${list}
${pager(view)}
</section>`;
  return layout(
    {
      title,
      description,
      path: view.href(page),
      section: collection?.section,
      feeds: collection?.feed ? [collection.feed] : [],
      ...pageRels(view),
    },
    main,
    site,
  );
}
