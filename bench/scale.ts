/**
 * `npm run bench:scale [-- --sizes 100,10000,100000]`: the synthetic corpus (bench/corpus.ts) at
 * each size, built, bundled and served as deployed (the worker first, the content store as Static
 * Assets through the Miniflare API): content build and one-article rebuild beside Hugo building the
 * same Markdown; script size and asset files; startup (`wrangler check startup` and a fresh
 * workerd's first answer); workerd's memory after 10,000 distinct articles; the time of one
 * request on a memory hit and on a full miss for seven routes; the search index and a query's CPU time (bench/search.ts). Saves bench/results/scale.json and
 * regenerates docs/performance.md.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mkdtempSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import type { Miniflare } from "miniflare";
import { parseArgs, promisify } from "node:util";
import { bundleWorker, type Bundle } from "../scripts/wrangler/bundle.ts";
import { freePort } from "../scripts/wrangler/dev-server.ts";
import { localWorker } from "../scripts/wrangler/local-worker.ts";
import { slugFor } from "../support/corpus.ts";
import { buildProject, hasHugo, hugoBuild, hugoSite, NODE, scaleProject } from "./scale-project.ts";
import { machine } from "./machine.ts";
import { searchCost } from "./search.ts";
import { rssMiB, workerdPids } from "./process.ts";
import { writeReport } from "./report.ts";
import { saveResult } from "./result-files.ts";
import type { ScaleResult, ScaleSize } from "./results.ts";
import { median } from "./stats.ts";
import { ensureWrk, wrk } from "./wrk.ts";
import { wranglerCommand } from "../scripts/wrangler/bin.ts";

/**
 * The routes timed at every size, in the order the report shows them: what a reader, a feed reader
 * and an embedding site ask for.
 */
const SCALE_ROUTES = [
  "home",
  "deep category page",
  "article",
  "feed.xml",
  "feed.json",
  "API page",
  "API search",
] as const;

const { values } = parseArgs({ options: { sizes: { type: "string", default: "100,10000,100000" } } });
const root = join(import.meta.dirname, "..");
const sizes = values.sizes.split(",").map(Number);
ensureWrk();
const log = (s: string) => console.error(`bench:scale: ${s}`);
const run = promisify(execFile);
const started = performance.now();
const results: ScaleSize[] = [];
let checkVerdict = "";

interface Stage {
  count: number;
  dir: string;
  row: Omit<
    ScaleSize,
    "hitMs" | "missMs" | "rssStartMiB" | "rssAfterMiB" | "distinct" | "rebuildSeconds" | "rebuildWritten"
  >;
  urls: { hit: string; miss: string; constant: string };
  servers: Miniflare[];
  rss: () => number | undefined;
  build: () => Promise<{ seconds: number; written: number }>;
}

// 1. Every size: corpus, build, Hugo, bundle, startup; its servers stay up for the timings.
const stages: Stage[] = [];
for (const count of sizes) stages.push(await prepare(count));

// 2. Request times, interleaved (every size, route and variant, then all again), so the machine's
//    drift over minutes hits every size alike; the median of the rounds.
const ROUNDS = 3;
const times = new Map<string, number[]>();
for (let round = 1; round <= ROUNDS; round++) {
  for (const stage of stages) {
    const variants = [
      ["constant", stage.urls.constant, "/"],
      ...SCALE_ROUTES.flatMap((r) => [
        [`hit ${r}`, stage.urls.hit, stage.row.paths[r]!],
        [`miss ${r}`, stage.urls.miss, stage.row.paths[r]!],
      ]),
    ] as const;
    for (const [name, url, path] of variants) {
      const key = `${stage.count} ${name}`;
      times.set(key, [...(times.get(key) ?? []), 1000 / (await wrk(url + path, 2, {}, 1)).rps]);
    }
  }
  log(`timings: round ${round}/${ROUNDS} done`);
}

// 3. Memory after many distinct articles, the one-article rebuild, the check; then clean up.
for (const stage of stages) {
  const { count } = stage;
  const at = (name: string) => median(times.get(`${count} ${name}`)!);
  const hitMs = Object.fromEntries(SCALE_ROUTES.map((r) => [r, at(`hit ${r}`)]));
  const missMs = Object.fromEntries(SCALE_ROUTES.map((r) => [r, at(`miss ${r}`)]));
  const rssStartMiB = stage.rss();
  const distinct = Math.min(count, 10_000);
  await distinctArticles(stage.urls.hit, distinct);
  const rssAfterMiB = stage.rss();
  for (const server of stage.servers) await server.dispose();
  log(
    `${count}: constant ${at("constant").toFixed(2)} ms; RSS ${rssStartMiB?.toFixed(0)} → ${rssAfterMiB?.toFixed(0)} MiB ` +
      `after ${distinct} articles; hit ${JSON.stringify(hitMs)}; miss ${JSON.stringify(missMs)}`,
  );

  // One article changes: its title (which its lists carry too).
  const file = join(stage.dir, "content/articles", `${slugFor(Math.ceil(count / 2))}.md`);
  await writeFile(file, (await readFile(file, "utf8")).replace(/^title: (.*)$/m, "title: $1(修订)"));
  const again = await stage.build();
  log(`${count}: rebuild after one change ${again.seconds.toFixed(2)} s, ${again.written} files written`);
  results.push({
    ...stage.row,
    constantMs: at("constant"),
    hitMs,
    missMs,
    rssStartMiB,
    rssAfterMiB,
    distinct,
    rebuildSeconds: again.seconds,
    rebuildWritten: again.written,
  });

  if (count === sizes.at(-1)) {
    log(`${count}: npm run check`);
    try {
      const { stderr } = await run(
        NODE[0],
        [...NODE.slice(1), join(stage.dir, "scripts/check.ts"), "--root", stage.dir],
        {
          cwd: stage.dir,
          maxBuffer: 1 << 26,
        },
      );
      checkVerdict = stderr
        .split("\n")
        .filter((l) => /check: +(production|Static)|^check: \d+ error/.test(l))
        .map((l) => l.replace(/^check:\s+/, ""))
        .join(" / ");
    } catch (e) {
      checkVerdict = String((e as { stderr?: string }).stderr ?? e)
        .split("\n")
        .filter((l) => /over the|errors?,/.test(l))
        .slice(0, 3)
        .join(" / ")
        .trim();
    }
    log(checkVerdict);
  }
  await rm(stage.dir, { recursive: true, force: true });
}

/** A size: the corpus written and built, Hugo beside it, the bundle measured, its servers started. */
async function prepare(count: number): Promise<Stage> {
  const dir = await scaleProject(root, count, log);
  const build = () => buildProject(dir);
  const first = await build();
  log(`${count}: content build ${first.seconds.toFixed(2)} s`);
  const hugoSeconds = await hugo(dir, count);
  if (hugoSeconds !== undefined) log(`${count}: hugo ${hugoSeconds.toFixed(2)} s`);

  const search = await searchCost(dir);
  log(
    `${count}: search index ${(search.indexBytes / 2 ** 20).toFixed(1)} MiB in ${search.indexFiles} files; query CPU ` +
      search.queries.map((q) => `${q.q} ${q.coldMs.toFixed(2)}/${q.warmMs.toFixed(2)} ms`).join(", "),
  );

  const bundle = await bundleWorker(dir);
  const scriptGzip = await gzipOf(bundle);
  const assets = await assetStats(join(dir, "public"));
  const startupProfileMs = await startupProfile(dir);
  log(
    `${count}: script ${(bundle.bytes / 1024).toFixed(0)} KiB (${(scriptGzip / 1024).toFixed(0)} KiB gzip), ` +
      `${assets.files} asset files, startup profile ${startupProfileMs} ms`,
  );

  const middle = `/articles/${slugFor(Math.ceil(count / 2))}`;
  const baselineMs = await constantWithAssets(bundle);
  const before = workerdPids();
  const t1 = performance.now();
  const hit = localWorker(bundle, { port: await freePort() });
  const hitUrl = (await hit.ready).toString().replace(/\/$/, "");
  await (await fetch(hitUrl + middle)).arrayBuffer();
  const firstAnswerMs = performance.now() - t1;
  const pids = workerdPids().filter((p) => !before.includes(p));
  const miss = localWorker(bundle, {
    port: await freePort(),
    vars: { RENDER_CACHE_MEMORY_BYTES: "0" },
    withoutKv: true,
  });
  const constant = constantWorker(bundle, await freePort());
  const url = async (mf: Miniflare) => (await mf.ready).toString().replace(/\/$/, "");
  const urls = { hit: hitUrl, miss: await url(miss), constant: await url(constant) };
  log(
    `${count}: first answer ${firstAnswerMs.toFixed(0)} ms (a constant worker with the same assets: ${baselineMs.toFixed(0)} ms)`,
  );

  const pager = /第 1 \/ (\d+) 页/.exec(await (await fetch(hitUrl + "/categories/news")).text());
  const lastNewsPage = Number(pager?.[1] ?? 1);
  const apiPages = Math.max(1, Math.ceil(count / 20));
  const paths: Record<string, string> = {
    home: "/",
    "deep category page": lastNewsPage > 1 ? `/categories/news/page/${lastNewsPage}` : "/categories/news",
    article: middle,
    "feed.xml": "/feed.xml",
    "feed.json": "/feed.json",
    "API page": `/api/v1/articles?page=${Math.ceil(apiPages / 2)}&limit=20`,
    // Two common words of the corpus: matches most articles (a worst case for the index).
    "API search": `/api/v1/search?q=${encodeURIComponent("禅城 改革")}&limit=20`,
  };
  for (const path of Object.values(paths)) {
    for (const base of [urls.hit, urls.miss]) {
      const res = await fetch(base + path);
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${count}: ${path} answered ${res.status}`);
    }
  }
  return {
    count,
    dir,
    build,
    urls,
    servers: [hit, miss, constant],
    rss: () => rssMiB(pids),
    row: {
      count,
      buildSeconds: first.seconds,
      hugoSeconds,
      scriptBytes: bundle.bytes,
      scriptGzip,
      assetFiles: assets.files,
      assetBytes: assets.bytes,
      startupProfileMs,
      firstAnswerMs,
      baselineMs,
      constantMs: 0,
      paths,
      search,
    },
  };
}

const result: ScaleResult = {
  machine: machine(root),
  seconds: Math.round((performance.now() - started) / 1000),
  sizes: results,
  checkVerdict,
};
await saveResult(root, "scale", result);
await writeReport(root);
log(`done in ${result.seconds} s; bench/results/scale.json, docs/performance.md`);

/**
 * A fresh workerd's first answer for a worker that returns a constant, with the same Static Assets
 * routed the same way: what the local simulation itself spends on starting (Miniflare's asset
 * router indexes the asset directory), to set beside this worker's first answer.
 */
async function constantWithAssets(bundle: Bundle): Promise<number> {
  const t0 = performance.now();
  const mf = constantWorker(bundle, await freePort());
  try {
    const url = (await mf.ready).toString().replace(/\/$/, "");
    await (await fetch(url + "/")).arrayBuffer();
    return performance.now() - t0;
  } finally {
    await mf.dispose();
  }
}

/** A worker that answers every request with a constant, with `bundle`'s Static Assets routed the same way. */
function constantWorker(bundle: Bundle, port: number): Miniflare {
  const dir = mkdtempSync(join(tmpdir(), "bench-constant-"));
  writeFileSync(join(dir, "index.js"), `export default { fetch() { return new Response("ok"); } };\n`);
  return localWorker({ ...bundle, dir, main: join(dir, "index.js") }, { port, withoutKv: true });
}

/** Requests `n` distinct article pages (8 at a time), so the isolate renders and caches each. */
async function distinctArticles(url: string, n: number): Promise<void> {
  let next = 1;
  const worker = async () => {
    while (next <= n) {
      const i = next++;
      const res = await fetch(`${url}/articles/${slugFor(i)}`);
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`/articles/${slugFor(i)} answered ${res.status}`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

async function gzipOf(bundle: Bundle): Promise<number> {
  let gzip = 0;
  for (const name of await readdir(bundle.dir)) {
    if (!name.endsWith(".map") && name !== "README.md") gzip += gzipSync(await readFile(join(bundle.dir, name))).length;
  }
  return gzip;
}

async function assetStats(dir: string): Promise<{ files: number; bytes: number }> {
  const entries = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((d) => d.isFile());
  let bytes = 0;
  for (const d of entries) bytes += (await stat(join(d.parentPath, d.name))).size;
  return { files: entries.length, bytes };
}

/** `wrangler check startup`'s profile window for the project in `dir`, ms. */
async function startupProfile(dir: string): Promise<number> {
  const outfile = join(await mkdtemp(join(tmpdir(), "startup-")), "worker-startup.cpuprofile");
  const wrangler = wranglerCommand(["check", "startup", "--outfile", outfile]);
  const { stdout, stderr } = await run(wrangler.command, wrangler.args, {
    cwd: dir,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
    maxBuffer: 1 << 26,
  });
  return Number(/Profile window: ([\d.]+) ms/.exec(stdout + stderr)?.[1] ?? NaN);
}

/** Hugo (Debian's package) building the same articles to HTML, RSS and JSON; wall time in s. */
async function hugo(projectDir: string, count: number): Promise<number | undefined> {
  if (!hasHugo()) {
    log("hugo is not installed (apt-get install hugo): no peer timing");
    return undefined;
  }
  const site = await hugoSite(root, projectDir, count);
  const seconds = await hugoBuild(site);
  await rm(site, { recursive: true, force: true });
  return seconds;
}
