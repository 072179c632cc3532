/**
 * The content store's writer (build-only: the worker imports only the reader, src/content/store/):
 * the manifest and every file of a content model, in the format of src/content/store/format.ts.
 * Pure; the build writes the files to public/_store/, tests serve them from memory.
 */
import { aliasBucketKey, pairName, splitAliasKey } from "../../src/content/aliases.ts";
import { lastChanged } from "../../src/content/dates.ts";
import type { Article, ContentModel } from "../../src/content/model.ts";
import { frame, unframe } from "../../src/content/store/framing.ts";
import {
  bucketOf,
  LAYOUT,
  storePath,
  type Listed,
  type PackHeader,
  type Pending,
  type SitemapEntry,
  type SlugEntry,
  type StoreLayout,
  type StoreManifest,
} from "../../src/content/store/format.ts";
import { summaryOf } from "../../src/content/summary.ts";
import { writeSearchIndex, type IndexBlocks } from "./search-index.ts";

const encoder = new TextEncoder();

export interface PackOptions {
  /** Pack drafts too (local preview). */
  preview: boolean;
  /** Articles dated after this instant (ms) are pending; -Infinity makes every dated article pending. */
  builtAt: number;
  layout?: StoreLayout;
  /** The bytes an article adds to a feed document (render/feeds/size.ts); recorded in the lists. */
  feedBytes?: (article: Article) => number;
  /** An article's record in its pack: `packRecord`, or the same bytes made earlier (outputs.ts). */
  recordOf?: (article: Article) => Uint8Array;
  /** Index blocks kept between builds (search/format.ts): unchanged runs of articles are not indexed again. */
  indexBlocks?: IndexBlocks;
  /**
   * Store files already written from these inputs (the build's store memo, write.ts): `inputs` is
   * all the file's bytes are made from, one string per entry, in order (a pack's records' hashes,
   * `recordKeys`; a list shard's or sitemap chunk's articles' hashes with their ranks and feed
   * sizes). A file kept is neither made again nor hashed; it is listed in `kept` instead of `files`.
   */
  keptFile?: (path: string, inputs: readonly string[]) => boolean;
  /** Each record's SHA-1 (outputs.ts `indexKey`) by rank in the store's order (`storeArticles`), for `keptFile`. */
  recordKeys?: readonly string[];
}

/**
 * The store for a content model: the manifest and every file (path → bytes). Pure; the build
 * writes the files, tests serve them from memory. `model.articles` is newest first.
 */
export function packStore(
  model: ContentModel,
  options: PackOptions,
): { manifest: StoreManifest; files: Map<string, Uint8Array>; kept: Set<string> } {
  const parts = packParts(model, options);
  return parts.finish(writeSearchIndex(parts.articles, parts.pendingRanks, options.indexBlocks));
}

/**
 * `packStore` but for the search index: the articles it indexes (in the store's order), the
 * documents hidden until their time, and `finish`, which takes the index (`writeSearchIndex`) and
 * answers what `packStore` answers. The build writes these files while its threads index.
 */
export function packParts(
  model: ContentModel,
  {
    preview,
    builtAt,
    layout = LAYOUT,
    feedBytes,
    recordOf,
    keptFile,
    recordKeys: keys,
  }: Omit<PackOptions, "indexBlocks">,
): {
  articles: Article[];
  pendingRanks: Set<number>;
  finish(index: ReturnType<typeof writeSearchIndex>): {
    manifest: StoreManifest;
    files: Map<string, Uint8Array>;
    kept: Set<string>;
  };
} {
  const files = new Map<string, Uint8Array>();
  const kept = new Set<string>();
  const json = (path: string, value: unknown) => files.set(path, encoder.encode(JSON.stringify(value)));
  const articles = storeArticles(model, preview);
  // What each file is made of, worked out once per article by its rank: a large archive's rebuild
  // keeps most files, and then this is all it does per article.
  const visibleAt = articles.map((a) => pendingTime(a, builtAt));
  const bySection = new Map<string, number[]>(model.site.categories.map((c) => [c.slug, []]));
  const sectionRank = new Int32Array(articles.length);
  articles.forEach((a, rank) => {
    const list = bySection.get(a.category) ?? [];
    bySection.set(a.category, list);
    sectionRank[rank] = list.length;
    list.push(rank);
  });
  const sizes = feedBytes ? articles.map(feedBytes) : undefined;
  const listed = (rank: number): Listed => ({
    ...summaryOf(articles[rank]!),
    categoryRank: sectionRank[rank]!,
    ...(sizes ? { feedBytes: sizes[rank]! } : {}),
  });
  // A file whose inputs are those the memo wrote it from is kept as it is (`keptFile`).
  const keep = (path: string, inputs: (keys: readonly string[]) => string[]) => {
    if (!keptFile || !keys || !keptFile(path, inputs(keys))) return false;
    kept.add(path);
    return true;
  };
  // A list entry is its summary (made from the record), its rank in its section and its feed size.
  const entryKeys: string[] = [];
  const entryKey = (keys: readonly string[], rank: number) =>
    (entryKeys[rank] ??= `${keys[rank]},${sectionRank[rank]},${sizes?.[rank] ?? ""}`);
  const listFile = (path: string, ranks: readonly number[]) => {
    if (!keep(path, (keys) => ranks.map((r) => entryKey(keys, r)))) json(path, ranks.map(listed));
  };

  for (const [section, list] of bySection) {
    for (let n = 0; n * layout.pack < list.length; n++) {
      const path = storePath.pack(section, n);
      const packed = list.slice(n * layout.pack, (n + 1) * layout.pack);
      if (!keep(path, (keys) => packed.map((r) => keys[r]!)))
        files.set(
          path,
          encodePack(
            packed.map((r) => articles[r]!),
            recordOf,
          ),
        );
    }
    for (let n = 0; n * layout.shard < list.length; n++) {
      listFile(storePath.shard(section, n), list.slice(n * layout.shard, (n + 1) * layout.shard));
    }
  }
  const allRanks = articles.map((_, rank) => rank);
  for (let n = 0; n * layout.shard < articles.length; n++) {
    listFile(storePath.shard(undefined, n), allRanks.slice(n * layout.shard, (n + 1) * layout.shard));
  }

  // The slug index: each bucket file is made of its articles' slugs, sections and ranks, which all
  // follow from the sequence of slugs and sections in rank order, so that sequence is every bucket
  // file's input; when the memo wrote them all from it, none is made again.
  const bucketOfRank = articles.map((a) => bucketOf(a.slug, layout.buckets));
  const bits = new Uint8Array(Math.ceil(layout.buckets / 4));
  for (const b of bucketOfRank) bits[b >> 2]! |= 8 >> (b & 3);
  // One array for every bucket: the memo's `keptFile` hashes inputs shared by several files once.
  const slugsKey = keys && [String(layout.buckets), ...articles.map((a) => `${a.slug}\0${a.category}`)];
  const bucketPaths = [...new Set(bucketOfRank)].map((b) => storePath.bucket(b));
  // Every bucket asked (none skipped), so each records what it was made from.
  const slugsKept = bucketPaths.map((path) => keep(path, () => slugsKey!)).every(Boolean);
  if (!slugsKept) {
    for (const path of bucketPaths) kept.delete(path);
    const buckets = new Map<number, Record<string, SlugEntry>>();
    articles.forEach((a, rank) => {
      const b = bucketOfRank[rank]!;
      const bucket = buckets.get(b) ?? {};
      bucket[a.slug] = [a.category, sectionRank[rank]!, rank];
      buckets.set(b, bucket);
    });
    for (const [b, bucket] of buckets) json(storePath.bucket(b), bucket);
  }
  // Old URLs (content/aliases.ts normal form) → slug, bucketed like the slugs (a query alias by its path and first parameter).
  const aliasBuckets = new Map<number, Record<string, string>>();
  const aliasParams = new Set<string>();
  for (const a of articles) {
    for (const key of a.aliases ?? []) {
      const first = splitAliasKey(key).pairs[0];
      if (first !== undefined) aliasParams.add(pairName(first));
      const b = bucketOf(aliasBucketKey(key), layout.buckets);
      const bucket = aliasBuckets.get(b) ?? {};
      bucket[key] = a.slug;
      aliasBuckets.set(b, bucket);
    }
  }
  const aliasBits = new Uint8Array(Math.ceil(layout.buckets / 4));
  for (const [b, bucket] of aliasBuckets) {
    json(storePath.alias(b), bucket);
    aliasBits[b >> 2]! |= 8 >> (b & 3);
  }

  for (let n = 0; n * layout.sitemap < articles.length; n++) {
    const from = n * layout.sitemap;
    const chunk = allRanks.slice(from, from + layout.sitemap);
    // An entry is the record's slug and dates, and when it becomes visible (from the build's clock).
    if (keep(storePath.sitemap(n), (keys) => chunk.map((r) => `${keys[r]},${visibleAt[r]}`))) continue;
    json(
      storePath.sitemap(n),
      chunk.map((r): SitemapEntry => [articles[r]!.slug, lastChanged(articles[r]!) ?? null, visibleAt[r]!]),
    );
  }

  const pending: Pending[] = [];
  articles.forEach((a, rank) => {
    const at = visibleAt[rank]!;
    if (at !== null) pending.push([at, a.category, rank, sectionRank[rank]!]);
  });
  pending.sort((x, y) => x[0] - y[0] || x[2] - y[2]);
  let settled = 0;
  articles.forEach((a, rank) => {
    const at = a.published.kind === "exact" && !a.draft ? epochOf(a.published.iso) : 0;
    if (at > settled && visibleAt[rank] === null) settled = at;
  });

  const finish = (index: ReturnType<typeof writeSearchIndex>) => {
    for (const [path, bytes] of index.files) files.set(path, bytes);
    const manifest: StoreManifest = {
      site: model.site,
      version: model.version,
      preview,
      builtAt: Number.isFinite(builtAt) ? builtAt : 0,
      counts: {
        all: articles.length,
        categories: Object.fromEntries([...bySection].map(([slug, list]) => [slug, list.length])),
      },
      pending,
      settled,
      buckets: [...bits].map((n) => n.toString(16)).join(""),
      ...(aliasBuckets.size ? { aliases: [...aliasBits].map((n) => n.toString(16)).join("") } : {}),
      ...(aliasParams.size ? { aliasParams: [...aliasParams].sort() } : {}),
      layout,
      search: index.manifest,
    };
    return { manifest, files, kept };
  };
  return { articles, pendingRanks: new Set(pending.map((p) => p[2])), finish };
}

/**
 * The articles the store holds, in the site list's order: oldest first, so ranks stay put when new
 * articles arrive; drafts only in a preview. A document's number in the search index is its rank.
 */
export function storeArticles(model: ContentModel, preview: boolean): Article[] {
  return model.articles.filter((a) => preview || !a.draft).reverse();
}

/** When an article dated after `builtAt` (ms) becomes visible (ms), or null when it already is (or is a draft). */
function pendingTime(a: Article, builtAt: number): number | null {
  if (a.published.kind !== "exact" || a.draft) return null;
  const at = epochOf(a.published.iso);
  return at > builtAt ? at : null;
}

/**
 * An RFC 3339 date as ms, each string parsed once per process: a build asks it of every article
 * several times (pending, settled, the sitemap's and the search index's memo keys), and `npm run
 * dev` builds again and again with the same dates.
 */
function epochOf(iso: string): number {
  let ms = epochs.get(iso);
  if (ms === undefined) {
    ms = Date.parse(iso);
    if (epochs.size >= 1 << 20) epochs.clear();
    epochs.set(iso, ms);
  }
  return ms;
}
const epochs = new Map<string, number>();

/**
 * The ranks in `articles` (`storeArticles`' order) of the documents hidden until their time: what
 * `packParts` answers as `pendingRanks`, without packing anything (the build's search memo, write.ts).
 */
export function pendingRanksOf(articles: readonly Article[], builtAt: number): number[] {
  return articles.flatMap((a, rank) => (pendingTime(a, builtAt) === null ? [] : [rank]));
}

/** An article's record in its pack: its JSON, as bytes. */
export function packRecord(article: Article): Uint8Array {
  return encoder.encode(JSON.stringify(article));
}

/** A pack (framing.ts): a header of [slug, start, end] byte ranges, then the records. */
export function encodePack(articles: readonly Article[], recordOf = packRecord): Uint8Array {
  const records = articles.map(recordOf);
  const header: PackHeader = [];
  let offset = 0;
  for (const [i, bytes] of records.entries()) {
    header.push([articles[i]!.slug, offset, offset + bytes.byteLength]);
    offset += bytes.byteLength;
  }
  return frame(header, records);
}

/** Every record of a pack, in order (tests, tools). */
export function decodePack(bytes: Uint8Array): Article[] {
  const { header, body } = unframe<PackHeader>(bytes);
  const decoder = new TextDecoder();
  return header.map(([, start, end]) => JSON.parse(decoder.decode(body.subarray(start, end))) as Article);
}
