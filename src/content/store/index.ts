/**
 * The content store: queries over the files of format.ts, read through files.ts (the one reader,
 * with its parse cache and fault reports), only what a request needs and only on a render miss.
 * "Visible" is decided per request against the clock: drafts never (they are not even packed
 * outside preview), scheduled articles only once their time has come. In preview (local
 * `npm run dev` only) everything packed is visible.
 *
 * Faults are contained and reported: a missing or corrupt file degrades the answer (an article is
 * not found, a list goes without the entries of a lost shard) and the answer carries the faults
 * (`faults`, or a `Got` that is not ok), so serving keeps a degraded answer for a minute at most.
 * It never throws into a route and never answers with another article's record.
 *
 * The search index lives in the same files but not in this module: search (../search/) reads it
 * through `StoreAccess`, and the store never imports search.
 */
import type { Article, ArticleSummary, Section, SiteSettings } from "../model.ts";
import { aliasPathKey, MAX_QUERY_PROBES, pairName, queryPairs, splitAliasKey } from "../aliases.ts";
import { findSection } from "../site.ts";
import {
  StoreFiles,
  valueOr,
  type FileKind,
  type Got,
  type ReadFile,
  type StoreFault,
  type StoreLog,
} from "./files.ts";
import { arrayOf, objectOf } from "./framing.ts";
import {
  bucketOf,
  decodePackRecord,
  hasBucket,
  storePath,
  type Listed,
  type SitemapEntry,
  type SlugEntry,
  type StoreManifest,
} from "./format.ts";

export type { FileKind, Got, ReadFile, StoreFault, StoreLog };
export { valueOr };

export interface Window {
  section?: string;
  /** Newest-first offset into the visible list. */
  offset: number;
  limit: number;
}

/** List entries, and the faults of the files they would have come from (empty when whole). */
export interface Listing {
  entries: Listed[];
  faults: StoreFault[];
}

export interface ContentStore {
  readonly site: SiteSettings;
  readonly version: string;
  /** Whether drafts and scheduled articles are shown (local preview). */
  readonly preview: boolean;
  /**
   * The visibility epoch at `now`: the publication instant (ms) of the newest visible article,
   * 0 when none. The visible set is exactly the articles dated up to it, so it is part of every
   * render-cache key: a scheduled article appears (a new key) the moment its time comes, without a
   * deploy, and two builds of the same content agree on the key of the same visible set.
   */
  epoch(now: number): number;
  section(slug: string): Section | undefined;
  /** Visible articles at `now`, in the site list or one section's. No I/O. */
  count(now: number, section?: string): number;
  /** A window of the visible list, newest first. */
  list(now: number, window: Window): Promise<Listing>;
  /** A visible article by slug, or undefined (unknown, draft, not yet published, or its record lost). */
  article(slug: string, now: number): Promise<Article | undefined>;
  /** The full articles of list entries, in order (feeds); entries whose record is lost are left out. */
  articles(entries: readonly Listed[]): Promise<{ articles: Article[]; faults: StoreFault[] }>;
  /** The visible articles just before (older) and after (newer) this one in the site list. */
  neighbours(
    slug: string,
    now: number,
  ): Promise<{ older?: ArticleSummary; newer?: ArticleSummary; faults: StoreFault[] }>;
  /** How many child sitemaps the sitemap index lists. No I/O. */
  sitemaps(): number;
  /** Child sitemap `n`'s visible entries, oldest first; undefined when it does not exist. */
  sitemap(n: number, now: number): Promise<Got<{ slug: string; lastmod?: string }[]> | undefined>;
  /**
   * The articles scheduled at build time whose time lies in (after, upTo]: those that became
   * visible between two epochs (the cron's WebSub run). No I/O when there are none.
   */
  published(after: number, upTo: number): Promise<Listing>;
  /**
   * The slug an old URL (content/aliases.ts) leads to, or undefined (not an old URL, or its file
   * lost): `path` is the request's path, `search` its query (`?…`, or empty). At most one bucket
   * read for the path and `MAX_QUERY_PROBES` for its query.
   */
  alias(path: string, search?: string): Promise<string | undefined>;
  /** Bytes of the store files whose parsed form this isolate keeps (bounded by `cacheBytes`). */
  heldBytes(): number;
  /** What search reads the index through (../search/). */
  readonly access: StoreAccess;
}

/**
 * The store as search sees it: the manifest, its files (with the store's fault handling and parse
 * cache), which articles are hidden at a time, and list entries by site-list rank.
 */
export interface StoreAccess {
  readonly manifest: StoreManifest;
  file<T>(kind: FileKind, path: string, decode: (bytes: Uint8Array) => T): Promise<Got<T>>;
  /** Site-list ranks of the pending articles not visible at `now`. */
  hiddenRanks(now: number): Set<number>;
  /** List entries of articles by site-list rank, in the given order. */
  entriesOf(ranks: readonly number[]): Promise<Listing>;
  /** An article's site-list rank, or undefined. */
  rankOf(slug: string): Promise<Got<number | undefined>>;
}

export interface StoreOptions {
  preview?: boolean;
  log?: StoreLog;
  /** Bound of the parsed-file cache (list shards, index buckets) in bytes of their files. */
  cacheBytes?: number;
}

export function createStore(manifest: StoreManifest, read: ReadFile, options: StoreOptions = {}): ContentStore {
  const preview = options.preview ?? false;
  const files = new StoreFiles(
    read,
    options.log ?? ((e) => console.error(JSON.stringify(e))),
    options.cacheBytes ?? 4 * 1024 * 1024,
  );
  const { layout, counts } = manifest;
  const pendingAt = manifest.pending.map((p) => p[0]);

  const total = (section?: string) => (section ? (counts.categories[section] ?? 0) : counts.all);
  const passed = (now: number) => upperBound(pendingAt, now);
  const epoch = (now: number) => {
    const k = passed(now);
    return k > 0 ? pendingAt[k - 1]! : manifest.settled;
  };

  /** Newest-first indices, ascending, of the articles of a list not visible at `now`. */
  const hidden = (now: number, section?: string): number[] => {
    if (preview) return [];
    const n = total(section);
    const out: number[] = [];
    for (let i = passed(now); i < manifest.pending.length; i++) {
      const [, of, rank, sectionRank] = manifest.pending[i]!;
      if (section === undefined) out.push(n - 1 - rank);
      else if (of === section) out.push(n - 1 - sectionRank);
    }
    return out.sort((a, b) => a - b);
  };

  /** The entries at these newest-first indices of a list (without those of lost shards). */
  async function entriesAt(section: string | undefined, indices: readonly number[]): Promise<Listing> {
    const n = total(section);
    const ranks = indices.map((f) => n - 1 - f);
    const shards = [...new Set(ranks.map((r) => Math.floor(r / layout.shard)))];
    const loaded = new Map(
      await Promise.all(
        shards.map(async (s) => [s, await files.get("list", storePath.shard(section, s), arrayOf<Listed>)] as const),
      ),
    );
    const entries: Listed[] = [];
    const faults: StoreFault[] = [];
    for (const got of loaded.values()) if (!got.ok) faults.push(got.fault);
    for (const r of ranks) {
      const got = loaded.get(Math.floor(r / layout.shard))!;
      const entry = got.ok ? got.value[r % layout.shard] : undefined;
      if (entry) entries.push(entry);
    }
    return { entries, faults };
  }

  async function slugEntry(slug: string): Promise<Got<SlugEntry | undefined>> {
    const b = bucketOf(slug, layout.buckets);
    if (!hasBucket(manifest, b)) return { ok: true, value: undefined };
    const got = await files.get("slugs", storePath.bucket(b), decodeBucket);
    if (!got.ok) return got;
    return { ok: true, value: Object.hasOwn(got.value, slug) ? got.value[slug] : undefined };
  }

  const packOf = (section: string, sectionRank: number) =>
    storePath.pack(section, Math.floor(sectionRank / layout.pack));

  /** One article's record from its pack; a fault when the pack is lost, corrupt or does not hold it. */
  async function record(slug: string, section: string, sectionRank: number): Promise<Got<Article>> {
    const path = packOf(section, sectionRank);
    // Packs are large and each request needs one record of one: decoded per read, not kept.
    const got = await files.get(
      "pack",
      path,
      (bytes) => decodePackRecord(bytes, sectionRank % layout.pack, slug),
      false,
    );
    if (!got.ok) return got;
    return got.value ? { ok: true, value: got.value } : files.fault({ kind: "pack", path, problem: "corrupt" });
  }

  const sitemapCount = Math.max(1, Math.ceil(counts.all / layout.sitemap));

  const isHidden = (now: number, rank: number) => {
    if (preview) return false;
    for (let i = passed(now); i < manifest.pending.length; i++) if (manifest.pending[i]![2] === rank) return true;
    return false;
  };

  const access: StoreAccess = {
    manifest,
    file: (kind, path, decode) => files.get(kind, path, decode),
    hiddenRanks: (now) => new Set(preview ? [] : manifest.pending.slice(passed(now)).map((p) => p[2])),
    entriesOf: (ranks) =>
      entriesAt(
        undefined,
        ranks.map((r) => counts.all - 1 - r),
      ),
    async rankOf(slug) {
      const got = await slugEntry(slug);
      return got.ok ? { ok: true, value: got.value?.[2] } : got;
    },
  };

  return {
    site: manifest.site,
    version: manifest.version,
    preview,
    epoch,
    access,
    section: (slug) => findSection(manifest.site, slug),
    count: (now, section) => total(section) - hidden(now, section).length,

    async list(now, { section, offset, limit }) {
      const skip = hidden(now, section);
      const n = total(section);
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
      return entriesAt(section, indices);
    },

    async article(slug, now) {
      const entry = await slugEntry(slug);
      if (!entry.ok || !entry.value) return undefined;
      const [section, sectionRank, rank] = entry.value;
      if (isHidden(now, rank)) return undefined;
      const article = await record(slug, section, sectionRank);
      // Drafts are packed only by preview builds; a deployed worker never shows one.
      return article.ok && (preview || !article.value.draft) ? article.value : undefined;
    },

    async articles(entries) {
      // Each pack is read once, however many of the entries it holds.
      const paths = entries.map((e) => packOf(e.category, e.categoryRank));
      const packs = new Map(
        [...new Set(paths)].map((path) => [path, files.get("pack", path, (bytes) => bytes, false)] as const),
      );
      const articles: Article[] = [];
      const faults = new Map<string, StoreFault>();
      for (const [i, e] of entries.entries()) {
        const path = paths[i]!;
        const got = await packs.get(path)!;
        if (!got.ok) {
          faults.set(path, got.fault);
          continue;
        }
        let article: Article | undefined;
        try {
          article = decodePackRecord(got.value, e.categoryRank % layout.pack, e.slug);
        } catch (error) {
          faults.set(path, files.fault({ kind: "pack", path, problem: "corrupt" }, error).fault);
          continue;
        }
        if (article) articles.push(article);
        else faults.set(path, files.fault({ kind: "pack", path, problem: "corrupt" }).fault);
      }
      return { articles, faults: [...faults.values()] };
    },

    async neighbours(slug, now) {
      const entry = await slugEntry(slug);
      if (!entry.ok) return { faults: [entry.fault] };
      if (!entry.value) return { faults: [] };
      const n = counts.all;
      const f = n - 1 - entry.value[2];
      const skip = new Set(hidden(now));
      let older = f + 1;
      while (older < n && skip.has(older)) older++;
      let newer = f - 1;
      while (newer >= 0 && skip.has(newer)) newer--;
      const [o, w] = await Promise.all([
        older < n ? entriesAt(undefined, [older]) : undefined,
        newer >= 0 ? entriesAt(undefined, [newer]) : undefined,
      ]);
      const olderEntry = o?.entries[0];
      const newerEntry = w?.entries[0];
      return {
        ...(olderEntry ? { older: olderEntry } : {}),
        ...(newerEntry ? { newer: newerEntry } : {}),
        faults: [...(o?.faults ?? []), ...(w?.faults ?? [])],
      };
    },

    async alias(path, search = "") {
      const key = aliasPathKey(path);
      if (key === undefined || !manifest.aliases) return undefined;
      const bucket = async (bucketKey: string) => {
        const b = bucketOf(bucketKey, layout.buckets);
        if (!hasBucket(manifest, b, manifest.aliases)) return undefined;
        const got = await files.get("slugs", storePath.alias(b), objectOf<string>);
        return got.ok ? got.value : undefined;
      };
      // The request's parameters that can start a query alias, a bounded few (content/aliases.ts).
      const starts = new Set(manifest.aliasParams ?? []);
      const pairs = starts.size && search.length > 1 ? (queryPairs(search) ?? []) : [];
      const probes = pairs.filter((p) => starts.has(pairName(p))).slice(0, MAX_QUERY_PROBES);
      const [plain, ...queried] = await Promise.all([bucket(key), ...probes.map((p) => bucket(`${key}?${p}`))]);
      // The most specific query alias the request satisfies (most parameters, then the first key).
      const have = new Set(pairs);
      let best: { key: string; n: number; slug: string } | undefined;
      queried.forEach((got, i) => {
        if (!got) return;
        const prefix = `${key}?${probes[i]}`;
        for (const [k, slug] of Object.entries(got)) {
          if (typeof slug !== "string" || (k !== prefix && !k.startsWith(`${prefix}&`))) continue;
          const need = splitAliasKey(k).pairs;
          if (!need.every((p) => have.has(p))) continue;
          if (!best || need.length > best.n || (need.length === best.n && k < best.key))
            best = { key: k, n: need.length, slug };
        }
      });
      if (best) return best.slug;
      return plain && Object.hasOwn(plain, key) && typeof plain[key] === "string" ? plain[key] : undefined;
    },

    sitemaps: () => sitemapCount,
    heldBytes: () => files.heldBytes,

    async published(after, upTo) {
      const ranks = manifest.pending.filter(([at]) => at > after && at <= upTo).map((p) => p[2]);
      return ranks.length ? access.entriesOf(ranks) : { entries: [], faults: [] };
    },

    async sitemap(n, now) {
      if (n < 0 || n >= sitemapCount) return undefined;
      if (counts.all === 0) return { ok: true, value: [] };
      const chunk = await files.get("sitemap", storePath.sitemap(n), arrayOf<SitemapEntry>);
      if (!chunk.ok) return chunk;
      return {
        ok: true,
        value: chunk.value
          .filter(([, , at]) => preview || at === null || at <= now)
          .map(([slug, lastmod]) => (lastmod ? { slug, lastmod } : { slug })),
      };
    },
  };
}

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

/** A slug-index bucket; throws unless every entry is [section, rank in section, rank in the site list]. */
function decodeBucket(bytes: Uint8Array): Record<string, SlugEntry> {
  const bucket = objectOf<SlugEntry>(bytes);
  for (const entry of Object.values(bucket)) {
    if (
      !Array.isArray(entry) ||
      typeof entry[0] !== "string" ||
      !Number.isInteger(entry[1]) ||
      !Number.isInteger(entry[2])
    )
      throw new Error("not a slug-index bucket");
  }
  return bucket;
}
