/**
 * `npm run build` (also wrangler's [build] command): validates content/, prints every problem,
 * and writes the generated module. Exits 1 on any error; warnings do not stop the build.
 *
 *   node --experimental-strip-types scripts/build-content.ts [--root DIR]
 */
import { parseArgs } from "node:util";
import {
  buildContent,
  formatIssue,
  LEDGER_FILE,
  sortIssues,
  summarize,
  writeGenerated,
  writeLedger,
  writeMedia,
} from "./content/index.ts";

const { values } = parseArgs({
  options: { root: { type: "string", default: process.cwd() } },
});

const started = performance.now();
const { model, issues, ledger } = await buildContent(values.root);
for (const issue of sortIssues(issues)) console.error(formatIssue(issue));

if (!model) {
  console.error(`\ncontent: ${summarize(issues)}. Nothing was written; fix the errors above and run again.`);
  process.exit(1);
}
const ms = Math.round(performance.now() - started);
const path = await writeGenerated(values.root, model);
await writeMedia(values.root);
if (ledger) {
  await writeLedger(values.root, ledger);
  console.log(`content: new article ids recorded in ${LEDGER_FILE} (commit it with the articles)`);
}
console.log(
  `content: ${model.articles.length} article(s) → ${path}, version ${model.version}, ${summarize(issues)} (${ms} ms)`,
);
