/**
 * Derived summaries are cut by characters (grapheme clusters), never by words: Chinese text has
 * no spaces, so a word-based cut would take whole paragraphs.
 */
const segmenter = new Intl.Segmenter("zh", { granularity: "grapheme" });

export const SUMMARY_LENGTH = 120;

/** Code units that may join a grapheme cluster: combining marks, ZWJ, variation selectors, surrogates… */
const COMPLEX =
  /[\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u0610-\u061a\u064b-\u065f\u0900-\u0dff\u1ab0-\u1aff\u1dc0-\u1dff\u200c\u200d\u20d0-\u20ff\u302a-\u302f\u3099\u309a\ufe00-\ufe0f\ufe20-\ufe2f\ud800-\udfff]/;

export function deriveSummary(text: string, length = SUMMARY_LENGTH): string {
  // Only the head can be in the summary: join blocks (one a line: a paragraph, a heading, a list
  // item, compileMarkdown's text) until there is enough text (a grapheme is at most a few code
  // units; 8 per grapheme is generous even for emoji sequences), then segment that prefix. After
  // full-width punctuation the next block follows directly (Chinese puts no space after 。);
  // otherwise a space keeps the blocks apart, so a heading and the list under it do not run into
  // one word (会议议程 会议由…, not 会议议程会议由…).
  const budget = length * 8 + 8;
  let flat = "";
  for (const line of text.split("\n", 200)) {
    const p = line.replace(/\s+/g, " ").trim();
    if (!p) continue;
    flat = flat === "" ? p : /[\u3000-\u303f\uff00-\uffef]$/.test(flat) ? flat + p : `${flat} ${p}`;
    if (flat.length > budget) break;
  }
  let cut: string;
  if (!COMPLEX.test(flat.slice(0, length + 1))) {
    // Every code unit is a whole grapheme (Chinese, Latin without combining marks): no segmenter.
    if (flat.length <= length) return flat;
    cut = flat.slice(0, length);
  } else {
    const graphemes = Array.from(segmenter.segment(flat.slice(0, budget)), (s) => s.segment);
    if (graphemes.length <= length && flat.length <= budget) return flat;
    cut = graphemes.slice(0, length).join("");
  }
  // Prefer ending on a sentence or clause mark within the last fifth of the budget.
  const mark = Math.max(...["。", "!", "?", ";", "!", "?", ";"].map((m) => cut.lastIndexOf(m)));
  if (mark >= Math.floor(cut.length * 0.8)) cut = cut.slice(0, mark + 1);
  return `${cut.replace(/[,,、::\s]+$/, "")}…`;
}
