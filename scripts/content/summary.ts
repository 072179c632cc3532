/**
 * Derived summaries are cut by characters (grapheme clusters), never by words: Chinese text has
 * no spaces, so a word-based cut would take whole paragraphs.
 */
const segmenter = new Intl.Segmenter("zh", { granularity: "grapheme" });

export const SUMMARY_LENGTH = 120;

export function deriveSummary(text: string, length = SUMMARY_LENGTH): string {
  // Paragraphs join without a space after CJK text (Chinese does not separate sentences by spaces).
  const flat = text
    .split("\n")
    .map((p) => p.replace(/\s+/g, " ").trim())
    .filter(Boolean)
    .reduce((acc, p) => (acc === "" ? p : /[\u3000-\u9fff\uff00-\uffef]$/.test(acc) ? acc + p : `${acc} ${p}`), "");
  const graphemes = Array.from(segmenter.segment(flat), (s) => s.segment);
  if (graphemes.length <= length) return flat;
  let cut = graphemes.slice(0, length).join("");
  // Prefer ending on a sentence or clause mark within the last fifth of the budget.
  const mark = Math.max(...["。", "!", "?", ";", "!", "?", ";"].map((m) => cut.lastIndexOf(m)));
  if (mark >= Math.floor(cut.length * 0.8)) cut = cut.slice(0, mark + 1);
  return `${cut.replace(/[,,、::\s]+$/, "")}…`;
}
