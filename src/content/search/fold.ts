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
  /** For each UTF-16 index of `text`, the index in the source of the code point it came from. */
  origin: Uint32Array;
  /** The text that was folded. */
  source: string;
}

/** The folded text and where each of its positions came from (snippets mark the source's characters). */
export function fold(source: string): Folded {
  let text = "";
  const origin: number[] = [];
  let i = 0;
  for (const c of source) {
    const f = c.length === 1 && c < "\u0080" ? asciiFold(c) : foldChar(c);
    text += f;
    for (let k = 0; k < f.length; k++) origin.push(i);
    i += c.length;
  }
  return { text, origin: Uint32Array.from(origin), source };
}

/** The folded text alone (the index and the query parser). */
export function foldText(source: string): string {
  let text = "";
  for (const c of source) text += c.length === 1 && c < "\u0080" ? asciiFold(c) : foldChar(c);
  return text;
}

function asciiFold(c: string): string {
  const code = c.charCodeAt(0);
  if (code < 0x20 || code === 0x7f) return "";
  return code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 32) : c;
}

/** The source range [start, end) of folded range [from, to): whole code points of the source. */
export function sourceRange(folded: Folded, from: number, to: number): [number, number] {
  const start = folded.origin[from] ?? folded.source.length;
  const last = folded.origin[to - 1];
  if (last === undefined || to <= from) return [start, start];
  return [start, last + (folded.source.codePointAt(last)! > 0xffff ? 2 : 1)];
}
