/**
 * The content store's format: what the build writes beside the worker (Workers Static Assets under
 * /_store/, deployed with the script as one version) and how the worker reads it back. The paths,
 * layout and record shapes live here, shared by the build's writer (scripts/content/pack.ts) and
 * the worker's reader (index.ts), so the two cannot drift; the writing code itself is build-only.
 *
 * Everything that grows with the archive lives in files; the script keeps only the manifest (site
 * settings, counts, the few articles still scheduled at build time). Files, for N articles:
 *
 * - `a/<section>/<n>.pack`: full articles, `pack` per file, by rank within their section
 *   (oldest = 0), so a new article rewrites only its section's last pack. A pack is framed
 *   (framing.ts): a header of [slug, start, end] byte ranges, then the records, so a reader
 *   decodes only the one it needs.
 * - `l/all/<n>.json`, `l/c/<section>/<n>.json`: list shards, `shard` summaries per file by rank
 *   (oldest = 0) in the site list and in each section's list.
 * - `s/<bucket>.json`: the slug index, slug → [section, rank in section, rank in the site list],
 *   in `buckets` files by a hash of the slug.
 * - `m/<n>.json`: the sitemap's entries, `sitemap` per child sitemap, by rank.
 *
 * - `x/…`: the search index and the facets (tags, months) of ../search/format.ts, which the store
 *   reads for search (files.ts) without knowing their format; the manifest records their shape.
 *
 * At 100,000 articles that is about 6,300 packs, 2,000 shards, 1,024 index buckets, 20 sitemap
 * chunks and 4,096 search shards: ~13,500 files, within the Free plan's 20,000 per version.
 *
 * Visibility: drafts are never packed unless `preview` (local `npm run dev` only). Articles dated
 * after `builtAt` are "pending": the manifest lists each with its ranks, and the reader hides the
 * ones whose time has not come (a handful at a time), so scheduled articles appear by themselves.
 */
import type { Article, ArticleSummary, SiteSettings } from "../model.ts";
import { fnv1a } from "../hash.ts";
import { jsonAt, unframe } from "./framing.ts";

export interface StoreLayout {
  /** Articles per pack file. */
  pack: number;
  /** Summaries per list shard. */
  shard: number;
  /** Files of the slug index. */
  buckets: number;
  /** URLs per child sitemap (the sitemap protocol allows 50,000). */
  sitemap: number;
}

export const LAYOUT: StoreLayout = { pack: 16, shard: 100, buckets: 1024, sitemap: 5000 };

/** An article scheduled after the build: [instant ms, section, rank in the site list, rank in its section]. */
export type Pending = [at: number, section: string, rank: number, sectionRank: number];

export interface StoreManifest {
  site: SiteSettings;
  /**
   * Hash of the content and of what makes its HTML (the build's code, each picture as published):
   * part of every render-cache key.
   */
  version: string;
  /** Drafts packed (local preview builds only; `npm run check` refuses to deploy one). */
  preview: boolean;
  /** When the build ran (ms): articles dated later are `pending`. */
  builtAt: number;
  /** Articles in the site list and in each section's list (by slug), pending ones included. Field names are the store's. */
  counts: { all: number; categories: Record<string, number> };
  /** Sorted by instant. */
  pending: Pending[];
  /** The newest publication instant at or before `builtAt` (ms; 0 when none): the epoch until a pending one passes. */
  settled: number;
  /** Which slug-index buckets have a file, as a hex bitmap (a missing file is then an error, not an unknown slug). */
  buckets: string;
  /** Which old-URL buckets have a file, the same way (absent: no article has an old URL). */
  aliases?: string;
  /** The parameter names that start a query alias (content/aliases.ts): only those of a request are probed. */
  aliasParams?: string[];
  layout: StoreLayout;
  /** The search index's shape (../search/format.ts). */
  search: IndexShape;
}

/** The shape of the search index (../search/format.ts writes and reads it). */
export interface IndexShape {
  /** Number of index shards. */
  shards: number;
  /** Documents indexed (the site list's length). */
  docs: number;
}

/** A list entry: the summary and where the full article is. */
export interface Listed extends ArticleSummary {
  /** Rank within the article's section (oldest = 0; the list shards' field name): its pack is floor(categoryRank / layout.pack). */
  categoryRank: number;
  /** An upper bound of the bytes the article adds to a feed document (feeds split pages by it). */
  feedBytes?: number;
}

/** An entry of the slug index: [section, rank in section, rank in the site list]. */
export type SlugEntry = [section: string, sectionRank: number, rank: number];

/** A sitemap entry: [slug, lastmod (RFC 3339) or null, instant if pending or null]. */
export type SitemapEntry = [slug: string, lastmod: string | null, pendingAt: number | null];

/** The directory under the assets root, and each file's path within it. */
export const STORE_DIR = "_store";
/**
 * A preview build's manifest (`npm run dev` only), as JSON: in the store, not in the generated
 * module, so a build that changed only content leaves the module's bytes as they were and wrangler
 * dev reloads the worker once, for the store's files, instead of once more for the module (issue
 * 30, save to page). A deployed build has no such file: its manifest is in the module.
 */
export const PREVIEW_MANIFEST = "manifest.json";
export const storePath = {
  pack: (section: string, n: number) => `a/${section}/${n}.pack`,
  shard: (section: string | undefined, n: number) => (section ? `l/c/${section}/${n}.json` : `l/all/${n}.json`),
  bucket: (b: number) => `s/${b}.json`,
  /** Old URLs (aliases.ts normal form) → slug, in buckets by a hash of the old path. */
  alias: (b: number) => `r/${b}.json`,
  sitemap: (n: number) => `m/${n}.json`,
};

/** The slug's index bucket: its FNV-1a hash modulo the bucket count. */
export function bucketOf(slug: string, buckets: number): number {
  return fnv1a(slug) % buckets;
}

export function hasBucket(manifest: Pick<StoreManifest, "buckets">, b: number, bitmap = manifest.buckets): boolean {
  const nibble = parseInt(bitmap[b >> 2] ?? "0", 16);
  return (nibble & (8 >> (b & 3))) !== 0;
}

/** A pack's header (framing.ts): [slug, start, end] of each record, in rank order. */
export type PackHeader = [slug: string, start: number, end: number][];

/**
 * The record of `slug` at position `index` of a pack, or undefined when it is not there. Throws
 * on corrupt bytes, a truncated record included.
 */
export function decodePackRecord(bytes: Uint8Array, index: number, slug: string): Article | undefined {
  const { header, body } = unframe<PackHeader>(bytes);
  const range = header[index];
  if (!range || range[0] !== slug) return undefined;
  const article = jsonAt<Article>(body, range[1], range[2]);
  return article.slug === slug ? article : undefined;
}
