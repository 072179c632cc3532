/** docs/performance.md's "One edit" section, from bench/results/edit.json (bench/edit.ts). */
import type { EditResult, EditRow } from "./results.ts";

const s = (seconds: number) => (seconds < 1 ? `${Math.round(seconds * 1000)} ms` : `${seconds.toFixed(1)} s`);
const bytes = (n: number) => (n < 1e6 ? `${(n / 1e3).toFixed(0)} KB` : `${(n / 1e6).toFixed(1)} MB`);

/** Issue 30's targets, per archive size: [what, the row's figure, the limit, how it reads]. */
function targets(r: EditRow): [string, number, number, string][] {
  if (r.articles === 10_000)
    return [
      ["rebuild after one change", r.oneTitleSeconds, 1, "≤ 1 s"],
      ["one desk save", r.saveSeconds, 0.3, "≤ 300 ms"],
      ["save to page", r.saveToPageSeconds, 2, "≤ 2 s"],
      ["first list answer", r.listSeconds, 1, "≤ 1 s"],
      ["first list answer (bytes)", r.listBytes, 200_000, "≤ 200 KB"],
    ];
  if (r.articles === 100_000)
    return [
      ["rebuild, nothing changed", r.nothingSeconds, 2, "≤ 2 s"],
      ["rebuild after one change", r.oneTitleSeconds, 5, "≤ 5 s"],
    ];
  return [];
}

export function editSection(result: EditResult | undefined): string {
  if (!result) return "\n## One edit\n\nNot measured yet: run `npm run bench:edit`.\n";
  const rows = result.rows.map(
    (r) =>
      `| ${r.articles.toLocaleString("en")} | ${s(r.coldSeconds)} | ${r.hugoSeconds === undefined ? "—" : s(r.hugoSeconds)} | ${s(r.nothingSeconds)} | ${s(r.oneTitleSeconds)} (${r.oneTitleWritten} files) | ${s(r.listSeconds)}, ${bytes(r.listBytes)} | ${s(r.saveSeconds)} | ${s(r.saveToPageSeconds)} |`,
  );
  const checks = result.rows.flatMap((r) =>
    targets(r).map(
      ([what, value, limit, reads]) =>
        `- ${r.articles.toLocaleString("en")} articles, ${what} ${reads}: ${value <= limit ? "met" : "**missed**"} (${what.includes("bytes") ? bytes(value) : s(value)})`,
    ),
  );
  return `
## One edit

\`npm run bench:edit\` (${result.seconds} s on ${result.machine.date}; bench/edit.ts): a synthetic archive
built as \`npm run build\` builds it (from nothing, again with nothing changed, again after one title
changes), then the editor's desk as \`npm run dev\` serves it: its first list answer, one save of a
title, and from the save's answer until the page served shows the new title. Hugo's full rebuild of
the same Markdown beside it.

| articles | cold build | Hugo, full | nothing changed | one title changed | desk list | desk save | save to page |
| --: | --: | --: | --: | --: | --: | --: | --: |
${rows.join("\n")}

Targets (issue 30):

${checks.join("\n") || "- none at these sizes (the targets are for 10,000 and 100,000 articles)"}
`;
}
