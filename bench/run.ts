/**
 * `npm run bench [-- --rounds 3 --seconds 4]`: the load benchmark (every variant interleaved,
 * through the Miniflare API, driven by wrk on 127.0.0.1) and the render micro-benchmark. Prints
 * Markdown tables, saves bench/results/bench.json and regenerates docs/performance.md.
 * `npm run bench:scale` adds the corpus-size and Hugo measurements.
 */
import { join } from "node:path";
import { parseArgs } from "node:util";
import { runFlood, runKvFlood } from "./flood.ts";
import { runLoad } from "./load.ts";
import { machine } from "./machine.ts";
import { runRender } from "./render.ts";
import { runQuality } from "./search.ts";
import { loadTable, renderTable, writeReport } from "./report.ts";
import { saveResult } from "./result-files.ts";
import type { BenchResult } from "./results.ts";
import { ensureWrk } from "./wrk.ts";

const { values } = parseArgs({
  options: { rounds: { type: "string", default: "3" }, seconds: { type: "string", default: "4" } },
});
const root = join(import.meta.dirname, "..");
ensureWrk();
const started = performance.now();
const log = (s: string) => console.error(`bench: ${s}`);

log("render micro-benchmark");
const render = await runRender(root);
log(`load: ${values.rounds} rounds × ${values.seconds} s per variant`);
const load = await runLoad(root, Number(values.rounds), Number(values.seconds), log);
log("flood: 9,900 distinct 15 KB URLs, then as many on a 404 path");
const flood = await runFlood(root, log);
log("kv flood: 1,000 hostile requests, KV keys written");
const kvFlood = await runKvFlood(root, log);
log("search quality: the labelled query set");
const { quality } = await runQuality(root);
log(`search quality: recall@10 ${quality.recallAt10.toFixed(3)}, MRR ${quality.mrr.toFixed(3)}`);
const result: BenchResult = {
  machine: machine(root),
  render,
  load,
  flood,
  kvFlood,
  seconds: Math.round((performance.now() - started) / 1000),
};

await saveResult(root, "bench", result);
console.log(
  `## Load (req/s; ratio to LIMIT in the same round)\n\n${loadTable(load)}\n\n## Render cost (CPU per call)\n\n${renderTable(render)}`,
);
await writeReport(root);
log(`done in ${result.seconds} s; results in bench/results/bench.json and docs/performance.md`);
