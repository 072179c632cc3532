/**
 * The site's URLs, once: every path the project writes (pages, feeds, media, embed, oEmbed,
 * search, the API, sitemaps, the IndexNow key file, an article's aliases' target) comes from
 * `paths`, and every absolute URL from `url(site, path, query?)`, in the worker and in the
 * scripts. Absolute URLs always come from the site's origin, never from a request's Host.
 * test/scripts/urls-rule.test.ts fails on an origin joined to a path, or a path written as a
 * template string, anywhere else.
 *
 * A list's `base` is its HTML path ("" for the home page's list): its page n is
 * `paths.page(base, n)` and its feeds `paths.feed(base, file)`.
 *
 * @example
 * url(site, paths.article("tile-exports-2025")) // "https://www.example.org/articles/tile-exports-2025"
 * url(site, paths.api.articles, { page: 2, tag: "陶瓷" }) // "…/api/v1/articles?page=2&tag=%E9%99%B6%E7%93%B7"
 */
import type { SiteSettings } from "./model.ts";

/** The API's version prefix: every API path is under it. */
const API = "/api/v1";

export const paths = {
  home: "/",
  /** The home page's list as a list base: its pages are /page/<n>, its feeds /feed.xml … */
  homeBase: "",
  article: (slug: string) => `/articles/${slug}`,
  /** A section's page (the URL keeps its historical word, "categories": a public address). */
  section: (slug: string) => `/categories/${slug}`,
  /** A tag as one path segment: percent-encoded (RFC 3986 §3.3), so any name is one segment. */
  tag: (name: string) => `/tags/${encodeURIComponent(name)}`,
  tags: "/tags",
  archives: "/archive",
  archive: (year: number, month?: number) =>
    month === undefined ? `/archive/${year}` : `/archive/${year}/${String(month).padStart(2, "0")}`,
  /** Page `n` of the list at `base`: page 1 is the list's own path. */
  page: (base: string, n: number) => (n === 1 ? base || "/" : `${base}/page/${n}`),
  /** A feed document of the list at `base` ("" for the site's). */
  feed: (base: string, file: string) => `${base}/${file}`,
  /** The list of every feed (/feeds). */
  feeds: "/feeds",
  search: "/search",
  /** A picture of content/media/ (or one derived from it) by its file name. */
  media: (file: string) => `/media/${encodeURIComponent(file)}`,
  /** An article's embeddable card. */
  embed: (slug: string) => `/embed/articles/${slug}`,
  oembed: "/oembed",
  /** The script other sites include to turn a link into an embedded card. */
  embedScript: "/embed.js",
  /** The page that builds the embed's snippet for other sites (docs/embedding.md). */
  embedBuilder: "/embed",
  api: {
    root: API,
    site: `${API}/site`,
    articles: `${API}/articles`,
    article: (slug: string) => `${API}/articles/${slug}`,
    sections: `${API}/categories`,
    tags: `${API}/tags`,
    search: `${API}/search`,
    openapi: `${API}/openapi.json`,
  },
  sitemap: "/sitemap.xml",
  /** The sitemap index's children: the pages that are not articles, and the articles' n-th sitemap (from 1). */
  pagesSitemap: "/sitemaps/pages.xml",
  articlesSitemap: (n: number) => `/sitemaps/articles-${n}.xml`,
  robots: "/robots.txt",
  /** A built asset (stylesheet, script, icon) by its fingerprinted file name. */
  asset: (file: string) => `/assets/${file}`,
  /** The web app manifest (W3C Web Application Manifest). */
  webManifest: "/manifest.webmanifest",
  /** IndexNow's key file (https://www.indexnow.org/documentation: the key as a text file at the root). */
  keyFile: (key: string) => `/${key}.txt`,
};

/** The slug of an article's path (`paths.article`), or undefined when `path` is not one. */
export function articleSlugOf(path: string): string | undefined {
  return /^\/articles\/([^/]+)$/.exec(path)?.[1];
}

/** A query's values; undefined ones are left out, the others kept in their order. */
export type QueryValues = Record<string, string | number | undefined>;

/** `path?query` (application/x-www-form-urlencoded, WHATWG URL §5.2), or `path` when nothing is defined. */
export function withQuery(path: string, query?: QueryValues): string {
  if (!query) return path;
  const entries = Object.entries(query).flatMap(([k, v]) =>
    v === undefined ? [] : [[k, String(v)] as [string, string]],
  );
  return entries.length ? `${path}?${new URLSearchParams(entries)}` : path;
}

/** The absolute URL of a site path (and query) on the site's canonical origin. */
export function url(site: Pick<SiteSettings, "origin">, path: string, query?: QueryValues): string {
  return site.origin + withQuery(path, query);
}
