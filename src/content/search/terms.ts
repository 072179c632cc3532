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

const OTHER = 3;
const CLASS = { gram: 1, word: 2 } as const;
/** Each BMP code unit's class, learnt on first sight (0: not yet); surrogates are classed by code point. */
const classes = new Uint8Array(0x10000);

function classOf(c: string): number {
  return GRAM.test(c) ? CLASS.gram : WORD.test(c) ? CLASS.word : OTHER;
}

/** The class of the code point at `i` (its width: `widthAt`). BMP code units are looked up. */
function classAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length)
    return classOf(String.fromCodePoint(text.codePointAt(i)!));
  return classes[code] || (classes[code] = classOf(text[i]!));
}

/** Code units of the code point at `i`: 2 for a surrogate pair. */
function widthAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  return code >= 0xd800 && code <= 0xdbff && i + 1 < text.length ? 2 : 1;
}

/** The runs of gram characters and of word characters in folded text; everything else separates. */
export function runs(folded: string): Run[] {
  const out: Run[] = [];
  let kind = OTHER;
  let start = 0;
  for (let i = 0; i < folded.length;) {
    const k = classAt(folded, i);
    const width = widthAt(folded, i);
    if (k !== kind) {
      if (kind !== OTHER)
        out.push({ kind: kind === CLASS.gram ? "gram" : "word", text: folded.slice(start, i), start });
      kind = k;
      start = i;
    }
    i += width;
  }
  if (kind !== OTHER) out.push({ kind: kind === CLASS.gram ? "gram" : "word", text: folded.slice(start), start });
  return out;
}

/**
 * An index term as the writer keys it: a BMP unigram as its code unit, a BMP bigram as
 * `first × 65536 + second` (numbers, so indexing allocates no string per character), anything else
 * as its string. `termText` turns a key back into the term's text.
 */
export type TermKey = number | string;

export function termText(key: TermKey): string {
  if (typeof key === "string") return key;
  return key < 0x10000 ? String.fromCharCode(key) : String.fromCharCode(Math.floor(key / 0x10000), key % 0x10000);
}

/** The index terms of folded text: every gram character and adjacent pair, every word. */
export function indexTerms(folded: string, into: { add(key: TermKey): void }): void {
  let kind = OTHER;
  let start = 0;
  let prev: TermKey | undefined;
  for (let i = 0; i < folded.length;) {
    const k = classAt(folded, i);
    const width = widthAt(folded, i);
    if (k !== kind && kind === CLASS.word && i - start <= MAX_WORD) into.add(folded.slice(start, i));
    if (k !== kind) {
      kind = k;
      start = i;
      prev = undefined;
    }
    if (k === CLASS.gram) {
      const key: TermKey = width === 1 ? folded.charCodeAt(i) : folded.slice(i, i + width);
      into.add(key);
      if (prev !== undefined) {
        into.add(
          typeof prev === "number" && typeof key === "number" ? prev * 0x10000 + key : termText(prev) + termText(key),
        );
      }
      prev = key;
    }
    i += width;
  }
  if (kind === CLASS.word && folded.length - start <= MAX_WORD) into.add(folded.slice(start));
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
  section: (slug: string) => `\u0000c:${slug}`,
};
