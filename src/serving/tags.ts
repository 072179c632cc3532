/**
 * Cache-Tags: what each response shows, named so the cron can purge exactly the routes a newly
 * visible article changes (Workers Cache, `ctx.cache.purge({ tags })`). One vocabulary for the
 * routes that declare tags and for the cron that purges them (src/scheduled/):
 *
 * - `site`: every response of the worker (never purged by the cron: a deploy is a new version);
 * - `l:<list base>`: a list and everything drawn from it: its HTML pages, its feeds, the API's
 *   list (content/urls.ts bases: "/" for the latest articles, /categories/…, /tags/…, /archive/…);
 * - `a:<slug>`: an article's page, card, oEmbed and API record;
 * - `n:<slug>`: an article page's 上一篇/下一篇 (which change when an article appears next to it);
 * - `rt:<tag>`: the article pages whose related articles are drawn from tag <tag>'s articles (the
 *   pages of the articles carrying that tag: content/search `related`). An article appearing
 *   changes exactly the related lists of its own tags, whatever their depth, so a publish purges
 *   one such tag per tag of the article, however many articles share it (docs/architecture.md,
 *   "Purges"). A page whose tags are too many to name one by one carries `related` instead,
 *   which every publish of a tagged article purges (`relatedTags`);
 * - `tags`: what shows the tags' counts (/tags, /api/v1/tags); `tag-list`: what lists the tags'
 *   names in their order (/feeds, the pages sitemap); `archive`: what shows the months' counts
 *   (/archive); `archive-list`: what lists the months and years (the pages sitemap); `sections`:
 *   the sections' counts (/api/v1/categories); `sitemap:<n>`: child sitemap n of the
 *   articles (the sitemap index changes only with a deploy: the store fixes how many there are).
 *
 * A tag is printable ASCII without commas or spaces (values are percent-encoded), at most
 * MAX_TAG characters (a longer one is its kind and a SHA-256 digest of the value), and a response
 * carries at most MAX_TAGS of them (the most specific first; the rest are dropped, documented in
 * docs/deploy.md): a header a CDN accepts whatever a tag name holds.
 */
import { sha256Hex } from "../cache/sha256.ts";

export const MAX_TAG = 200;
export const MAX_TAGS = 32;

const encoder = new TextEncoder();

function tag(kind: string, value: string): string {
  const written = `${kind}:${encodeURIComponent(value)}`;
  return written.length <= MAX_TAG ? written : `${kind}#${sha256Hex(encoder.encode(value)).slice(0, 32)}`;
}

export const cacheTag = {
  site: "site",
  tagIndex: "tags",
  tagList: "tag-list",
  archiveIndex: "archive",
  archiveList: "archive-list",
  sections: "sections",
  /** Child sitemap `n` (0-based) of the articles. */
  sitemap: (n: number) => `sitemap:${n}`,
  /** A list by its base path ("" is the latest articles, written "/"). */
  list: (base: string) => tag("l", base || "/"),
  article: (slug: string) => tag("a", slug),
  neighbours: (slug: string) => tag("n", slug),
  /** The article pages whose related lists draw on tag `name` (those of the articles tagged so). */
  relatedTo: (name: string) => tag("rt", name),
  /** Article pages with more tags than `relatedTags` names one by one. */
  relatedAny: "related",
};

/** At most this many `rt:` tags on a page, and this many characters of them. */
const RELATED_TAGS = 20;
const RELATED_CHARS = 512;

/**
 * The Cache-Tags of an article page's related list: one `rt:` per tag of the article. Kept with
 * the cached entry (its KV metadata holds 1024 bytes), so they are bounded: past RELATED_TAGS of
 * them or RELATED_CHARS characters, the page carries `related`, which the cron purges whenever a
 * tagged article appears. Either way every change of the list is purged.
 */
export function relatedTags(tags: readonly string[]): string[] {
  const named = [...new Set(tags)].map(cacheTag.relatedTo);
  const chars = named.reduce((n, t) => n + t.length + 1, 0);
  return named.length <= RELATED_TAGS && chars <= RELATED_CHARS ? named : [cacheTag.relatedAny];
}

/** The Cache-Tag header value of a response: `site` and its own tags, bounded. */
export function cacheTagHeader(tags: readonly string[]): string {
  return [...new Set([...tags, cacheTag.site])].slice(0, MAX_TAGS).join(",");
}
