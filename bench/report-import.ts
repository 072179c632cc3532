/** docs/performance.md's "Import" section, from bench/results/import.json (bench/import.ts). */
import type { ImportResult } from "./results.ts";

/** What "in minutes, not hours" means here (issue 22): the import of 10,000 items within 10 minutes. */
const TARGET_SECONDS = 600;
const NAMES = { mirror: "a mirror (pages)", wordpress: "a WordPress export (posts)" } as const;

const s = (seconds: number) => `${seconds.toFixed(1)} s`;

export function importSection(result: ImportResult | undefined): string {
  if (!result) return "\n## Import\n\nNot measured yet: run `npm run bench:import`.\n";
  const rows = result.rows.map(
    (r) =>
      `| ${NAMES[r.source]} | ${r.items.toLocaleString("en")} | ${r.articles.toLocaleString("en")} | ${s(r.dryRunSeconds)} | ${s(r.importSeconds)} | ${s(r.againSeconds)} | ${s(r.buildSeconds)} | ${r.importSeconds <= TARGET_SECONDS ? "yes" : "**no**"} |`,
  );
  return `
## Import

\`npm run bench:import\` (${result.seconds} s on ${result.machine.date}): a synthetic old site imported into
a fresh project as an editor runs it (bench/import.ts): \`--dry-run\`, the import, the same import
again (nothing to write), then \`npm run build\` of the imported archive. Target: the import of
10,000 items within ${TARGET_SECONDS / 60} minutes.

| source | items | articles written | dry run | import | again | build | within target |
| --- | --: | --: | --: | --: | --: | --: | :-: |
${rows.join("\n")}

The importer's summaries:

${result.rows.map((r) => `- ${NAMES[r.source]}: \`${r.summary}\``).join("\n")}
`;
}
