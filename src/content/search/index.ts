/**
 * Search over the content store: full-text queries, facets (tags, months, years, sections) and
 * related articles. It reads the index files (format.ts) through the store's `StoreAccess`, so the
 * store's one reader decodes, caches and reports their faults; the store knows nothing of search.
 * Answers carry the faults of the files they could not use: a degraded answer says so.
 */
import type { Article } from "../model.ts";
import type { Got, Listing, StoreAccess, StoreFault, Window } from "../store/index.ts";
import { bestMatches, intersect, type IndexReader } from "./engine.ts";
import { decodeShard, postingsOf, searchPath, shardOf, type Facets, type Postings, type Shard } from "./format.ts";
import type { Query } from "./query.ts";
import { facetTerm } from "./terms.ts";

/** How many visible articles match, a window of them, and the faults of files that could not be read. */
export interface Found extends Listing {
  total: number;
}

export interface VisibleFacets {
  /** Sorted by count, then name. */
  tags: { name: string; count: number }[];
  /** Newest first. */
  months: { year: number; month: number; count: number }[];
  /** Visible articles without an exact date. */
  undated: number;
}

export interface ContentSearch {
  /** The visible articles matching `query`, best first: how many, and a window of them. */
  search(query: Query, now: number, window: Window): Promise<Found>;
  /** The visible articles in every one of these facets (facetTerm: a tag, year, month, section), newest first. */
  facetArticles(terms: readonly string[], now: number, window: Omit<Window, "section">): Promise<Found>;
  /** Every tag and month with its visible articles' count, or the fault of the facets file. */
  facetCounts(now: number): Promise<Got<VisibleFacets>>;
  /** Up to `limit` visible articles sharing a tag with `article`, newest first. */
  related(article: Pick<Article, "slug" | "tags">, now: number, limit: number): Promise<Listing>;
}

/** How many visible articles a tag, a year or a month holds, from the facets (no postings read). */
export function facetCount(facets: VisibleFacets, filter: { tag: string } | { year: number; month?: number }): number {
  if ("tag" in filter) return facets.tags.find((t) => t.name === filter.tag)?.count ?? 0;
  return facets.months
    .filter((m) => m.year === filter.year && (filter.month === undefined || m.month === filter.month))
    .reduce((n, m) => n + m.count, 0);
}

/** How many of each tag's newest articles related articles are chosen among. */
const RELATED_WINDOW = 500;

export function createSearch(store: StoreAccess): ContentSearch {
  const { manifest } = store;

  const shardFor = (term: string) =>
    store.file("search", searchPath.shard(shardOf(term, manifest.search.shards)), decodeShard);

  /** A term's postings (undefined when not indexed), or the fault of its shard. */
  async function postings(term: string): Promise<Got<Postings | undefined>> {
    const got = await shardFor(term);
    if (!got.ok) return got;
    try {
      return { ok: true, value: postingsOf(got.value, term) };
    } catch {
      const path = searchPath.shard(shardOf(term, manifest.search.shards));
      return { ok: false, fault: { kind: "search", path, problem: "corrupt" } };
    }
  }

  /** The index as the ranking engine reads it, recording the faults it meets. */
  const readerFor = (faults: StoreFault[]): IndexReader => ({
    async postings(term) {
      const got = await postings(term);
      if (got.ok) return got.value;
      faults.push(got.fault);
      return undefined;
    },
    async df(term) {
      const got = await shardFor(term);
      if (!got.ok) {
        faults.push(got.fault);
        return 0;
      }
      const shard: Shard = got.value;
      return Object.hasOwn(shard.terms, term) ? shard.terms[term]![2] : 0;
    },
  });

  const listed = async (total: number, ranks: readonly number[], faults: StoreFault[]): Promise<Found> => {
    const listing = await store.entriesOf(ranks);
    return { total, entries: listing.entries, faults: [...faults, ...listing.faults] };
  };

  return {
    async search(query, now, { section, offset, limit }) {
      const faults: StoreFault[] = [];
      const within = section === undefined ? undefined : facetTerm.section(section);
      const ranked = await bestMatches(query, readerFor(faults), {
        hidden: store.hiddenRanks(now),
        offset,
        limit,
        ...(within ? { within } : {}),
      });
      return listed(ranked.total, ranked.ranks, faults);
    },

    async facetArticles(terms, now, { offset, limit }) {
      const lists = await Promise.all(terms.map(postings));
      const faults = lists.flatMap((l) => (l.ok ? [] : [l.fault]));
      const found = lists.map((l) => (l.ok ? l.value : undefined));
      if (found.length === 0 || found.some((l) => !l)) return { total: 0, entries: [], faults };
      const all = (found as Postings[]).sort((a, b) => a.ranks.length - b.ranks.length).reduce(intersect);
      const hidden = store.hiddenRanks(now);
      const ranks: number[] = [];
      for (let i = all.ranks.length - 1; i >= 0; i--) if (!hidden.has(all.ranks[i]!)) ranks.push(all.ranks[i]!);
      return listed(ranks.length, ranks.slice(offset, offset + limit), faults);
    },

    async facetCounts(now) {
      const got = await store.file("facets", searchPath.facets, decodeFacets);
      if (!got.ok) return got;
      const facets = got.value;
      const minus = new Map<string, number>();
      const hidden = store.hiddenRanks(now);
      for (const [rank, terms] of facets.pending) {
        if (hidden.has(rank)) for (const t of terms) minus.set(t, (minus.get(t) ?? 0) + 1);
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
      return { ok: true, value: { tags, months, undated: facets.undated } };
    },

    async related(article, now, limit) {
      const rank = await store.rankOf(article.slug);
      if (!rank.ok) return { entries: [], faults: [rank.fault] };
      if (rank.value === undefined || article.tags.length === 0) return { entries: [], faults: [] };
      const hidden = store.hiddenRanks(now);
      hidden.add(rank.value);
      const lists = await Promise.all(article.tags.map((t) => postings(facetTerm.tag(t))));
      const faults = lists.flatMap((l) => (l.ok ? [] : [l.fault]));
      // Most tags shared first, then newest (a higher rank is newer), among each tag's
      // newest RELATED_WINDOW articles: bounded work when a tag is on most of a large archive.
      const shared = new Map<number, number>();
      for (const list of lists) {
        const ranks = (list.ok && list.value?.ranks) || [];
        for (let i = ranks.length - 1, seen = 0; i >= 0 && seen < RELATED_WINDOW; i--) {
          const d = ranks[i]!;
          if (hidden.has(d)) continue;
          seen++;
          shared.set(d, (shared.get(d) ?? 0) + 1);
        }
      }
      const picked = [...shared]
        .sort(([a, x], [b, y]) => y - x || b - a)
        .slice(0, limit)
        .map(([d]) => d);
      const found = await listed(picked.length, picked, faults);
      return { entries: found.entries, faults: found.faults };
    },
  };
}

/** The facets file; throws when it is not one (a file that is not the format its name says). */
function decodeFacets(bytes: Uint8Array): Facets {
  const value = JSON.parse(new TextDecoder().decode(bytes)) as Partial<Facets> | null;
  if (
    !value ||
    !Array.isArray(value.tags) ||
    !Array.isArray(value.months) ||
    typeof value.undated !== "number" ||
    !Array.isArray(value.pending)
  ) {
    throw new Error("not a facets file");
  }
  return value as Facets;
}
