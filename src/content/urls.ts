/**
 * The site's paths, once: every article, category, tag, archive and feed URL in HTML, feeds, the
 * API, sitemaps and WebSub is built here. A list's `base` is its HTML path ("" for the home page's
 * list); its page n is `${base}/page/${n}` and its feeds `${base}/feed.xml` and so on. Absolute
 * URLs always come from the site's origin, never from a request's Host.
 */
import type { SiteSettings } from "./model.ts";

export const paths = {
  article: (slug: string) => `/articles/${slug}`,
  category: (slug: string) => `/categories/${slug}`,
  /** A tag as one path segment: percent-encoded (RFC 3986 §3.3), so any name is one segment. */
  tag: (name: string) => `/tags/${encodeURIComponent(name)}`,
  archive: (year: number, month?: number) =>
    month === undefined ? `/archive/${year}` : `/archive/${year}/${String(month).padStart(2, "0")}`,
  /** Page `n` of the list at `base`: page 1 is the list's own path. */
  page: (base: string, n: number) => (n === 1 ? base || "/" : `${base}/page/${n}`),
  /** A feed document of the list at `base` ("" for the site's). */
  feed: (base: string, file: string) => `${base}/${file}`,
};

/** The absolute URL of a site path. */
export function absolute(site: Pick<SiteSettings, "origin">, path: string): string {
  return `${site.origin}${path}`;
}
