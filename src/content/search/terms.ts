/**
 * What the index holds and what a query looks up, from folded text (fold.ts). One rule for both
 * sides, so a query finds exactly what indexing put there:
 *
 * - Chinese (and Japanese kana, Korean hangul) runs are indexed as character unigrams and bigrams.
 *   Bigrams find any word of two characters or more as a substring, however a segmenter would
 *   have cut the sentence (the same phrase is often segmented differently in a document and in a
 *   query, so indexing segmenter words alone loses matches); unigrams answer one-character
 *   queries. This is the CJK bigram scheme of Lucene's CJKAnalyzer, plus unigrams.
 * - Every other run of letters, digits and marks is one word (`2018`, `gdp`, `54`): `2018年` is the
 *   word `2018` and the unigram `年`.
 *
 * A query's Chinese runs are cut into words with `Intl.Segmenter` (`陶瓷行业协会` → 陶瓷 · 行业 ·
 * 协会): each word is a term every result must contain, found through its bigrams, so the words
 * may stand apart in a document; a document that has the bigrams joining them (the words side by
 * side) ranks higher. A quoted phrase is one term that must occur exactly as written.
 */

const GRAM = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const WORD = /[\p{L}\p{N}\p{M}]/u;
/** Words longer than this are not indexed (no one searches for a 40-character token). */
export const MAX_WORD = 40;

export type RunKind = "gram" | "word";
export interface Run {
  kind: RunKind;
  text: string;
  /** Index in the folded text. */
  start: number;
}

/** The runs of gram characters and of word characters in folded text; everything else separates. */
export function runs(folded: string): Run[] {
  const out: Run[] = [];
  let current: Run | undefined;
  let i = 0;
  for (const c of folded) {
    const kind: RunKind | undefined = GRAM.test(c) ? "gram" : WORD.test(c) ? "word" : undefined;
    if (kind && current?.kind === kind) current.text += c;
    else {
      current = kind ? { kind, text: c, start: i } : undefined;
      if (current) out.push(current);
    }
    i += c.length;
  }
  return out;
}

/** The index terms of one gram run: every character and every adjacent pair. */
export function gramTerms(text: string, into: (term: string) => void): void {
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    into(chars[i]!);
    if (i + 1 < chars.length) into(chars[i]! + chars[i + 1]!);
  }
}

/** The index terms of folded text. */
export function indexTerms(folded: string, into: (term: string) => void): void {
  for (const run of runs(folded)) {
    if (run.kind === "gram") gramTerms(run.text, into);
    else if (run.text.length <= MAX_WORD) into(run.text);
  }
}

/** The index terms that must all be present for a document to contain `text` (a query word). */
export function lookupTerms(run: Pick<Run, "kind" | "text">): string[] {
  if (run.kind === "word") return run.text.length <= MAX_WORD ? [run.text] : [];
  const chars = [...run.text];
  if (chars.length === 1) return [chars[0]!];
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/** Facet terms share the index with words; U+0000 never survives folding, so they cannot collide. */
export const facetTerm = {
  tag: (tag: string) => `\u0000t:${tag}`,
  month: (year: number, month: number) => `\u0000m:${year}-${String(month).padStart(2, "0")}`,
  year: (year: number) => `\u0000y:${year}`,
  category: (slug: string) => `\u0000c:${slug}`,
};
