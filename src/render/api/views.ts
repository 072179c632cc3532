/** Model → API JSON. Pure: URLs are absolute on the canonical origin. */
import { paths, url } from "../../content/urls.ts";
import type { Article, ArticleSummary, SiteSettings } from "../../content/model.ts";
import { sectionName, pageLinks, plainText, summaryOf } from "../../content/index.ts";
import type { SearchResult, Snippet } from "../../content/index.ts";
import { feedUrls } from "../feed-formats.ts";
import { absolutize, itemImage } from "../feeds/view.ts";
import type {
  ArticleJson,
  ArticleListJson,
  ArticleSummaryJson,
  SectionJson,
  PageJson,
  PublishedJson,
  SearchJson,
  SiteJson,
  SnippetJson,
  TagJson,
} from "./types.ts";

function publishedJson(article: ArticleSummary): PublishedJson {
  const p = article.published;
  return p.kind === "exact"
    ? { known: true, date: p.iso }
    : { known: false, not_before: p.notBefore ?? null, note: p.note ?? null };
}

function summaryJson(a: ArticleSummary, site: SiteSettings): ArticleSummaryJson {
  return {
    id: a.id,
    slug: a.slug,
    url: url(site, paths.article(a.slug)),
    title: a.title,
    summary: a.summary,
    published: publishedJson(a),
    date_modified: a.updated ?? null,
    category: { slug: a.category, name: sectionName(site, a.category) },
    tags: a.tags,
    image: itemImage(site, a) ?? null,
  };
}

export function articleJson(a: Article, site: SiteSettings): ArticleJson {
  const canonical = url(site, paths.article(a.slug));
  return {
    ...summaryJson(summaryOf(a), site),
    author: a.author ?? null,
    source: a.source ?? null,
    source_url: a.sourceUrl ?? null,
    content_html: absolutize(a.html, canonical),
    content_text: plainText(a.html),
    headings: a.headings.map((h) => ({ level: h.level, id: h.id, text: h.text })),
  };
}

function pageLinksJson(meta: PageJson, href: (page: number) => string): ArticleListJson["links"] {
  const { first, last, prev, next } = pageLinks(meta);
  return {
    self: href(meta.page),
    first: href(first),
    last: href(last),
    prev: prev !== undefined ? href(prev) : null,
    next: next !== undefined ? href(next) : null,
  };
}

export function listJson(
  articles: readonly ArticleSummary[],
  meta: PageJson,
  href: (page: number) => string,
  site: SiteSettings,
): ArticleListJson {
  return { data: articles.map((a) => summaryJson(a, site)), meta, links: pageLinksJson(meta, href) };
}

const matchesJson = (s: Snippet): SnippetJson["matches"] => s.matches.map(([offset, length]) => ({ offset, length }));

export function searchJson(
  results: readonly SearchResult[],
  meta: SearchJson["meta"],
  href: (page: number) => string,
  site: SiteSettings,
): SearchJson {
  return {
    data: results.map((r) => ({
      ...summaryJson(r.entry, site),
      title_matches: matchesJson(r.title),
      snippet: { text: r.snippet.text, matches: matchesJson(r.snippet) },
    })),
    meta,
    links: pageLinksJson(meta, href),
  };
}

export function tagsJson(tags: readonly { name: string; count: number }[], site: SiteSettings): TagJson[] {
  return tags.map((t) => ({
    name: t.name,
    url: url(site, paths.tag(t.name)),
    articles: t.count,
    feeds: feedUrls(site, paths.tag(t.name)),
    api: url(site, paths.api.articles, { tag: t.name }),
  }));
}

/** RFC 8288 Link header of a list page, for clients that page without parsing the body. */
export function linkHeader(meta: Pick<PageJson, "page" | "pages">, href: (page: number) => string): string {
  const { first, last, prev, next } = pageLinks(meta);
  const rels: [string, number][] = [
    ["first", first],
    ["last", last],
  ];
  if (prev !== undefined) rels.push(["prev", prev]);
  if (next !== undefined) rels.push(["next", next]);
  return rels.map(([rel, n]) => `<${href(n)}>; rel="${rel}"`).join(", ");
}

export function sectionsJson(site: SiteSettings, counts: Map<string, number>): SectionJson[] {
  return site.categories.map((c) => ({
    slug: c.slug,
    name: c.name,
    url: url(site, paths.section(c.slug)),
    articles: counts.get(c.slug) ?? 0,
    feeds: feedUrls(site, paths.section(c.slug)),
  }));
}

export function siteJson(site: SiteSettings): SiteJson {
  return {
    id: site.id,
    name: site.name,
    url: url(site, paths.home),
    description: site.description,
    language: site.language,
    time_zone: site.timeZone,
    copyright: site.copyright,
    icp: site.icp,
    feeds: feedUrls(site, paths.homeBase),
    api: {
      articles: url(site, paths.api.articles),
      categories: url(site, paths.api.sections),
      tags: url(site, paths.api.tags),
      search: url(site, paths.api.search),
      openapi: url(site, paths.api.openapi),
    },
  };
}

export const json = (value: unknown) => `${JSON.stringify(value)}\n`;
