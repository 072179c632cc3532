/**
 * Folding: the one normalisation that the index (at build time) and every query (in the worker)
 * apply, so that what a reader types matches what an editor wrote however either was spelled:
 *
 * - Unicode NFKC (UAX #15): full-width and half-width forms fold together (`２０１８` = `2018`,
 *   `ＧＤＰ` = `GDP`, `ｶ` = `カ`), as do compatibility ideographs;
 * - case: Latin (and every cased script) folds to lower case;
 * - Traditional → Simplified Chinese, character by character, with OpenCC's dictionaries (the
 *   Taiwan and Hong Kong variant tables first, then TSCharacters): `禪城` = `禅城`, `裡` = `里`.
 *   Only one-to-one mappings are used, so a folded text has one position per source position
 *   and a match maps back to the exact characters the reader sees in a snippet.
 *
 * Folding is per code point, never across neighbours, for the same reason. Control characters,
 * format characters and lone surrogates fold to nothing (a query can carry no invisible junk).
 */
import HK_VARIANTS from "opencc-js/dict/HKVariantsRev";
import TS_CHARACTERS from "opencc-js/dict/TSCharacters";
import TW_VARIANTS from "opencc-js/dict/TWVariantsRev";

let table: Map<string, string> | undefined;

/** Traditional (and its regional variants) → Simplified, single code points only; built once. */
function chineseTable(): Map<string, string> {
  if (table) return table;
  const parse = (dict: string) =>
    dict.split("|").flatMap((pair) => {
      const [from, to] = pair.split(" ");
      return from && to && [...from].length === 1 && [...to].length === 1 ? [[from, to] as const] : [];
    });
  const ts = new Map(parse(TS_CHARACTERS));
  table = new Map(ts);
  for (const [variant, standard] of [...parse(TW_VARIANTS), ...parse(HK_VARIANTS)]) {
    // A regional variant folds to its standard Traditional form's Simplified one.
    const simplified = ts.get(standard) ?? standard;
    if (!table.has(variant) && simplified !== variant) table.set(variant, simplified);
  }
  return table;
}

const INVISIBLE = /^[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]$/u;
const cache = new Map<string, string>();

/** One code point, folded: zero or more code points (NFKC may expand `①` to `1`, `㈱` to `(株)`). */
export function foldChar(c: string): string {
  let out = cache.get(c);
  if (out !== undefined) return out;
  if (INVISIBLE.test(c)) out = "";
  else {
    const chinese = chineseTable();
    out = "";
    for (const d of c.normalize("NFKC").toLowerCase()) out += chinese.get(d) ?? d;
  }
  if (cache.size < 20_000) cache.set(c, out);
  return out;
}

export interface Folded {
  /** The folded text. */
  text: string;
  /**
   * For each UTF-16 index of `text`, the index in the source of the code point it came from; null
   * when folding kept every position (the usual case: each code unit folded to one code unit).
   */
  origin: Uint32Array | null;
  /** The text that was folded. */
  source: string;
}

/**
 * What folding does to each BMP code unit, learnt on first sight: 0 not yet known, 1 unchanged,
 * 2 replaced by one other code unit (in `single`), 3 anything else (the slow path).
 */
const kind = new Uint8Array(0x10000);
const single = new Uint16Array(0x10000);

function learn(code: number): number {
  if (code >= 0xd800 && code <= 0xdfff) return (kind[code] = 3);
  const c = String.fromCharCode(code);
  const f = code < 0x80 ? asciiFold(c) : foldChar(c);
  if (f === c) return (kind[code] = 1);
  if (f.length === 1) {
    single[code] = f.charCodeAt(0);
    return (kind[code] = 2);
  }
  return (kind[code] = 3);
}

/**
 * The folded text and where each of its positions came from (snippets mark the source's
 * characters). Runs of unchanged characters are copied whole; a query's worth of article text
 * folds in microseconds.
 */
export function fold(source: string): Folded {
  let text = "";
  let origin: number[] | null = null;
  let run = 0;
  let chars: number[] = [];
  const flush = (to: number) => {
    if (chars.length) {
      text += String.fromCharCode(...chars);
      chars = [];
    }
    if (to > run) text += source.slice(run, to);
  };
  for (let i = 0; i < source.length; i++) {
    const code = source.charCodeAt(i);
    const k = kind[code] || learn(code);
    if (k === 1) {
      if (chars.length) {
        text += String.fromCharCode(...chars);
        chars = [];
        run = i;
      }
      if (origin) origin.push(i);
      continue;
    }
    flush(i);
    if (k === 2) {
      chars.push(single[code]!);
      if (origin) origin.push(i);
      run = i + 1;
      if (chars.length > 4096) flush(i + 1);
      continue;
    }
    // The slow path: a whole code point (a surrogate pair, or a code unit NFKC expands or drops).
    const cp = source.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const f = foldChar(source.slice(i, i + width));
    if (!origin) origin = Array.from({ length: text.length }, (_, k) => k);
    text += f;
    for (let k = 0; k < f.length; k++) origin.push(i);
    i += width - 1;
    run = i + 1;
  }
  flush(source.length);
  return { text, origin: origin && Uint32Array.from(origin), source };
}

/** The folded text alone (the index and the query parser). */
export function foldText(source: string): string {
  return fold(source).text;
}

function asciiFold(c: string): string {
  const code = c.charCodeAt(0);
  if (code < 0x20 || code === 0x7f) return "";
  return code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 32) : c;
}

/** The source range [start, end) of folded range [from, to): whole code points of the source. */
export function sourceRange(folded: Folded, from: number, to: number): [number, number] {
  if (to <= from) return [from, from];
  if (!folded.origin) return [from, to];
  const start = folded.origin[from] ?? folded.source.length;
  const last = folded.origin[to - 1];
  if (last === undefined) return [start, start];
  return [start, last + (folded.source.codePointAt(last)! > 0xffff ? 2 : 1)];
}
