/**
 * The model every feed renderer takes: one page of one feed (the site's, a section's or a tag's),
 * with the URLs it needs already absolute on the canonical origin.
 */
import { paths, url } from "../../content/urls.ts";
import { sectionName, imageOf, thumbnailOf, type FeedPageRef, type FeedPaging } from "../../content/index.ts";
import { pictureType } from "../../mime.ts";
import type { Article, SiteSettings } from "../../content/model.ts";
import { sourceLine } from "../source-line.ts";
import { feedUrl, type FeedFormat } from "../feed-formats.ts";

export interface FeedView {
  /** Permanent feed id (urn:uuid), the same in every format and on every page. */
  id: string;
  title: string;
  description: string;
  /** The list's path (content/urls.ts): "" for the site feeds, "/categories/<slug>", "/tags/<tag>". */
  base: string;
  articles: Article[];
  /** This document's place in the feed's series (pages split into parts by the byte budget). */
  paging: FeedPaging;
  /** RFC 3339: the newest date of the feed's content (never the clock). */
  updated: string;
}

export function homeUrl(site: SiteSettings, view: Pick<FeedView, "base">): string {
  return url(site, paths.page(view.base, 1));
}

export function articleUrl(site: SiteSettings, article: Pick<Article, "slug">): string {
  return url(site, paths.article(article.slug));
}

/**
 * RFC 5005: a feed that holds every article is complete (§2, `fh:complete`); otherwise a paged
 * feed (§3) links its first, previous, next and last pages. The same for RSS and Atom.
 */
export function archiveLinks(
  site: SiteSettings,
  view: FeedView,
  format: FeedFormat,
): { complete: boolean; links: { rel: string; href: string }[] } {
  const { paging } = view;
  if (paging.complete) return { complete: true, links: [] };
  const href = (ref: FeedPageRef) => feedUrl(site, view.base, format, ref);
  const links = [{ rel: "first", href: href(paging.first) }];
  if (paging.prev) links.push({ rel: "previous", href: href(paging.prev) });
  if (paging.next) links.push({ rel: "next", href: href(paging.next) });
  links.push({ rel: "last", href: href(paging.last) });
  return { complete: false, links };
}

/** The thumbnail (first available picture), as an absolute URL. */
export function itemImage(site: SiteSettings, article: Parameters<typeof imageOf>[0]): string | undefined {
  const file = imageOf(article);
  return file ? url(site, paths.media(file)) : undefined;
}

/**
 * The thumbnail as an enclosure: its absolute URL, media type and length in bytes (RSS 2.0
 * <enclosure> requires all three; Atom's rel="enclosure" link takes them too), or undefined.
 */
export function itemEnclosure(
  site: SiteSettings,
  article: Pick<Article, "figures">,
): { url: string; type: string; length: number } | undefined {
  const thumbnail = thumbnailOf(article);
  const file = thumbnail && (thumbnail.src ?? thumbnail.file);
  const type = file && pictureType(file);
  if (!thumbnail || !file || !type || thumbnail.bytes === undefined) return undefined;
  return { url: url(site, paths.media(file)), type, length: thumbnail.bytes };
}

/** What a reader can file the item under (RSS and Atom `<category>`): its section's name, then its tags. */
export function itemCategories(site: SiteSettings, article: Article): { term: string; label: string }[] {
  return [
    { term: article.category, label: sectionName(site, article.category) },
    ...article.tags.map((t) => ({ term: t, label: t })),
  ];
}

/** An item's full content: the body with absolute URLs, then the source line as the page shows it. */
export function itemHtml(article: Article, url: string): string {
  const source = sourceLine(article);
  return source ? `${absolutize(article.html, url)}${source}\n` : absolutize(article.html, url);
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
