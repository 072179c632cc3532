/**
 * The content store's format: what the build writes beside the worker (Workers Static Assets under
 * /_store/, deployed with the script as one version) and how the worker reads it back. This module
 * owns both directions, so the writer (scripts/, tests) and the reader (store.ts) cannot drift.
 *
 * Everything that grows with the archive lives in files; the script keeps only the manifest (site
 * settings, counts, the few articles still scheduled at build time). Files, for N articles:
 *
 * - `a/<category>/<n>.pack`: full articles, `pack` per file, by rank within their category
 *   (oldest = 0), so a new article rewrites only its category's last pack. A pack is one JSON line
 *   of [slug, start, end] byte ranges, then the records: a reader decodes only the one it needs.
 * - `l/all/<n>.json`, `l/c/<category>/<n>.json`: list shards, `shard` summaries per file by rank
 *   (oldest = 0) in the site list and in each category's list.
 * - `s/<bucket>.json`: the slug index, slug → [category, rank in category, rank in the site list],
 *   in `buckets` files by a hash of the slug.
 * - `m/<n>.json`: the sitemap's entries, `sitemap` per child sitemap, by rank.
 *
 * - `x/…`: the search index and the facets (tags, months) of ../search/format.ts.
 *
 * At 100,000 articles that is about 6,300 packs, 2,000 shards, 1,024 index buckets, 20 sitemap
 * chunks and 4,096 search shards: ~13,500 files, within the Free plan's 20,000 per version.
 *
 * Visibility: drafts are never packed unless `preview` (local `npm run dev` only). Articles dated
 * after `builtAt` are "pending": the manifest lists each with its ranks, and the reader hides the
 * ones whose time has not come (a handful at a time), so scheduled articles appear by themselves.
 */
import type { Article, ArticleSummary, ContentModel, SiteSettings } from "../model.ts";
import { lastChanged } from "../dates.ts";
import { fnv1a } from "../hash.ts";
import { summaryOf } from "../summary.ts";
import { writeSearchIndex, type IndexBlocks, type SearchManifest } from "../search/format.ts";

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

/** An article scheduled after the build: [instant ms, category, rank in the site list, rank in its category]. */
export type Pending = [at: number, category: string, rank: number, categoryRank: number];

export interface StoreManifest {
  site: SiteSettings;
  /** Hash of everything in content/: part of every render-cache key. */
  version: string;
  /** Drafts packed (local preview builds only; `npm run check` refuses to deploy one). */
  preview: boolean;
  /** When the build ran (ms): articles dated later are `pending`. */
  builtAt: number;
  /** Articles in the site list and in each category's list, pending ones included. */
  counts: { all: number; categories: Record<string, number> };
  /** Sorted by instant. */
  pending: Pending[];
  /** The newest publication instant at or before `builtAt` (ms; 0 when none): the epoch until a pending one passes. */
  settled: number;
  /** Which slug-index buckets have a file, as a hex bitmap (a missing file is then an error, not an unknown slug). */
  buckets: string;
  layout: StoreLayout;
  /** The search index's shape (../search/format.ts). */
  search: SearchManifest;
}

/** A list entry: the summary and where the full article is. */
export interface Listed extends ArticleSummary {
  /** Rank within the article's category (oldest = 0): its pack is floor(categoryRank / layout.pack). */
  categoryRank: number;
  /** An upper bound of the bytes the article adds to a feed document (feeds split pages by it). */
  feedBytes?: number;
}

/** An entry of the slug index: [category, rank in category, rank in the site list]. */
export type SlugEntry = [category: string, categoryRank: number, rank: number];

/** A sitemap entry: [slug, lastmod (RFC 3339) or null, instant if pending or null]. */
export type SitemapEntry = [slug: string, lastmod: string | null, pendingAt: number | null];

/** The directory under the assets root, and each file's path within it. */
export const STORE_DIR = "_store";
export const storePath = {
  pack: (category: string, n: number) => `a/${category}/${n}.pack`,
  shard: (category: string | undefined, n: number) => (category ? `l/c/${category}/${n}.json` : `l/all/${n}.json`),
  bucket: (b: number) => `s/${b}.json`,
  sitemap: (n: number) => `m/${n}.json`,
};

/** The slug's index bucket: its FNV-1a hash modulo the bucket count. */
export function bucketOf(slug: string, buckets: number): number {
  return fnv1a(slug) % buckets;
}

export function hasBucket(manifest: Pick<StoreManifest, "buckets">, b: number): boolean {
  const nibble = parseInt(manifest.buckets[b >> 2] ?? "0", 16);
  return (nibble & (8 >> (b & 3))) !== 0;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export interface PackOptions {
  /** Pack drafts too (local preview). */
  preview: boolean;
  /** Articles dated after this instant (ms) are pending; -Infinity makes every dated article pending. */
  builtAt: number;
  layout?: StoreLayout;
  /** The bytes an article adds to a feed document (render/feeds/size.ts); recorded in the lists. */
  feedBytes?: (article: Article) => number;
  /** Index blocks kept between builds (search/format.ts): unchanged runs of articles are not indexed again. */
  indexBlocks?: IndexBlocks;
}

/**
 * The store for a content model: the manifest and every file (path → bytes). Pure; the build
 * writes the files, tests serve them from memory. `model.articles` is newest first.
 */
export function packStore(
  model: ContentModel,
  { preview, builtAt, layout = LAYOUT, feedBytes, indexBlocks }: PackOptions,
): { manifest: StoreManifest; files: Map<string, Uint8Array> } {
  const files = new Map<string, Uint8Array>();
  const json = (path: string, value: unknown) => files.set(path, encoder.encode(JSON.stringify(value)));
  // Oldest first: ranks stay put when new articles arrive.
  const articles = model.articles.filter((a) => preview || !a.draft).reverse();
  const byCategory = new Map<string, Article[]>(model.site.categories.map((c) => [c.slug, []]));
  const categoryRank = new Map<Article, number>();
  for (const a of articles) {
    const list = byCategory.get(a.category) ?? [];
    byCategory.set(a.category, list);
    categoryRank.set(a, list.length);
    list.push(a);
  }
  const sizes = new Map(feedBytes ? articles.map((a) => [a, feedBytes(a)] as const) : []);
  const listed = (a: Article): Listed => ({
    ...summaryOf(a),
    categoryRank: categoryRank.get(a)!,
    ...(sizes.has(a) ? { feedBytes: sizes.get(a)! } : {}),
  });

  for (const [category, list] of byCategory) {
    for (let n = 0; n * layout.pack < list.length; n++) {
      files.set(storePath.pack(category, n), encodePack(list.slice(n * layout.pack, (n + 1) * layout.pack)));
    }
    for (let n = 0; n * layout.shard < list.length; n++) {
      json(storePath.shard(category, n), list.slice(n * layout.shard, (n + 1) * layout.shard).map(listed));
    }
  }
  for (let n = 0; n * layout.shard < articles.length; n++) {
    json(storePath.shard(undefined, n), articles.slice(n * layout.shard, (n + 1) * layout.shard).map(listed));
  }

  const buckets = new Map<number, Record<string, SlugEntry>>();
  articles.forEach((a, rank) => {
    const b = bucketOf(a.slug, layout.buckets);
    const bucket = buckets.get(b) ?? {};
    bucket[a.slug] = [a.category, categoryRank.get(a)!, rank];
    buckets.set(b, bucket);
  });
  const bits = new Uint8Array(Math.ceil(layout.buckets / 4));
  for (const [b, bucket] of buckets) {
    json(storePath.bucket(b), bucket);
    bits[b >> 2]! |= 8 >> (b & 3);
  }

  const pendingAt = (a: Article) =>
    a.published.kind === "exact" && !a.draft && Date.parse(a.published.iso) > builtAt
      ? Date.parse(a.published.iso)
      : null;
  for (let n = 0; n * layout.sitemap < articles.length; n++) {
    const chunk = articles.slice(n * layout.sitemap, (n + 1) * layout.sitemap);
    json(
      storePath.sitemap(n),
      chunk.map((a): SitemapEntry => [a.slug, lastChanged(a) ?? null, pendingAt(a)]),
    );
  }

  const pending: Pending[] = [];
  articles.forEach((a, rank) => {
    const at = pendingAt(a);
    if (at !== null) pending.push([at, a.category, rank, categoryRank.get(a)!]);
  });
  pending.sort((x, y) => x[0] - y[0] || x[2] - y[2]);
  let settled = 0;
  for (const a of articles) {
    const at = a.published.kind === "exact" && !a.draft ? Date.parse(a.published.iso) : 0;
    if (at > settled && pendingAt(a) === null) settled = at;
  }

  const index = writeSearchIndex(articles, new Set(pending.map((p) => p[2])), indexBlocks);
  for (const [path, bytes] of index.files) files.set(path, bytes);

  const manifest: StoreManifest = {
    site: model.site,
    version: model.version,
    preview,
    builtAt: Number.isFinite(builtAt) ? builtAt : 0,
    counts: {
      all: articles.length,
      categories: Object.fromEntries([...byCategory].map(([slug, list]) => [slug, list.length])),
    },
    pending,
    settled,
    buckets: [...bits].map((n) => n.toString(16)).join(""),
    layout,
    search: index.manifest,
  };
  return { manifest, files };
}

/** One header line of [slug, start, end] (byte offsets after it), then the records. */
export function encodePack(articles: readonly Article[]): Uint8Array {
  const records = articles.map((a) => encoder.encode(JSON.stringify(a)));
  const ranges: [string, number, number][] = [];
  let offset = 0;
  for (const [i, bytes] of records.entries()) {
    ranges.push([articles[i]!.slug, offset, offset + bytes.byteLength]);
    offset += bytes.byteLength;
  }
  const header = encoder.encode(`${JSON.stringify(ranges)}\n`);
  const out = new Uint8Array(header.byteLength + offset);
  out.set(header, 0);
  let at = header.byteLength;
  for (const bytes of records) {
    out.set(bytes, at);
    at += bytes.byteLength;
  }
  return out;
}

/** The record of `slug` at position `index` of a pack, or undefined when it is not there. Throws on corrupt bytes. */
export function decodePackRecord(bytes: Uint8Array, index: number, slug: string): Article | undefined {
  const newline = bytes.indexOf(10);
  if (newline < 0) throw new Error("pack has no header line");
  const ranges = JSON.parse(decoder.decode(bytes.subarray(0, newline))) as [string, number, number][];
  const range = ranges[index];
  if (!range || range[0] !== slug) return undefined;
  const start = newline + 1 + range[1];
  const end = newline + 1 + range[2];
  if (end > bytes.byteLength) throw new Error("pack record past the end of the file");
  const article = JSON.parse(decoder.decode(bytes.subarray(start, end))) as Article;
  return article.slug === slug ? article : undefined;
}

/** Every record of a pack, in order (tests, tools). */
export function decodePack(bytes: Uint8Array): Article[] {
  const newline = bytes.indexOf(10);
  const ranges = JSON.parse(decoder.decode(bytes.subarray(0, newline))) as [string, number, number][];
  return ranges.map(([slug], i) => decodePackRecord(bytes, i, slug)!);
}

export function decodeJson<T>(bytes: Uint8Array): T {
  return JSON.parse(decoder.decode(bytes)) as T;
}
