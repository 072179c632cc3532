/**
 * The content store: queries over the files of format.ts, read through an injected `read` (the
 * `ASSETS` binding in the worker, a map in tests), only what a request needs and only on a render
 * miss. "Visible" is decided per request against the clock: drafts never (they are not even
 * packed outside preview), scheduled articles only once their time has come. In preview (local
 * `npm run dev` only) everything packed is visible.
 *
 * Faults are contained: a missing or corrupt file is logged as one structured line and the query
 * degrades (an article is not found, a list goes without the entries of a lost shard); it never
 * throws into a route and never answers with another article's record.
 */
import type { Article, ArticleSummary, NavCategory, SiteSettings } from "../model.ts";
import { findCategory } from "../site.ts";
import {
  bucketOf,
  decodeJson,
  decodePackRecord,
  hasBucket,
  storePath,
  type Listed,
  type SitemapEntry,
  type SlugEntry,
  type StoreManifest,
} from "./format.ts";
import { intersect, rank } from "../search/engine.ts";
import {
  decodeShard,
  postingsOf as decodePostings,
  searchPath,
  shardOf,
  type Facets,
  type Postings,
  type Shard,
} from "../search/format.ts";
import type { Query } from "../search/query.ts";
import { facetTerm } from "../search/terms.ts";

/** Bytes of a store file (path relative to the store directory), or undefined when there is none. */
export type ReadFile = (path: string) => Promise<Uint8Array | undefined>;
export type StoreLog = (event: Record<string, unknown>) => void;

export interface Window {
  category?: string;
  /** Newest-first offset into the visible list. */
  offset: number;
  limit: number;
}

export interface ContentStore {
  readonly site: SiteSettings;
  readonly version: string;
  /** Whether drafts and scheduled articles are shown (local preview). */
  readonly preview: boolean;
  /**
   * The visibility epoch at `now`: the newest publication instant at or before it (0 when none).
   * The visible set is exactly the articles dated up to it, so it is part of every render-cache
   * key: a scheduled article appears (a new key) the moment its time comes, without a deploy, and
   * two builds of the same content agree on the key of the same visible set.
   */
  epoch(now: number): number;
  category(slug: string): NavCategory | undefined;
  /** Visible articles at `now`, in the site list or one category's. No I/O. */
  count(now: number, category?: string): number;
  /** A window of the visible list, newest first. */
  list(now: number, window: Window): Promise<Listed[]>;
  /** A visible article by slug, or undefined (unknown, draft, not yet published, or its file lost). */
  article(slug: string, now: number): Promise<Article | undefined>;
  /** The full articles of list entries, in order (feeds); entries whose file is lost are left out. */
  articles(entries: readonly Listed[]): Promise<Article[]>;
  /** The visible articles just before (older) and after (newer) this one in the site list. */
  neighbours(slug: string, now: number): Promise<{ older?: ArticleSummary; newer?: ArticleSummary }>;
  /** How many child sitemaps the sitemap index lists. No I/O. */
  sitemaps(): number;
  /** Child sitemap `n`'s visible entries, oldest first; undefined when it does not exist. */
  sitemap(n: number, now: number): Promise<{ slug: string; lastmod?: string }[] | undefined>;
  /** Bytes of the store files whose parsed form this isolate keeps (bounded by `cacheBytes`). */
  heldBytes(): number;
  /** The visible articles matching `query`, best first: how many, and a window of them. */
  search(query: Query, now: number, window: Window): Promise<Found>;
  /** The visible articles in every one of these facets (facetTerm: a tag, year, month, category), newest first. */
  facet(terms: readonly string[], now: number, window: Omit<Window, "category">): Promise<Found>;
  /** Every tag and month with its visible articles' count (undefined when the facets file is lost). */
  facets(now: number): Promise<VisibleFacets | undefined>;
  /**
   * The articles scheduled at build time whose time lies in (after, upTo]: those that became
   * visible between two epochs (the cron's WebSub run). No I/O when there are none.
   */
  published(after: number, upTo: number): Promise<Listed[]>;
  /** Up to `limit` visible articles sharing a tag with `article`, newest first. */
  related(article: Pick<Article, "slug" | "tags">, now: number, limit: number): Promise<Listed[]>;
}

export interface Found {
  total: number;
  entries: Listed[];
}

/** How many visible articles a tag, a year or a month holds, from the facets (no postings read). */
export function facetCount(facets: VisibleFacets, filter: { tag: string } | { year: number; month?: number }): number {
  if ("tag" in filter) return facets.tags.find((t) => t.name === filter.tag)?.count ?? 0;
  return facets.months
    .filter((m) => m.year === filter.year && (filter.month === undefined || m.month === filter.month))
    .reduce((n, m) => n + m.count, 0);
}

export interface VisibleFacets {
  /** Sorted by count, then name. */
  tags: { name: string; count: number }[];
  /** Newest first. */
  months: { year: number; month: number; count: number }[];
  /** Visible articles without an exact date. */
  undated: number;
}

export interface StoreOptions {
  preview?: boolean;
  log?: StoreLog;
  /** Bound of the parsed-file cache (list shards, index buckets) in bytes of their files. */
  cacheBytes?: number;
}

export function createStore(manifest: StoreManifest, read: ReadFile, options: StoreOptions = {}): ContentStore {
  const preview = options.preview ?? false;
  const log = options.log ?? ((e) => console.error(JSON.stringify(e)));
  const { layout, counts } = manifest;
  const pendingAt = manifest.pending.map((p) => p[0]);
  const parsed = new ParsedCache(options.cacheBytes ?? 4 * 1024 * 1024);

  const total = (category?: string) => (category ? (counts.categories[category] ?? 0) : counts.all);
  const passed = (now: number) => upperBound(pendingAt, now);
  const epoch = (now: number) => {
    const k = passed(now);
    return k > 0 ? pendingAt[k - 1]! : manifest.settled;
  };

  /** Newest-first indices, ascending, of the articles of a list not visible at `now`. */
  const hidden = (now: number, category?: string): number[] => {
    if (preview) return [];
    const n = total(category);
    const out: number[] = [];
    for (let i = passed(now); i < manifest.pending.length; i++) {
      const [, cat, rank, categoryRank] = manifest.pending[i]!;
      if (category === undefined) out.push(n - 1 - rank);
      else if (cat === category) out.push(n - 1 - categoryRank);
    }
    return out.sort((a, b) => a - b);
  };

  /** Reads and parses a small file once per isolate; undefined (logged) when missing or corrupt. */
  async function readJson<T>(path: string): Promise<T | undefined> {
    const cached = parsed.get(path);
    if (cached !== undefined) return cached as T;
    const bytes = await readLogged(path);
    if (!bytes) return undefined;
    try {
      const value = decodeJson<T>(bytes);
      parsed.set(path, value, bytes.byteLength);
      return value;
    } catch (error) {
      log({ level: "error", msg: "store file corrupt", path, error: String(error) });
      return undefined;
    }
  }

  async function readLogged(path: string): Promise<Uint8Array | undefined> {
    try {
      const bytes = await read(path);
      if (!bytes) log({ level: "error", msg: "store file missing", path });
      return bytes;
    } catch (error) {
      log({ level: "error", msg: "store read failed", path, error: String(error) });
      return undefined;
    }
  }

  /** The entries at these newest-first indices of a list (skipping those of lost shards). */
  async function entriesAt(category: string | undefined, indices: readonly number[]): Promise<Listed[]> {
    const n = total(category);
    const ranks = indices.map((f) => n - 1 - f);
    const shards = [...new Set(ranks.map((r) => Math.floor(r / layout.shard)))];
    const loaded = new Map(
      await Promise.all(shards.map(async (s) => [s, await readJson<Listed[]>(storePath.shard(category, s))] as const)),
    );
    const out: Listed[] = [];
    for (const r of ranks) {
      const entry = loaded.get(Math.floor(r / layout.shard))?.[r % layout.shard];
      if (entry) out.push(entry);
    }
    return out;
  }

  async function slugEntry(slug: string): Promise<SlugEntry | undefined> {
    const b = bucketOf(slug, layout.buckets);
    if (!hasBucket(manifest, b)) return undefined;
    const bucket = await readJson<Record<string, SlugEntry>>(storePath.bucket(b));
    return bucket && Object.hasOwn(bucket, slug) ? bucket[slug] : undefined;
  }

  const packOf = (category: string, categoryRank: number) =>
    storePath.pack(category, Math.floor(categoryRank / layout.pack));

  /** One article's record from its pack's bytes; undefined (logged) when it is not there or corrupt. */
  function decodeRecord(path: string, bytes: Uint8Array, slug: string, categoryRank: number): Article | undefined {
    try {
      const article = decodePackRecord(bytes, categoryRank % layout.pack, slug);
      if (!article) log({ level: "error", msg: "store pack does not hold the article", path, slug });
      return article;
    } catch (error) {
      log({ level: "error", msg: "store file corrupt", path, error: String(error) });
      return undefined;
    }
  }

  async function record(slug: string, category: string, categoryRank: number): Promise<Article | undefined> {
    const path = packOf(category, categoryRank);
    const bytes = await readLogged(path);
    return bytes && decodeRecord(path, bytes, slug, categoryRank);
  }

  const sitemapCount = Math.max(1, Math.ceil(counts.all / layout.sitemap));

  const isHidden = (now: number, rank: number) => {
    if (preview) return false;
    for (let i = passed(now); i < manifest.pending.length; i++) if (manifest.pending[i]![2] === rank) return true;
    return false;
  };

  /** Site-list ranks (document numbers) of the pending articles not visible at `now`. */
  const hiddenDocs = (now: number): Set<number> =>
    new Set(preview ? [] : manifest.pending.slice(passed(now)).map((p) => p[2]));

  /** The parsed index shard holding `term`; undefined (logged) when missing or corrupt. */
  async function shardFor(term: string): Promise<{ path: string; shard: Shard } | undefined> {
    const path = searchPath.shard(shardOf(term, manifest.search.shards));
    let shard = parsed.get(path) as Shard | undefined;
    if (!shard) {
      const bytes = await readLogged(path);
      if (!bytes) return undefined;
      try {
        shard = decodeShard(bytes);
      } catch (error) {
        log({ level: "error", msg: "store file corrupt", path, error: String(error) });
        return undefined;
      }
      parsed.set(path, shard, bytes.byteLength);
    }
    return { path, shard };
  }

  async function postings(term: string): Promise<Postings | undefined> {
    const found = await shardFor(term);
    if (!found) return undefined;
    try {
      return decodePostings(found.shard, term);
    } catch (error) {
      log({ level: "error", msg: "store file corrupt", path: found.path, error: String(error) });
      return undefined;
    }
  }

  const index = {
    postings,
    df: async (term: string) => {
      const shard = (await shardFor(term))?.shard;
      return shard && Object.hasOwn(shard.terms, term) ? shard.terms[term]![2] : 0;
    },
  };

  /** List entries of documents (site-list ranks), in the given order. */
  const entriesOf = (docs: readonly number[]) =>
    entriesAt(
      undefined,
      docs.map((d) => counts.all - 1 - d),
    );

  return {
    site: manifest.site,
    version: manifest.version,
    preview,
    epoch,
    category: (slug) => findCategory(manifest.site, slug),
    count: (now, category) => total(category) - hidden(now, category).length,

    async list(now, { category, offset, limit }) {
      const skip = hidden(now, category);
      const n = total(category);
      const indices: number[] = [];
      // Visible index v → full index: step over the hidden ones at or before it.
      let f = offset;
      let h = 0;
      while (h < skip.length && skip[h]! <= f) {
        f++;
        h++;
      }
      while (indices.length < limit && f < n) {
        if (h < skip.length && skip[h] === f) h++;
        else indices.push(f);
        f++;
      }
      return entriesAt(category, indices);
    },

    async article(slug, now) {
      const entry = await slugEntry(slug);
      if (!entry) return undefined;
      const [category, categoryRank, rank] = entry;
      if (isHidden(now, rank)) return undefined;
      const article = await record(slug, category, categoryRank);
      // Drafts are packed only by preview builds; a deployed worker never shows one.
      return article && (preview || !article.draft) ? article : undefined;
    },

    async articles(entries) {
      // Each pack is read once, however many of the entries it holds.
      const paths = entries.map((e) => packOf(e.category, e.categoryRank));
      const packs = new Map([...new Set(paths)].map((path) => [path, readLogged(path)] as const));
      const out: Article[] = [];
      for (const [i, e] of entries.entries()) {
        const bytes = await packs.get(paths[i]!)!;
        const article = bytes && decodeRecord(paths[i]!, bytes, e.slug, e.categoryRank);
        if (article) out.push(article);
      }
      return out;
    },

    async neighbours(slug, now) {
      const entry = await slugEntry(slug);
      if (!entry) return {};
      const n = counts.all;
      const f = n - 1 - entry[2];
      const skip = new Set(hidden(now));
      let older = f + 1;
      while (older < n && skip.has(older)) older++;
      let newer = f - 1;
      while (newer >= 0 && skip.has(newer)) newer--;
      const [olderEntry] = older < n ? await entriesAt(undefined, [older]) : [];
      const [newerEntry] = newer >= 0 ? await entriesAt(undefined, [newer]) : [];
      return { ...(olderEntry ? { older: olderEntry } : {}), ...(newerEntry ? { newer: newerEntry } : {}) };
    },

    sitemaps: () => sitemapCount,
    heldBytes: () => parsed.bytes,

    async search(query, now, { category, offset, limit }) {
      const within = category === undefined ? undefined : facetTerm.category(category);
      const ranked = await rank(query, index, {
        hidden: hiddenDocs(now),
        offset,
        limit,
        ...(within ? { within } : {}),
      });
      return { total: ranked.total, entries: await entriesOf(ranked.docs) };
    },

    async facet(terms, now, { offset, limit }) {
      const lists = await Promise.all(terms.map(postings));
      if (lists.length === 0 || lists.some((l) => !l)) return { total: 0, entries: [] };
      const found = (lists as Postings[]).sort((a, b) => a.docs.length - b.docs.length).reduce(intersect);
      const hidden = hiddenDocs(now);
      const docs: number[] = [];
      for (let i = found.docs.length - 1; i >= 0; i--) if (!hidden.has(found.docs[i]!)) docs.push(found.docs[i]!);
      return { total: docs.length, entries: await entriesOf(docs.slice(offset, offset + limit)) };
    },

    async facets(now) {
      const facets = await readJson<Facets>(searchPath.facets);
      if (!facets) return undefined;
      const minus = new Map<string, number>();
      const hidden = hiddenDocs(now);
      for (const [doc, terms] of facets.pending) {
        if (hidden.has(doc)) for (const t of terms) minus.set(t, (minus.get(t) ?? 0) + 1);
      }
      const tags = facets.tags
        .map(([name, count]) => ({ name, count: count - (minus.get(facetTerm.tag(name)) ?? 0) }))
        .filter((t) => t.count > 0);
      const months = facets.months
        .map(([ym, count]) => {
          const [year, month] = ym.split("-").map(Number) as [number, number];
          return { year, month, count: count - (minus.get(facetTerm.month(year, month)) ?? 0) };
        })
        .filter((m) => m.count > 0);
      return { tags, months, undated: facets.undated };
    },

    async published(after, upTo) {
      const ranks = manifest.pending.filter(([at]) => at > after && at <= upTo).map((p) => p[2]);
      return ranks.length ? entriesOf(ranks) : [];
    },

    async related(article, now, limit) {
      const entry = await slugEntry(article.slug);
      if (!entry || article.tags.length === 0) return [];
      const hidden = hiddenDocs(now);
      hidden.add(entry[2]);
      const lists = await Promise.all(article.tags.map((t) => postings(facetTerm.tag(t))));
      // Most tags shared first, then newest (a higher document number is newer), among each tag's
      // newest RELATED_WINDOW articles: bounded work when a tag is on most of a large archive.
      const shared = new Map<number, number>();
      for (const list of lists) {
        const docs = list?.docs ?? [];
        for (let i = docs.length - 1, seen = 0; i >= 0 && seen < RELATED_WINDOW; i--) {
          const d = docs[i]!;
          if (hidden.has(d)) continue;
          seen++;
          shared.set(d, (shared.get(d) ?? 0) + 1);
        }
      }
      const picked = [...shared]
        .sort(([a, x], [b, y]) => y - x || b - a)
        .slice(0, limit)
        .map(([d]) => d);
      return entriesOf(picked);
    },

    async sitemap(n, now) {
      if (n < 0 || n >= sitemapCount) return undefined;
      if (counts.all === 0) return [];
      const chunk = await readJson<SitemapEntry[]>(storePath.sitemap(n));
      if (!chunk) return [];
      return chunk
        .filter(([, , at]) => preview || at === null || at <= now)
        .map(([slug, lastmod]) => (lastmod ? { slug, lastmod } : { slug }));
    },
  };
}

/** How many of each tag's newest articles related articles are chosen among. */
const RELATED_WINDOW = 500;

/** How many of the sorted `values` lie at or before `x`. */
function upperBound(values: readonly number[], x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Parsed small files, least recently used first out, bounded by the bytes of their files. */
class ParsedCache {
  #map = new Map<string, { value: unknown; bytes: number }>();
  #bytes = 0;
  readonly maxBytes: number;
  constructor(maxBytes: number) {
    this.maxBytes = maxBytes;
  }

  get bytes(): number {
    return this.#bytes;
  }

  get(path: string): unknown {
    const hit = this.#map.get(path);
    if (!hit) return undefined;
    this.#map.delete(path);
    this.#map.set(path, hit);
    return hit.value;
  }

  set(path: string, value: unknown, bytes: number): void {
    if (bytes > this.maxBytes) return;
    const old = this.#map.get(path);
    if (old) this.#bytes -= old.bytes;
    this.#map.delete(path);
    this.#map.set(path, { value, bytes });
    this.#bytes += bytes;
    for (const [oldest, old] of this.#map) {
      if (this.#bytes <= this.maxBytes) break;
      this.#map.delete(oldest);
      this.#bytes -= old.bytes;
    }
  }
}
