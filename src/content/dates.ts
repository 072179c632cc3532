import type { ArticleMeta, Published } from "./model.ts";

/** The calendar date of an RFC 3339 instant as written (already in the site's offset). */
function isoDate(iso: string): string {
  return iso.slice(0, 10);
}

function chineseDate(ymd: string): string {
  const [y, m, d] = ymd.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}

/**
 * What a reader is told about the publication date: the date when known; otherwise that it is
 * unknown and, when the text allows it, the earliest possible day. Never a made-up date.
 */
export function describePublished(published: Published): string {
  if (published.kind === "exact") return chineseDate(isoDate(published.iso));
  return published.notBefore ? `发布日期不详(不早于${chineseDate(published.notBefore)})` : "发布日期不详";
}

/** The exact publication instant (RFC 3339), or undefined when the date is unknown. */
export function publishedIso(article: Pick<ArticleMeta, "published">): string | undefined {
  return article.published.kind === "exact" ? article.published.iso : undefined;
}

/**
 * When an article last changed, as written in the content (RFC 3339): the later of `updated` and
 * the exact publication date; undefined when neither is known. The one rule behind Last-Modified,
 * sitemap `lastmod`, Atom `updated`, RSS `lastBuildDate` and JSON Feed dates: never the clock.
 */
export function lastChanged(article: Pick<ArticleMeta, "published" | "updated">): string | undefined {
  const published = publishedIso(article);
  if (!article.updated) return published;
  if (!published) return article.updated;
  return Date.parse(article.updated) >= Date.parse(published) ? article.updated : published;
}

/** The latest `lastChanged` among `articles` (RFC 3339 as written), or undefined when none is known. */
export function newestChange(articles: readonly Pick<ArticleMeta, "published" | "updated">[]): string | undefined {
  let best: string | undefined;
  let bestMs = -Infinity;
  for (const a of articles) {
    const iso = lastChanged(a);
    if (iso === undefined) continue;
    const ms = Date.parse(iso);
    if (ms > bestMs) {
      best = iso;
      bestMs = ms;
    }
  }
  return best;
}
