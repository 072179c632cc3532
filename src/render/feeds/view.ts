/**
 * The model every feed renderer takes: one page of one feed (site-wide or a category), with the
 * URLs it needs already absolute on the canonical origin.
 */
import type { Article, SiteSettings } from "../../content/model.ts";

export interface FeedView {
  /** Permanent feed id (urn:uuid), the same in every format and on every page. */
  id: string;
  title: string;
  description: string;
  /** "" for the site feeds, "/categories/<slug>" for a category's. */
  base: string;
  articles: Article[];
  page: number;
  pages: number;
  /** RFC 3339: the newest date of the feed's content (never the clock). */
  updated: string;
}

export type FeedFormat = "rss" | "atom" | "json";

export const FEED_FILES: Record<FeedFormat, string> = { rss: "feed.xml", atom: "atom.xml", json: "feed.json" };

export const FEED_TYPES: Record<FeedFormat, string> = {
  rss: "application/rss+xml; charset=utf-8",
  atom: "application/atom+xml; charset=utf-8",
  json: "application/feed+json; charset=utf-8",
};

/** Absolute URL of page `page` of this feed in `format` (page 1 has no query). */
export function feedUrl(site: SiteSettings, view: Pick<FeedView, "base">, format: FeedFormat, page = 1): string {
  return `${site.origin}${view.base}/${FEED_FILES[format]}${page > 1 ? `?page=${page}` : ""}`;
}

export function homeUrl(site: SiteSettings, view: Pick<FeedView, "base">): string {
  return `${site.origin}${view.base || "/"}`;
}

export function articleUrl(site: SiteSettings, article: Article): string {
  return `${site.origin}/articles/${article.slug}`;
}

/** The date an item last changed: `updated`, else its publication (always one of the two). */
export function itemUpdated(article: Article): string | undefined {
  return article.updated ?? (article.published.kind === "exact" ? article.published.iso : undefined);
}

/** First available picture, as an absolute URL. */
export function itemImage(site: SiteSettings, article: Article): string | undefined {
  const figure = article.figures.find((f) => f.available);
  return figure ? `${site.origin}/media/${encodeURIComponent(figure.file)}` : undefined;
}

/** Tags a reader can file the item under: its category's name, then its tags. */
export function itemCategories(site: SiteSettings, article: Article): { term: string; label: string }[] {
  const name = site.categories.find((c) => c.slug === article.category)?.name ?? article.category;
  return [{ term: article.category, label: name }, ...article.tags.map((t) => ({ term: t, label: t }))];
}

/**
 * Prepares an article body for a feed: makes every URL in it absolute against `base` (the article's canonical URL), so
 * links and pictures work inside a feed reader (RSS Best Practices §"Relative links"; RFC 4287
 * §7 allows xml:base, but many readers ignore it).
 */
export function absolutize(html: string, base: string): string {
  return html
    .replace(/<!--[\s\S]*?-->\n?/g, "") // picture placeholders and other comments mean nothing to a reader
    .replace(/(\s(?:href|src|poster|cite)=")([^"]*)"/g, (_, pre: string, url: string) => `${pre}${resolve(url, base)}"`)
    .replace(
      /(\ssrcset=")([^"]*)"/g,
      (_, pre: string, set: string) =>
        `${pre}${set
          .split(",")
          .map((candidate) => {
            const [url = "", ...descriptor] = candidate.trim().split(/\s+/);
            return [resolve(url, base), ...descriptor].join(" ");
          })
          .join(", ")}"`,
    );
}

function resolve(attr: string, base: string): string {
  const url = attr.replace(/&amp;/g, "&");
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return attr;
  try {
    return new URL(url, base).href.replace(/&/g, "&amp;");
  } catch {
    return attr;
  }
}
