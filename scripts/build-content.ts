/**
 * `npm run build` (also wrangler's [build] command): validates content/, prints every problem,
 * and writes the content store (public/_store/) and its manifest (src/generated/). Exits 1 on any
 * error; warnings do not stop the build.
 *
 *   node --experimental-strip-types scripts/build-content.ts [--root DIR] [--preview] [--now ISO]
 *
 * --preview (or CONTENT_PREVIEW=true, which `npm run dev` sets) packs drafts too, for the local
 * preview only; `wrangler deploy` runs this build without it, and `npm run check` refuses a
 * preview store. --now sets the build's clock (articles dated later are scheduled). --threads N
 * (or CONTENT_BUILD_THREADS) sets how many threads build articles: by default one per core for a
 * large archive (scripts/content/threads.ts); the store's bytes are the same either way.
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
  options: {
    root: { type: "string", default: process.cwd() },
    preview: { type: "boolean", default: process.env.CONTENT_PREVIEW === "true" },
    now: { type: "string" },
    threads: { type: "string" },
  },
});

const started = performance.now();
const threads = values.threads === undefined ? undefined : Number(values.threads);
if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1)) {
  console.error(`content: --threads ${values.threads} is not a whole number of threads`);
  process.exit(1);
}
const { model, issues, ledger, mediaFiles, outputs } = await buildContent(values.root, "content", { threads });
for (const issue of sortIssues(issues)) console.error(formatIssue(issue));

if (!model) {
  console.error(`\ncontent: ${summarize(issues)}. Nothing was written; fix the errors above and run again.`);
  process.exit(1);
}
const ms = Math.round(performance.now() - started);
const builtAt = values.now ? Date.parse(values.now) : Date.now();
if (Number.isNaN(builtAt)) {
  console.error(`content: --now ${values.now} is not a date`);
  process.exit(1);
}
const written = await writeGenerated(values.root, model, { preview: values.preview, builtAt, threads, outputs });
await writeMedia(values.root, mediaFiles!);
if (ledger) {
  await writeLedger(values.root, ledger);
  console.log(`content: new article ids recorded in ${LEDGER_FILE} (commit it with the articles)`);
}
console.log(
  `content: ${written.manifest.counts.all} article(s)${values.preview ? " (preview: drafts included)" : ""} → ` +
    `public/_store/ (${written.files} files, ${written.written} written, ${written.removed} removed) and ${written.module}, ` +
    `version ${model.version}, ${summarize(issues)} (${ms} ms)`,
);
