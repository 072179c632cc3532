/**
 * /sitemap.xml (a sitemap index), its child sitemaps, and /robots.txt (sitemaps.org protocol 0.9:
 * at most 50,000 URLs per sitemap, so the articles are split over children). Pure.
 */
import { paths, url } from "../content/urls.ts";
import type { VisibleFacets } from "../content/index.ts";
import type { SiteSettings } from "../content/model.ts";
import { xml, xmlDocument } from "./xml.ts";

export interface SitemapUrl {
  /** Root-relative path on the canonical origin. */
  path: string;
  /** W3C datetime (RFC 3339), when known. */
  lastmod?: string;
}

const lastmod = (iso?: string) => (iso ? `<lastmod>${xml(iso)}</lastmod>` : "");

/** The index: one <sitemap> per child (protocol §"Using Sitemap index files"). */
export function renderSitemapIndex(children: readonly SitemapUrl[], site: SiteSettings): string {
  return sitemapDocument("sitemapindex", "sitemap", children, site);
}

/** One child sitemap: a <urlset>. */
export function renderUrlset(pages: readonly SitemapUrl[], site: SiteSettings): string {
  return sitemapDocument("urlset", "url", pages, site);
}

/** A sitemap document: its root element in the protocol's namespace, one `item` per URL. */
function sitemapDocument(
  root: "sitemapindex" | "urlset",
  item: "sitemap" | "url",
  urls: readonly SitemapUrl[],
  site: SiteSettings,
): string {
  return xmlDocument([
    `<${root} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`,
    ...urls.map((u) => `<${item}><loc>${xml(url(site, u.path))}</loc>${lastmod(u.lastmod)}</${item}>`),
    `</${root}>`,
  ]);
}

/** The pages that are not articles: home, every section, the feeds page, every tag and archive page. */
export function sitePages(site: SiteSettings, facets: VisibleFacets | undefined): SitemapUrl[] {
  const years = [...new Set(facets?.months.map((m) => m.year))];
  return [
    { path: paths.home },
    ...site.categories.map((c) => ({ path: paths.section(c.slug) })),
    { path: paths.feeds },
    { path: paths.tags },
    ...(facets?.tags ?? []).map((t) => ({ path: paths.tag(t.name) })),
    { path: paths.archives },
    ...years.map((y) => ({ path: paths.archive(y) })),
    ...(facets?.months ?? []).map((m) => ({ path: paths.archive(m.year, m.month) })),
  ];
}

export function renderRobots(site: SiteSettings): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${url(site, paths.sitemap)}\n`;
}
