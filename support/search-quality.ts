/**
 * Search quality over a labelled query set (test/fixtures/search/queries.json): recall@10 and mean
 * reciprocal rank, per kind of query and overall, and whether queries with no answer find nothing.
 * The tests assert a floor; `npm run bench` reports the figures (docs/performance.md). Pure: the
 * corpus and the queries are loaded in Node by support/search-corpus.ts.
 */

export interface Labelled {
  kind: string;
  q: string;
  /** Relevant slugs; empty for a query that must find nothing. */
  relevant: string[];
}

export interface Quality {
  queries: number;
  /** Mean over answerable queries of |relevant ∩ top 10| / min(10, |relevant|). */
  recallAt10: number;
  /** Mean over answerable queries of 1 / rank of the first relevant result (0 when none). */
  mrr: number;
  /** Queries with no answer that found nothing, of those queries. */
  noAnswer: { passed: number; total: number };
  byKind: Record<string, { queries: number; recallAt10: number; mrr: number }>;
  /** Queries that missed a relevant article in the top 10, or found something they should not. */
  misses: { q: string; missing: string[]; found: string[] }[];
}

/** Scores `search` (a query → slugs, best first) on the labelled set. */
export async function evaluate(
  queries: readonly Labelled[],
  search: (q: string) => Promise<string[]>,
): Promise<Quality> {
  const misses: Quality["misses"] = [];
  const scored: { kind: string; recall: number; rr: number }[] = [];
  let noAnswer = 0;
  let noAnswerTotal = 0;
  for (const { kind, q, relevant } of queries) {
    const found = await search(q);
    if (relevant.length === 0) {
      noAnswerTotal++;
      if (found.length === 0) noAnswer++;
      else misses.push({ q, missing: [], found });
      continue;
    }
    const top = found.slice(0, 10);
    const hit = relevant.filter((r) => top.includes(r));
    const first = found.findIndex((s) => relevant.includes(s));
    scored.push({ kind, recall: hit.length / Math.min(10, relevant.length), rr: first < 0 ? 0 : 1 / (first + 1) });
    if (hit.length < Math.min(10, relevant.length)) {
      misses.push({ q, missing: relevant.filter((r) => !top.includes(r)), found: top });
    }
  }
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 1);
  const byKind: Quality["byKind"] = {};
  for (const kind of new Set(scored.map((s) => s.kind))) {
    const of = scored.filter((s) => s.kind === kind);
    byKind[kind] = { queries: of.length, recallAt10: mean(of.map((s) => s.recall)), mrr: mean(of.map((s) => s.rr)) };
  }
  return {
    queries: queries.length,
    recallAt10: mean(scored.map((s) => s.recall)),
    mrr: mean(scored.map((s) => s.rr)),
    noAnswer: { passed: noAnswer, total: noAnswerTotal },
    byKind,
    misses,
  };
}
