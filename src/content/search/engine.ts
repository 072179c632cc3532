/**
 * Query evaluation over postings (format.ts): which documents hold every term, and in what order.
 *
 * Ranking, as readers expect of a news site: the best field a document matches each term in
 * (title over headings over tags over body), summed over the terms, plus a half point for each
 * bigram joining two query words that the document also holds (the words side by side); ties go
 * to the newer article. Scores take few distinct values, so ordering is a bucket walk, not a sort
 * of every match.
 */
import { FIELD, type Postings } from "./format.ts";
import type { Query } from "./query.ts";

export interface IndexReader {
  /** A term's postings, decoded; undefined when the term is not indexed. */
  postings(term: string): Promise<Postings | undefined>;
  /** How many documents hold a term (from the shard's header, without decoding); 0 when none. */
  df(term: string): Promise<number>;
}

/**
 * Index terms decoded per query term, and joins per query: the rarest ones (fewest documents),
 * which are the most selective and the cheapest to decode. A long word's other bigrams add little
 * (its rarest three rarely co-occur by chance), and a quoted phrase is checked exactly on the page.
 */
const LOOKUPS_PER_TERM = 3;
const JOINS = 2;

/** The `n` rarest of `terms` (by document frequency). */
async function rarest(index: IndexReader, terms: readonly string[], n: number): Promise<string[]> {
  if (terms.length <= n) return [...terms];
  const dfs = await Promise.all(terms.map((t) => index.df(t)));
  return terms
    .map((t, i) => [t, dfs[i]!] as const)
    .sort((a, b) => a[1] - b[1])
    .slice(0, n)
    .map(([t]) => t);
}

export interface Ranked {
  /** How many documents match. */
  total: number;
  /** The window's documents by their site-list rank, best first. */
  ranks: number[];
}

/** The weight of the best field in a set of FIELD bits (4 bits: 16 entries), looked up, not computed. */
const BEST = Uint8Array.from({ length: 16 }, (_, fields) =>
  fields & FIELD.title ? 8 : fields & FIELD.heading ? 4 : fields & FIELD.tag ? 2 : fields & FIELD.body ? 1 : 0,
);

/** Documents in both lists, with the fields both have (a term's bigrams must share a field). */
export function intersect(a: Postings, b: Postings): Postings {
  const n = Math.min(a.ranks.length, b.ranks.length);
  const ranks = new Uint32Array(n);
  const fields = new Uint8Array(n);
  let k = 0;
  for (let i = 0, j = 0; i < a.ranks.length && j < b.ranks.length;) {
    const x = a.ranks[i]!;
    const y = b.ranks[j]!;
    if (x < y) i++;
    else if (x > y) j++;
    else {
      const f = a.fields[i]! & b.fields[j]!;
      // Present in both, but in no common field: the pieces are in different places (a title
      // bigram and a body bigram do not make a word); it still matches, as body text.
      ranks[k] = x;
      fields[k++] = f || FIELD.body;
      i++;
      j++;
    }
  }
  return { ranks: ranks.subarray(0, k), fields: fields.subarray(0, k) };
}

/**
 * The documents matching `query`, ranked, leaving out `hidden` ones and, with `within`, those not in
 * it (a section's postings): how many there are, and the `limit` documents from `offset` of the
 * ranked order. Terms missing from the index match nothing.
 *
 * One pass scores every candidate into a typed array and counts each score (scores are small
 * integers: twice the weights, so the joins' half points count); the window is then read off the
 * few score buckets it overlaps, newest first. No array of every match is built or sorted.
 */
export async function bestMatches(
  query: Query,
  index: IndexReader,
  { hidden, within, offset, limit }: { hidden: ReadonlySet<number>; within?: string; offset: number; limit: number },
): Promise<Ranked> {
  const termLookups = await Promise.all(query.terms.map((t) => rarest(index, t.lookups, LOOKUPS_PER_TERM)));
  const joinLookups = await rarest(index, query.joins, JOINS);
  const lookups = [...new Set([...termLookups.flat(), ...joinLookups, ...(within ? [within] : [])])];
  const loaded = new Map(await Promise.all(lookups.map(async (l) => [l, await index.postings(l)] as const)));
  const empty: Ranked = { total: 0, ranks: [] };

  // Each term: the documents holding all its index terms, smallest list first.
  const perTerm: Postings[] = [];
  for (const term of termLookups) {
    const lists = term.map((l) => loaded.get(l));
    if (lists.some((l) => !l)) return empty;
    const sorted = (lists as Postings[]).sort((a, b) => a.ranks.length - b.ranks.length);
    perTerm.push(sorted.reduce(intersect));
  }
  if (within) {
    const scope = loaded.get(within);
    if (!scope) return empty;
    perTerm.push({ ranks: scope.ranks, fields: new Uint8Array(scope.ranks.length) });
  }
  perTerm.sort((a, b) => a.ranks.length - b.ranks.length);

  // Walk the smallest list; find each of its documents in the others (galloping search).
  const [first, ...rest] = perTerm;
  if (!first) return empty;
  const n = first.ranks.length;
  const cursor = rest.map(() => 0);
  const joins = joinLookups.map((j) => loaded.get(j)).filter((p): p is Postings => p !== undefined);
  const joinCursor = joins.map(() => 0);
  // score + 1 per candidate (0: no match), and how many candidates have each score.
  const scores = new Uint16Array(n);
  const counts = new Uint32Array(MAX_SCORE + 2);
  const anyHidden = hidden.size > 0;
  let total = 0;
  outer: for (let i = 0; i < n; i++) {
    const rank = first.ranks[i]!;
    if (anyHidden && hidden.has(rank)) continue;
    let score = 2 * BEST[first.fields[i]!]!;
    for (let r = 0; r < rest.length; r++) {
      const list = rest[r]!;
      const at = seek(list.ranks, rank, cursor[r]!);
      cursor[r] = at;
      if (list.ranks[at] !== rank) continue outer;
      score += 2 * BEST[list.fields[at]!]!;
    }
    for (let r = 0; r < joins.length; r++) {
      const at = seek(joins[r]!.ranks, rank, joinCursor[r]!);
      joinCursor[r] = at;
      if (joins[r]!.ranks[at] === rank) score += 1;
    }
    score = Math.min(score, MAX_SCORE);
    scores[i] = score + 1;
    counts[score + 1]!++;
    total++;
  }

  // The window: walk the scores from the highest; within a score, newest (highest number) first.
  const ranks: number[] = [];
  let skipped = 0;
  for (let s = MAX_SCORE + 1; s > 0 && ranks.length < limit; s--) {
    const count = counts[s]!;
    if (count === 0) continue;
    if (skipped + count <= offset) {
      skipped += count;
      continue;
    }
    for (let i = n - 1; i >= 0 && ranks.length < limit; i--) {
      if (scores[i] !== s) continue;
      if (skipped < offset) skipped++;
      else ranks.push(first.ranks[i]!);
    }
  }
  return { total, ranks };
}

/** The highest score counted apart (twice the best weight of every term, plus the joins). */
const MAX_SCORE = 1023;

/** The first index at or after `from` whose rank is ≥ `rank` (exponential, then binary search). */
function seek(ranks: Uint32Array, rank: number, from: number): number {
  let lo = from;
  let step = 1;
  let hi = from;
  while (hi < ranks.length && ranks[hi]! < rank) {
    lo = hi + 1;
    hi += step;
    step *= 2;
  }
  hi = Math.min(hi, ranks.length);
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ranks[mid]! < rank) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
