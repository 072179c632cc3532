/**
 * Snippets: the stretch of an article's text where the query's terms are, with each match's
 * position, so the site marks them (<mark>) and the API returns them as offsets. Matching runs on
 * folded text (fold.ts) and maps back to the source, so a reader who typed `禪城` sees `禅城` marked
 * where the article has it.
 */
import { fold, sourceRange, type Folded } from "./fold.ts";
import type { Query } from "./query.ts";
import { lookupTerms } from "./terms.ts";

export interface Snippet {
  text: string;
  /** [offset, length] of each match in `text`, in UTF-16 code units (JavaScript string indices), ascending. */
  matches: [number, number][];
}

/** Characters of context a snippet shows (about two lines of a result). */
export const SNIPPET_LENGTH = 110;
const MAX_OCCURRENCES = 64;

/** Folded ranges [from, to) where the query's terms occur in `folded` (each term's exact text, or else its pieces). */
function occurrences(folded: string, query: Query): [number, number, number][] {
  const out: [number, number, number][] = [];
  query.terms.forEach((term, t) => {
    const find = (needle: string) => {
      let n = 0;
      for (let at = folded.indexOf(needle); at >= 0 && n < MAX_OCCURRENCES; at = folded.indexOf(needle, at + 1), n++)
        out.push([at, at + needle.length, t]);
      return n;
    };
    if (find(term.text) === 0 && !term.phrase) {
      // The term's bigrams stand apart in this text: mark the pieces.
      for (const piece of lookupTerms({ kind: "gram", text: term.text })) if (piece !== term.text) find(piece);
    }
  });
  return out.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
}

/** Whether these folded texts hold every phrase of the query exactly (bigrams alone do not prove a phrase). */
export function holdsPhrases(folded: readonly string[], query: Query): boolean {
  return query.terms.every((t) => !t.phrase || folded.some((f) => f.includes(t.text)));
}

/** Every match of the query in `source` (a title: short enough to show whole). */
export function highlight(source: string, query: Query): Snippet {
  const folded = fold(source);
  return { text: source, matches: merge(folded, occurrences(folded.text, query), 0, source.length, 0) };
}

/**
 * The best window of `source`: the one holding the most distinct terms (then the earliest), cut to
 * about SNIPPET_LENGTH characters, with "…" where it was cut. Without any match, the text's start.
 */
export function snippet(text: string | Folded, query: Query, length = SNIPPET_LENGTH): Snippet {
  const folded = typeof text === "string" ? fold(text) : text;
  const source = folded.source;
  const found = occurrences(folded.text, query);
  let bestStart = 0;
  let bestTerms = 0;
  // Each occurrence starts a candidate window; `found` is sorted, so the window's members are a
  // contiguous stretch after it.
  for (let i = 0; i < found.length && bestTerms < query.terms.length; i++) {
    const start = Math.max(0, found[i]![0] - Math.floor(length / 5));
    const terms = new Set<number>();
    for (let j = i; j < found.length && found[j]![1] <= start + length; j++) terms.add(found[j]![2]);
    if (terms.size > bestTerms) {
      bestTerms = terms.size;
      bestStart = start;
    }
  }
  // Window in folded positions → source positions.
  const [from] = sourceRange(folded, bestStart, bestStart + 1);
  let to = Math.min(source.length, from + length);
  // Never cut a surrogate pair.
  if (to < source.length && /[\ud800-\udbff]/.test(source[to - 1] ?? "")) to--;
  const head = from > 0 ? "…" : "";
  const tail = to < source.length ? "…" : "";
  return { text: `${head}${source.slice(from, to)}${tail}`, matches: merge(folded, found, from, to, head.length) };
}

/** Source ranges of `found` inside [from, to), shifted by `shift`, overlapping ones merged. */
function merge(folded: Folded, found: [number, number, number][], from: number, to: number, shift: number) {
  const out: [number, number][] = [];
  let last: [number, number] | undefined;
  for (const [f, t] of found) {
    const [s, e] = sourceRange(folded, f, t);
    if (s < from || e > to) continue;
    const start = s - from + shift;
    const end = e - from + shift;
    if (last && start <= last[0] + last[1]) {
      last[1] = Math.max(last[0] + last[1], end) - last[0];
      continue;
    }
    last = [start, end - start];
    out.push(last);
  }
  return out;
}
