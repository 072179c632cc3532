/**
 * `npm run bench:scale [-- --sizes 100,1000,10000]`: the synthetic corpus (bench/corpus.ts) at each
 * size — content build time, bundle size, startup, workerd memory and per-request time of the home
 * page, a category page, an article and the feeds — beside Hugo building the same Markdown.
 * Saves bench/results/scale.json and regenerates docs/performance.md.
 */
import { execFile, execFileSync } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs, promisify } from "node:util";
import { bundleWorker } from "../scripts/lib/bundle.ts";
import { freePort } from "../scripts/lib/dev-server.ts";
import { localWorker } from "../scripts/lib/local-worker.ts";
import { LIMITS } from "../scripts/check-limits.ts";
import { slugFor, writeCorpus } from "./corpus.ts";
import { bundleSizes } from "./load.ts";
import { machine } from "./machine.ts";
import { writeReport } from "./report.ts";
import type { ScaleResult, ScaleSize } from "./scale-types.ts";
import { median, wrk } from "./wrk.ts";

const { values } = parseArgs({ options: { sizes: { type: "string", default: "100,1000,10000" } } });
const root = join(import.meta.dirname, "..");
const sizes = values.sizes.split(",").map(Number);
const log = (s: string) => console.error(`bench:scale: ${s}`);
const started = performance.now();
const results: ScaleSize[] = [];
let checkVerdict = "";

for (const count of sizes) {
  const dir = await mkdtemp(join(tmpdir(), `scale-${count}-`));
  for (const entry of ["src", "scripts", "wrangler.toml", "package.json", "tsconfig.json", "tsconfig.node.json"]) {
    await cp(join(root, entry), join(dir, entry), { recursive: true, filter: (p) => !p.includes("src/generated") });
  }
  await symlink(join(root, "node_modules"), join(dir, "node_modules"));
  await mkdir(join(dir, "content/media"), { recursive: true });
  await cp(join(root, "content/site.yaml"), join(dir, "content/site.yaml"));
  log(`${count}: writing the corpus`);
  await writeCorpus(join(dir, "content"), count);

  const t0 = performance.now();
  await promisify(execFile)(
    process.execPath,
    ["--experimental-strip-types", join(dir, "scripts/build-content.ts"), "--root", dir],
    { maxBuffer: 1 << 26 },
  );
  const buildSeconds = (performance.now() - t0) / 1000;
  log(`${count}: content build ${buildSeconds.toFixed(2)} s`);

  const hugoSeconds = await hugo(dir, count);
  if (hugoSeconds !== undefined) log(`${count}: hugo ${hugoSeconds.toFixed(2)} s`);

  const bundle = await bundleWorker(dir);
  const size = await bundleSizes(bundle);
  log(`${count}: bundle ${(size.raw / 2 ** 20).toFixed(1)} MiB raw, ${(size.gzip / 2 ** 20).toFixed(1)} MiB gzip`);

  const before = workerdPids();
  const t1 = performance.now();
  const mf = localWorker(bundle, { port: await freePort() });
  const url = (await mf.ready).toString().replace(/\/$/, "");
  const middle = `/articles/${slugFor(Math.ceil(count / 2))}`;
  const first = await fetch(url + middle);
  await first.arrayBuffer();
  const startupMs = performance.now() - t1;
  const routes: Record<string, string> = {
    home: "/",
    category: "/categories/news",
    article: middle,
    "feed.xml": "/feed.xml",
    "feed.json": "/feed.json",
  };
  const requestMs: Record<string, number> = {};
  try {
    for (const [name, path] of Object.entries(routes)) {
      const res = await fetch(url + path);
      if (res.status !== 200) throw new Error(`${count}: ${path} answered ${res.status}`);
      await res.arrayBuffer();
      // One connection, so 1/throughput is the time of one request; median of three short runs.
      // (wrk's mean latency is dominated by rare stalls of the local stack and is not used.)
      const runs = [];
      for (let i = 0; i < 3; i++) runs.push(1000 / (await wrk(url + path, 2, {}, 1)).rps);
      requestMs[name] = median(runs);
    }
    const pids = workerdPids().filter((p) => !before.includes(p));
    const rssMiB = pids.length ? pids.reduce((sum, pid) => sum + rss(pid), 0) / 1024 : undefined;
    log(
      `${count}: startup ${startupMs.toFixed(0)} ms, workerd RSS ${rssMiB?.toFixed(0)} MiB, ${JSON.stringify(requestMs)}`,
    );
    results.push({
      count,
      buildSeconds,
      hugoSeconds,
      bundleRaw: size.raw,
      bundleGzip: size.gzip,
      startupMs,
      rssMiB,
      requestMs,
    });
  } finally {
    await mf.dispose();
  }

  if (count === sizes.at(-1)) {
    log(`${count}: npm run check`);
    try {
      await promisify(execFile)(
        process.execPath,
        ["--experimental-strip-types", join(dir, "scripts/check.ts"), "--root", dir],
        { cwd: dir, maxBuffer: 1 << 26 },
      );
      checkVerdict = "check: 0 errors (within the limits)";
    } catch (e) {
      const out = String((e as { stderr?: string }).stderr ?? "");
      checkVerdict = out
        .split("\n")
        .filter((l) => /over the Workers|errors?,/.test(l))
        .slice(0, 2)
        .join(" / ")
        .trim();
    }
    log(checkVerdict);
  }
  await rm(dir, { recursive: true, force: true });
}

// Per-article growth of the upload, from the smallest and largest corpus.
const a = results[0]!;
const b = results.at(-1)!;
const perArticleGzip = (b.bundleGzip - a.bundleGzip) / (b.count - a.count);
const perArticleRaw = (b.bundleRaw - a.bundleRaw) / (b.count - a.count);
const base = a.bundleGzip - perArticleGzip * a.count;
const baseRaw = a.bundleRaw - perArticleRaw * a.count;
const result: ScaleResult = {
  machine: machine(root),
  seconds: Math.round((performance.now() - started) / 1000),
  sizes: results,
  perArticleGzip,
  perArticleRaw,
  ceiling: {
    free: Math.floor((LIMITS.freeGzip - base) / perArticleGzip),
    paid: Math.floor((LIMITS.paidGzip - base) / perArticleGzip),
    raw: Math.floor((64 * 2 ** 20 - baseRaw) / perArticleRaw),
  },
  checkVerdict,
};
await writeFile(join(root, "bench/results/scale.json"), `${JSON.stringify(result, null, 2)}\n`);
await writeReport(root);
log(`done in ${result.seconds} s; bench/results/scale.json, docs/performance.md`);

/** Hugo (Debian's package) building the same articles to HTML, RSS and JSON; wall time in s. */
async function hugo(projectDir: string, count: number): Promise<number | undefined> {
  try {
    execFileSync("hugo", ["version"], { stdio: "ignore" });
  } catch {
    log("hugo is not installed (apt-get install hugo): no peer timing");
    return undefined;
  }
  const site = await mkdtemp(join(tmpdir(), `hugo-${count}-`));
  await cp(join(root, "bench/hugo"), site, { recursive: true });
  await mkdir(join(site, "content/articles"), { recursive: true });
  const articles = join(projectDir, "content/articles");
  for (const name of await readdir(articles)) {
    // Hugo wants seconds and a zone in dates; everything else is the same Markdown.
    const text = (await readFile(join(articles, name), "utf8")).replace(
      /^date: (\S+T\d\d:\d\d)$/m,
      "date: $1:00+08:00",
    );
    await writeFile(join(site, "content/articles", name), text);
  }
  const t0 = performance.now();
  await promisify(execFile)("hugo", ["--quiet", "--source", site, "--destination", join(site, "public")], {
    maxBuffer: 1 << 26,
  });
  const seconds = (performance.now() - t0) / 1000;
  await rm(site, { recursive: true, force: true });
  return seconds;
}

function workerdPids(): number[] {
  try {
    return execFileSync("pgrep", ["-f", "workerd serve"], { encoding: "utf8" }).split("\n").filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function rss(pid: number): number {
  try {
    const status = execFileSync("cat", [`/proc/${pid}/status`], { encoding: "utf8" });
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  } catch {
    return 0;
  }
}
