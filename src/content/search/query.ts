/**
 * A reader's query, parsed once at the boundary: folded (fold.ts) like the index, cut into terms
 * (terms.ts), bounded. Every term must match; a quoted phrase ("…", “…”, 「…」, 『…』) must occur
 * exactly. The parsed query's `key` is its canonical form: two spellings of one query (full-width,
 * Traditional, extra spaces) share one cache entry.
 */
import { foldText } from "./fold.ts";
import { lookupTerms, runs } from "./terms.ts";

/** Longest query accepted, in characters (code points) as typed. */
export const MAX_QUERY = 200;
/** Index terms a query may look up (each is at most one shard read). */
export const MAX_LOOKUPS = 24;

export interface Term {
  /** The folded text a result contains (what snippets mark). */
  text: string;
  /** The index terms that must all be present (terms.ts). */
  lookups: string[];
  /** A quoted phrase: it must occur exactly as written, not only its bigrams. */
  phrase: boolean;
}

export interface Query {
  /** Canonical form: the terms, sorted (the cache key of its results). */
  key: string;
  terms: Term[];
  /** Bigrams joining adjacent words of the query: a document holding them ranks higher. */
  joins: string[];
  /** Terms left out because the query needed more than MAX_LOOKUPS index terms. */
  dropped: number;
}

export type QueryProblem = { code: "query-empty" | "query-too-long"; message: string };

const QUOTED = /"([^"]*)"|“([^”]*)”|「([^」]*)」|『([^』]*)』/g;
let segmenter: Intl.Segmenter | undefined;

/** Words of a Chinese run, as Intl.Segmenter cuts them (UAX #29 with the CLDR/ICU dictionary). */
function words(text: string): string[] {
  segmenter ??= new Intl.Segmenter("zh", { granularity: "word" });
  const out: string[] = [];
  let single = false;
  for (const { segment } of segmenter.segment(text)) {
    if (segment.trim() === "") continue;
    // Names the dictionary does not know (禅城, 张槎) come out one character at a time: adjacent
    // single characters stay together as one term, found as a substring through its bigrams.
    const one = [...segment].length === 1;
    if (one && single) out[out.length - 1] += segment;
    else out.push(segment);
    single = one;
  }
  return out;
}

export function parseQuery(raw: string): Query | QueryProblem {
  if ([...raw].length > MAX_QUERY) {
    return { code: "query-too-long", message: `q is longer than ${MAX_QUERY} characters` };
  }
  const folded = foldText(raw);
  const terms: Term[] = [];
  const joins: string[] = [];
  const add = (term: Term) => {
    if (term.lookups.length > 0 && !terms.some((t) => t.text === term.text && t.phrase === term.phrase))
      terms.push(term);
  };
  const free = folded.replace(QUOTED, (_, ...groups: (string | undefined)[]) => {
    const phrase = groups
      .slice(0, 4)
      .find((g) => g !== undefined)!
      .trim();
    const lookups = [...new Set(runs(phrase).flatMap(lookupTerms))];
    // A phrase of one word is just that word.
    const single = runs(phrase).length === 1 && !/\s/.test(phrase);
    if (phrase) add({ text: phrase, lookups, phrase: !single || words(phrase).length > 1 });
    return " ";
  });
  for (const run of runs(free)) {
    if (run.kind === "word") {
      add({ text: run.text, lookups: lookupTerms(run), phrase: false });
      continue;
    }
    const parts = words(run.text);
    parts.forEach((w, i) => {
      add({ text: w, lookups: lookupTerms({ kind: "gram", text: w }), phrase: false });
      const next = parts[i + 1];
      if (next) joins.push([...w].at(-1)! + [...next][0]!);
    });
  }
  if (terms.length === 0)
    return { code: "query-empty", message: "q has no letters, digits or characters to search for" };

  // Bounded work: a long term keeps every other bigram (still covering each character), then terms
  // past the budget are left out and reported.
  let budget = MAX_LOOKUPS;
  const kept: Term[] = [];
  for (const term of terms) {
    let lookups = term.lookups;
    if (lookups.length > 4) lookups = lookups.filter((_, i) => i % 2 === 0 || i === lookups.length - 1);
    if (lookups.length > budget) {
      if (kept.length > 0) break;
      lookups = lookups.slice(0, budget);
    }
    budget -= lookups.length;
    kept.push({ ...term, lookups });
  }
  const key = kept
    .map((t) => (t.phrase ? `"${t.text}"` : t.text))
    .sort()
    .join(" ");
  return {
    key,
    terms: kept,
    joins: [...new Set(joins)].slice(0, Math.max(0, budget)),
    dropped: terms.length - kept.length,
  };
}

export function isQueryProblem(q: Query | QueryProblem): q is QueryProblem {
  return "code" in q;
}
