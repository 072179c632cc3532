/**
 * Query evaluation over postings (format.ts): which documents hold every term, and in what order.
 *
 * Ranking, as readers expect of a news site: the best field a document matches each term in
 * (title over headings over tags over body), summed over the terms, plus a half point for each
 * bigram joining two query words that the document also holds (the words side by side); ties go
 * to the newer article. Scores take few distinct values, so ordering is a bucket walk, not a sort
 * of every match: a one-character query matching 100,000 articles stays within a request's budget.
 */
import { FIELD, type Postings } from "./format.ts";
import type { Query } from "./query.ts";

export type PostingsOf = (term: string) => Promise<Postings | undefined>;

export interface Ranked {
  /** Matching documents (site-list ranks), best first. */
  docs: number[];
  scores: number[];
}

const WEIGHT = new Map([
  [FIELD.title, 8],
  [FIELD.heading, 4],
  [FIELD.tag, 2],
  [FIELD.body, 1],
]);

/** The weight of the best field in `fields`. */
function best(fields: number): number {
  for (const [bit, weight] of WEIGHT) if (fields & bit) return weight;
  return 0;
}

/** Documents in both lists, with the fields both have (a term's bigrams must share a field). */
export function intersect(a: Postings, b: Postings): Postings {
  const n = Math.min(a.docs.length, b.docs.length);
  const docs = new Uint32Array(n);
  const fields = new Uint8Array(n);
  let k = 0;
  for (let i = 0, j = 0; i < a.docs.length && j < b.docs.length;) {
    const x = a.docs[i]!;
    const y = b.docs[j]!;
    if (x < y) i++;
    else if (x > y) j++;
    else {
      const f = a.fields[i]! & b.fields[j]!;
      // Present in both, but in no common field: the pieces are in different places (a title
      // bigram and a body bigram do not make a word); it still matches, as body text.
      docs[k] = x;
      fields[k++] = f || FIELD.body;
      i++;
      j++;
    }
  }
  return { docs: docs.subarray(0, k), fields: fields.subarray(0, k) };
}

/**
 * The documents matching `query`, ranked, leaving out `hidden` ones and, with `within`, those not in
 * it (a category's postings). Terms missing from the index match nothing.
 */
export async function rank(
  query: Query,
  postingsOf: PostingsOf,
  { hidden, within }: { hidden: ReadonlySet<number>; within?: string },
): Promise<Ranked> {
  const lookups = [...new Set([...query.terms.flatMap((t) => t.lookups), ...query.joins, ...(within ? [within] : [])])];
  const loaded = new Map(await Promise.all(lookups.map(async (l) => [l, await postingsOf(l)] as const)));
  const empty: Ranked = { docs: [], scores: [] };

  // Each term: the documents holding all its index terms, smallest list first.
  const perTerm: Postings[] = [];
  for (const term of query.terms) {
    const lists = term.lookups.map((l) => loaded.get(l));
    if (lists.some((l) => !l)) return empty;
    const sorted = (lists as Postings[]).sort((a, b) => a.docs.length - b.docs.length);
    perTerm.push(sorted.reduce(intersect));
  }
  if (within) {
    const scope = loaded.get(within);
    if (!scope) return empty;
    perTerm.push({ docs: scope.docs, fields: new Uint8Array(scope.docs.length) });
  }
  perTerm.sort((a, b) => a.docs.length - b.docs.length);

  // Walk the smallest list; find each of its documents in the others (galloping by binary search).
  const [first, ...rest] = perTerm;
  if (!first) return empty;
  const cursor = rest.map(() => 0);
  const buckets = new Map<number, number[]>();
  const joins = query.joins.map((j) => loaded.get(j)).filter((p): p is Postings => p !== undefined);
  const joinCursor = joins.map(() => 0);
  outer: for (let i = 0; i < first.docs.length; i++) {
    const doc = first.docs[i]!;
    if (hidden.has(doc)) continue;
    let score = best(first.fields[i]!);
    for (let r = 0; r < rest.length; r++) {
      const list = rest[r]!;
      const at = seek(list.docs, doc, cursor[r]!);
      cursor[r] = at;
      if (list.docs[at] !== doc) continue outer;
      score += best(list.fields[at]!);
    }
    for (let r = 0; r < joins.length; r++) {
      const at = seek(joins[r]!.docs, doc, joinCursor[r]!);
      joinCursor[r] = at;
      if (joins[r]!.docs[at] === doc) score += 0.5;
    }
    let bucket = buckets.get(score);
    if (!bucket) buckets.set(score, (bucket = []));
    bucket.push(doc);
  }
  const docs: number[] = [];
  const scores: number[] = [];
  for (const score of [...buckets.keys()].sort((a, b) => b - a)) {
    const bucket = buckets.get(score)!;
    // Ascending document numbers are oldest first: newest first within a score.
    for (let k = bucket.length - 1; k >= 0; k--) {
      docs.push(bucket[k]!);
      scores.push(score);
    }
  }
  return { docs, scores };
}

/** The first index at or after `from` whose document is ≥ `doc` (exponential, then binary search). */
function seek(docs: Uint32Array, doc: number, from: number): number {
  let lo = from;
  let step = 1;
  let hi = from;
  while (hi < docs.length && docs[hi]! < doc) {
    lo = hi + 1;
    hi += step;
    step *= 2;
  }
  hi = Math.min(hi, docs.length);
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (docs[mid]! < doc) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
