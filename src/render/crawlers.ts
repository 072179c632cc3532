/**
 * /sitemap.xml (a sitemap index), its child sitemaps, and /robots.txt (sitemaps.org protocol 0.9:
 * at most 50,000 URLs per sitemap, so the articles are split over children). Pure.
 */
import { paths, url } from "../content/urls.ts";
import type { VisibleFacets } from "../content/index.ts";
import type { SiteSettings } from "../content/model.ts";
import { xml } from "./xml.ts";

export interface SitemapUrl {
  /** Root-relative path on the canonical origin. */
  path: string;
  /** W3C datetime (RFC 3339), when known. */
  lastmod?: string;
}

const lastmod = (iso?: string) => (iso ? `<lastmod>${xml(iso)}</lastmod>` : "");

/** The index: one <sitemap> per child (protocol §"Using Sitemap index files"). */
export function renderSitemapIndex(children: readonly SitemapUrl[], site: SiteSettings): string {
  return [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`,
    ...children.map((c) => `<sitemap><loc>${xml(url(site, c.path))}</loc>${lastmod(c.lastmod)}</sitemap>`),
    `</sitemapindex>`,
    ``,
  ].join("\n");
}

/** One child sitemap: a <urlset>. */
export function renderUrlset(pages: readonly SitemapUrl[], site: SiteSettings): string {
  return [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`,
    ...pages.map((u) => `<url><loc>${xml(url(site, u.path))}</loc>${lastmod(u.lastmod)}</url>`),
    `</urlset>`,
    ``,
  ].join("\n");
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
