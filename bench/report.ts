/**
 * The report step: turns bench/results/*.json into docs/performance.md and docs/bench-ratios.svg,
 * the only writer of either. `npm run bench:report` runs it alone (after editing this page's text,
 * say); every runner runs it after saving its result. It reads the results' files, never the
 * runners' code: its inputs are the types of bench/results.ts.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { editSection } from "./report-edit.ts";
import { importSection } from "./report-import.ts";
import { readResult, resultPath } from "./result-files.ts";
import type {
  BenchResult,
  ImagesResult,
  LoadResult,
  LoadRow,
  RenderRow,
  ScaleResult,
  ScaleSize,
  SearchCostResult,
  SearchQualityResult,
} from "./results.ts";
import { median } from "./stats.ts";

const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const range = (xs: number[], digits = 0) =>
  `${fmt(median(xs), digits)} (${fmt(Math.min(...xs), digits)}–${fmt(Math.max(...xs), digits)})`;
const kib = (n: number) => `${fmt(n / 1024, 1)} KiB`;
const mib = (n: number) => `${fmt(n / 1024 / 1024, 2)} MiB`;

export function loadTable(load: LoadResult): string {
  const head =
    "| route | variant | req/s median (min–max) | × LIMIT median (min–max) | mean latency ms | body |\n| --- | --- | --: | --: | --: | --: |";
  const rows = load.rows.map(
    (r) =>
      `| \`${r.route}\` | ${r.variant} | ${range(r.rps)} | ${range(r.ratio, 2)} | ${fmt(median(r.latencyMs), 1)} | ${r.bytes ? kib(r.bytes) : "—"} |`,
  );
  return [head, ...rows].join("\n");
}

export function renderTable(render: RenderRow[]): string {
  const head = "| renderer | output | CPU ms median (min–max) |\n| --- | --: | --: |";
  return [
    head,
    ...render.map(
      (r) => `| ${r.name} | ${kib(r.bytes)} | ${fmt(r.medianMs, 3)} (${fmt(r.minMs, 3)}–${fmt(r.maxMs, 3)}) |`,
    ),
  ].join("\n");
}

/** Horizontal bars of each variant's median ratio to LIMIT, one group per route. */
export function svgChart(rows: LoadRow[]): string {
  const barH = 16;
  const gap = 6;
  const left = 330;
  const width = 760;
  const scale = (width - left - 60) / Math.max(1.2, ...rows.map((r) => median(r.ratio)));
  const colors: Record<string, string> = {
    LIMIT: "#888",
    TWIN: "#555",
    STATIC: "#c4a000",
    "memory hit": "#2e7d32",
    "KV hit": "#1565c0",
    "miss (render)": "#c62828",
    "304": "#6a1b9a",
  };
  let y = 30;
  const parts: string[] = [];
  for (const r of rows) {
    const v = median(r.ratio);
    const w = Math.max(1, v * scale);
    parts.push(
      `<text x="${left - 8}" y="${y + 12}" text-anchor="end">${esc(r.route)} · ${esc(r.variant)}</text>`,
      `<rect x="${left}" y="${y}" width="${w.toFixed(1)}" height="${barH}" fill="${colors[r.variant] ?? "#555"}"/>`,
      `<text x="${(left + w + 6).toFixed(1)}" y="${y + 12}">${v.toFixed(2)}×</text>`,
    );
    y += barH + gap;
  }
  const one = left + scale;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y + 20}" font-family="sans-serif" font-size="12" role="img" aria-label="Requests per second relative to LIMIT">
<rect width="100%" height="100%" fill="#fff"/>
<text x="10" y="18" font-size="14" font-weight="bold">Requests per second, × LIMIT (median of rounds; higher is better)</text>
${parts.join("\n")}
<line x1="${one.toFixed(1)}" y1="26" x2="${one.toFixed(1)}" y2="${y}" stroke="#000" stroke-dasharray="4 3"/>
<text x="${(one + 4).toFixed(1)}" y="${y + 14}">1.0× LIMIT</text>
</svg>
`;
}

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
}

/** Writes docs/performance.md and docs/bench-ratios.svg from the results saved under `root`. */
export async function writeReport(root: string): Promise<void> {
  const bench = await readResult(root, "bench");
  if (!bench) throw new Error(`no ${resultPath(root, "bench")}: run \`npm run bench\` first`);
  // Results written before the content store (no miss timings) are not comparable: left out.
  const scale = await readResult(root, "scale");
  const current = scale?.sizes.every((s) => s.missMs !== undefined) ? scale : undefined;
  const search = await readResult(root, "search");
  const alone = await readResult(root, "search-cost");
  const images = await readResult(root, "images");
  const imports = await readResult(root, "import");
  const edits = await readResult(root, "edit");
  await writeFile(join(root, "docs/bench-ratios.svg"), svgChart(bench.load.rows));
  await writeFile(
    join(root, "docs/performance.md"),
    performanceMd(bench, current, alone, images) +
      searchSection(search, current, alone) +
      imagesSection(images) +
      importSection(imports) +
      editSection(edits),
  );
}

/** Pictures: an article's image bytes on a phone, and rebuilds of a photo archive (bench/images.ts). */
function imagesSection(result: ImagesResult | undefined): string {
  if (!result) return "\n## Pictures\n\nNot measured yet: run `npm run bench:images`.\n";
  const { page, archive } = result;
  const kb = (n: number) => `${fmt(n / 1000, 1)} KB`;
  const list = (items: { url: string; bytes: number }[]) =>
    items.map((i) => `\`${i.url.replace(/^\/media\//, "")}\` ${kb(i.bytes)}`).join(", ") || "none";
  const lh = page.lighthouse;
  const budget = 400_000;
  return `
## Pictures

Generated by \`npm run bench:images\` (${result.seconds} s on ${result.machine.date}). Photos are
bench/photos.ts's: a scene under 1/f noise, calibrated to weigh what phone photos do
(${page.size} at JPEG quality 92: ${page.sourceBytes.map((b) => `${fmt(b / 1e6, 1)} MB`).join(", ")}).

**An article with ${page.photos} photos** (\`wrangler dev\`, Chromium at ${page.view.viewport}, as a phone):

| | image bytes | budget 400 KB |
|---|---|---|
| first view (no scrolling) | ${kb(page.view.firstViewBytes)} | ${page.view.firstViewBytes <= budget ? "yes" : "**no**"} |
| after scrolling to the end | ${kb(page.view.allBytes)} | ${page.view.allBytes <= budget ? "yes" : "**no**"} |

- First view: ${list(page.view.firstView)}.
- After scrolling: ${list(page.view.afterScroll)}.
${
  lh
    ? `- Lighthouse 12 mobile (Moto G Power emulation, simulated slow 4G): ${Object.entries(lh.scores)
        .map(([k, v]) => `${k} ${fmt(v, 2)}`)
        .join(
          ", ",
        )}; first contentful paint ${fmt(lh.fcpMs / 1000, 1)} s, largest ${fmt(lh.lcpMs / 1000, 1)} s, layout shift ${fmt(lh.cls, 3)}; ${lh.images} images, ${kb(lh.imageBytes)}.`
    : "- Lighthouse: not run (../shared/tools/lighthouse.sh unavailable)."
}
- Build: the first, making the five photos' 45 files, ${fmt(page.firstBuildSeconds, 1)} s; the rebuild ${fmt(page.rebuildSeconds, 2)} s. Their cache: ${fmt(page.cacheBytes / 1e6, 1)} MB.
${
  archive
    ? `
**An archive of ${fmt(archive.photos)} photos** (${archive.size}, ${fmt(archive.sourceBytes / 2 ** 30, 2)} GiB, ten to an article), \`npm run build\` wall-clock:

| build | seconds |
|---|---|
| first (every photo made) | ${fmt(archive.firstBuildSeconds)} (${fmt(archive.firstBuildSeconds / archive.photos, 2)} per photo) |
| rebuild, nothing changed | ${fmt(archive.unchangedSeconds, 2)} (runs: ${archive.unchangedRuns.map((s) => fmt(s, 2)).join(", ")}) |
| rebuild after every photo is touched (a fresh checkout: every digest taken again) | ${fmt(archive.touchedSeconds, 1)} |
| rebuild after one photo is added | ${fmt(archive.oneAddedSeconds, 1)} |

Published: ${fmt(archive.published.files)} files, ${fmt(archive.published.bytes / 2 ** 20)} MiB; the image cache ${fmt(archive.cache.files)} files, ${fmt(archive.cache.bytes / 2 ** 20)} MiB.
`
    : ""
}`;
}

function targets(bench: BenchResult, scale?: ScaleResult, alone?: SearchCostResult, images?: ImagesResult): string {
  const row = (route: string, variant: string) =>
    bench.load.rows.find((r) => r.route.startsWith(route) && r.variant === variant)!;
  const article = "/articles/";
  const mem = median(row(article, "memory hit").ratio);
  const stat = median(row(article, "STATIC").ratio);
  const twinRow = bench.load.rows.find((r) => r.variant === "TWIN");
  const memRps = row(article, "memory hit").rps;
  const twin = twinRow ? median(memRps.map((rps, i) => rps / twinRow.rps[i]!)) : undefined;
  const lines: [string, string, boolean | undefined][] = [
    ...(twin !== undefined
      ? ([["memory hit ≥ 0.9× its constant twin (article page)", `${twin.toFixed(2)}×`, twin >= 0.9]] as [
          string,
          string,
          boolean,
        ][])
      : []),
    ["memory hit ≥ 0.95× LIMIT (article page)", `${mem.toFixed(2)}×`, mem >= 0.95],
    ["memory hit ≥ 1.0× STATIC (article page)", `${(mem / stat).toFixed(2)}× STATIC`, mem >= stat],
  ];
  for (const route of ["/articles/", "/feed.xml", "/feed.json", "/api/v1/articles"]) {
    const a = median(row(route, "304").rps);
    const b = median(row(route, "memory hit").rps);
    lines.push([`304 ≥ memory hit (\`${route}\`)`, `${fmt(a)} vs ${fmt(b)} req/s`, a >= b]);
  }
  const [flood, control] = bench.flood ?? [];
  if (flood?.rssAfterMiB !== undefined && flood.rssBeforeMiB !== undefined && control?.rssAfterMiB !== undefined) {
    // workerd's own memory grows with any flood (buffers, allocator); a 404 keeps nothing, so the
    // difference between the two floods is what this worker kept.
    const growth = flood.rssAfterMiB - flood.rssBeforeMiB;
    const base = control.rssAfterMiB - (control.rssBeforeMiB ?? control.rssAfterMiB);
    lines.push([
      `memory kept after ${fmt(flood.requests)} distinct 15 KB URLs of the article page, beyond the same flood on a 404 path, ≤ 48 MiB`,
      `${fmt(growth - base)} MiB (workerd ${fmt(flood.rssBeforeMiB)} → ${fmt(flood.rssAfterMiB)} MiB; on the 404 path +${fmt(base)} MiB)`,
      growth - base <= 48,
    ]);
  }
  const [unbounded, budgeted] = bench.kvFlood ?? [];
  if (unbounded && budgeted) {
    lines.push([
      `KV writes per 1,000 hostile requests (API filters, oEmbed sizes, searches, long slugs and tags) ≤ 30`,
      `${fmt((unbounded.kvWrites * 1000) / unbounded.requests)} without the isolate's write budget, ${fmt((budgeted.kvWrites * 1000) / budgeted.requests)} with the default budget`,
      unbounded.kvWrites * (1000 / unbounded.requests) <= 30,
    ]);
  }
  const r = (name: string) => bench.render.find((x) => x.name.startsWith(name))!;
  lines.push([
    "article page render < 1 ms CPU",
    `${fmt(r("article page").medianMs, 3)} ms`,
    r("article page").medianMs < 1,
  ]);
  lines.push(["RSS of 20 items < 2 ms", `${fmt(r("RSS").medianMs, 3)} ms`, r("RSS").medianMs < 2]);
  lines.push([
    "bundle without content < 100 KB gzip",
    kib(bench.load.bundle.codeGzip),
    bench.load.bundle.codeGzip < 100 * 1000,
  ]);
  if (scale && scale.sizes.length >= 2) {
    const first = scale.sizes[0]!;
    const last = scale.sizes.at(-1)!;
    const at = `at ${fmt(last.count)} vs ${fmt(first.count)}`;
    const within = (name: string, b: number, a: number, factor: number, unit: string, digits = 0) =>
      lines.push([
        `${name} ${at} within ${factor}×`,
        `${fmt(b, digits)} vs ${fmt(a, digits)} ${unit} (${(b / a).toFixed(2)}×)`,
        b <= a * factor,
      ]);
    within("script size", last.scriptBytes / 1024, first.scriptBytes / 1024, 1.2, "KiB", 1);
    within("startup (wrangler check startup)", last.startupProfileMs, first.startupProfileMs, 1.2, "ms", 1);
    within("startup (fresh workerd's first answer)", last.firstAnswerMs, first.firstAnswerMs, 1.2, "ms");
    // Locally, a fresh workerd's first answer is mostly Miniflare's asset router indexing the asset
    // directory: the constant worker with the same assets shows that part on its own.
    lines.push([
      `fresh workerd's first answer at ${fmt(last.count)} within 1.2× a constant worker's with the same assets`,
      `${fmt(last.firstAnswerMs)} vs ${fmt(last.baselineMs)} ms (${(last.firstAnswerMs / last.baselineMs).toFixed(2)}×)`,
      last.firstAnswerMs <= last.baselineMs * 1.2,
    ]);
    lines.push([
      `Static Asset files at ${fmt(last.count)} within the Free plan's 20,000`,
      fmt(last.assetFiles),
      last.assetFiles <= 20_000,
    ]);
    const timed = scaleRoutes(scale).filter((r) => first.hitMs[r] !== undefined && last.hitMs[r] !== undefined);
    for (const route of timed) {
      const a = first.hitMs[route]!;
      const b = last.hitMs[route]!;
      lines.push([
        `memory hit ${at} within 10% (${route})`,
        `${fmt(b, 2)} vs ${fmt(a, 2)} ms (${((b / a - 1) * 100).toFixed(0)}%)`,
        b <= a * 1.1,
      ]);
    }
    for (const route of timed) {
      const a = first.missMs[route]!;
      const b = last.missMs[route]!;
      lines.push([
        `full miss ${at} within 1.5× (${route})`,
        `${fmt(b, 2)} vs ${fmt(a, 2)} ms (${(b / a).toFixed(2)}×)`,
        b <= a * 1.5,
      ]);
    }
    // The search cost measured alone on a store of this size, when there is one: the figures of
    // bench:scale's own process (which also runs the other sizes' servers) are in the Search section.
    const searchAlone = alone?.articles === last.count ? alone.cost : undefined;
    for (const q of (searchAlone ?? last.search)?.queries ?? []) {
      lines.push([
        `search CPU at ${fmt(last.count)} within the Free plan's 10 ms (\`${q.q}\`, cold / warm${searchAlone ? ", measured alone" : ""})`,
        `${fmt(q.coldMs, 2)} / ${fmt(q.warmMs, 2)} ms`,
        q.coldMs <= 10,
      ]);
    }
    if (last.hugoSeconds !== undefined) {
      lines.push([
        `${fmt(last.count)}-article content build no slower than Hugo's`,
        `${fmt(last.buildSeconds, 1)} s vs Hugo ${fmt(last.hugoSeconds, 1)} s`,
        last.buildSeconds <= last.hugoSeconds,
      ]);
    }
  }
  if (images) {
    const { view, lighthouse } = images.page;
    lines.push([
      `an article's ${images.page.photos} photos at 375 px, DPR 2: at most 400 KB of images on first view`,
      `${fmt(view.firstViewBytes / 1000, 1)} KB (${fmt(view.allBytes / 1000, 1)} KB after scrolling to the end)`,
      view.firstViewBytes <= 400_000,
    ]);
    if (lighthouse) {
      const scores = Object.values(lighthouse.scores);
      lines.push([
        "that article: Lighthouse mobile ≥ 0.95 in every category",
        scores.map((v) => fmt(v, 2)).join(" / "),
        scores.every((v) => v >= 0.95),
      ]);
    }
    if (images.archive)
      lines.push([
        `rebuild with ${fmt(images.archive.photos)} unchanged photos in seconds (under 10 s)`,
        `${fmt(images.archive.unchangedSeconds, 2)} s`,
        images.archive.unchangedSeconds < 10,
      ]);
  }
  return [
    "| target | measured | met |",
    "| --- | --: | :-: |",
    ...lines.map(([t, m, ok]) => `| ${t} | ${m} | ${ok === undefined ? "—" : ok ? "yes" : "**no**"} |`),
  ].join("\n");
}

function performanceMd(
  bench: BenchResult,
  scale?: ScaleResult,
  alone?: SearchCostResult,
  images?: ImagesResult,
): string {
  const m = bench.machine;
  const dev = bench.load.wranglerDev;
  const startOurs = median(bench.load.startupMs.ours);
  const startLimit = median(bench.load.startupMs.limit);
  return `# Performance

Generated by \`npm run bench\` (load and render, ${bench.seconds} s on ${m.date}) and \`npm run bench:scale\`
(corpus sizes and Hugo${scale ? `, ${scale.seconds} s on ${scale.machine.date}` : ", not run yet"}) and \`npm run bench:images\`
(pictures${images ? `, ${images.seconds} s on ${images.machine.date}` : ", not run yet"}) — rerun them to refresh this page;
the raw numbers are in \`bench/results/\`.

Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB; Node ${m.node}; ${Object.entries(m.versions)
    .map(([k, v]) => `${k} ${v}`)
    .join(", ")}.

## Targets

${targets(bench, scale, alone, images)}

## Method

Every variant runs in its own workerd, started the same way through the **Miniflare API** (not
\`wrangler dev\`, whose proxy worker costs ${dev ? `${fmt(dev.miniflareLimitRps / dev.limitRps, 1)}× throughput here: LIMIT served ${fmt(dev.limitRps)} req/s under \`wrangler dev\` and ${fmt(dev.miniflareLimitRps)} req/s through Miniflare` : "a lot"}).
wrk drives each for ${bench.load.seconds} s with ${bench.load.connections} connections on 127.0.0.1; the
variants run interleaved (all of them, then all again) for ${bench.load.rounds} rounds, and each variant's
ratio is to LIMIT **of the same round**. Variants:

- **LIMIT**: a worker returning a constant string of the article page's size (the ceiling for any worker); like TWIN and this worker's variants it runs with the project's Static Assets behind Miniflare's asset router, the worker first (the routing \`run_worker_first\` gives), so every ratio carries the same local routing cost;
- **TWIN**: a worker returning the article page's memory-hit response as constants: the same bytes and the same headers (what any worker must spend to send that response; the "memory hit ≥ 0.9× its twin" target is the median of per-round ratios);
- **STATIC**: Workers Static Assets serving the pre-rendered bytes of the article page (no worker code);
- **memory hit**: this worker as deployed, after one request (the route memo answers from the in-isolate tier);
- **KV hit**: the memory tier disabled (\`RENDER_CACHE_MEMORY_BYTES=0\`), every request read from local KV;
- **miss (render)**: memory tier disabled and no KV binding: every request renders;
- **304**: a memory hit revalidated with \`If-None-Match\`.

Local KV and local Static Assets are simulations (SQLite and files behind extra workers), much
slower than Cloudflare's edge: KV and STATIC rows measure the simulation, not production.

### Workers Cache: what is and is not measured here

In staging and production, Workers Cache sits in front of the worker (\`wrangler.toml\`
\`[env.*.cache]\`): a repeat the edge holds is answered without running the worker at all. Local
development does not simulate it, so nothing on this page measures it: the rows above are what
the worker costs when it does run (a memory hit, a KV hit, a render). What Workers Cache saves, the
worker invocations it avoids and the latency of an edge hit, can only be read on a real
deployment (the Workers analytics: requests against the zone's cached responses). Cloudflare's
Workers Cache documentation describes the behaviour (a cached response served before the worker
is invoked, revalidated with the worker's ETags, purged by \`Cache-Tag\`) but publishes no figure
for an edge hit's latency or for requests avoided, so none is quoted here. What the tests check
instead is that the edge is told the right things: each route family's \`CDN-Cache-Control\` and
\`Cache-Tag\`, and the exact tags the cron purges (\`test/worker/edge-cache.test.ts\`).

![ratios to LIMIT](bench-ratios.svg)

## Load

${loadTable(bench.load)}

## Render cost

CPU time per call of the pure renderers in V8 (Node, the engine workerd embeds), median of 15
batches of 200 calls after warm-up. Lists and feeds hold 20 copies of the seed article (synthetic).

${renderTable(bench.render)}

## Bundle and startup

- Upload (\`wrangler deploy --dry-run\`): ${bench.load.bundle.summary.replace("Total Upload: ", "")}; measured here ${mib(bench.load.bundle.raw)} raw, ${kib(bench.load.bundle.gzip)} gzip, of which the code (\`index.js\`, with the article metadata) is ${kib(bench.load.bundle.codeGzip)} gzip.
- A fresh workerd answering its first request: ${fmt(startOurs)} ms for this worker vs ${fmt(startLimit)} ms for LIMIT (median of ${bench.load.startupMs.ours.length}); the difference, ${fmt(startOurs - startLimit)} ms, is this worker's startup and first render.

${scale ? scaleSection(scale) : "## Scale\n\nNot measured yet: run `npm run bench:scale`.\n"}`;
}

/** Search: quality on the labelled set, and the index and a query's CPU at every corpus size. */
function searchSection(result: SearchQualityResult | undefined, scale?: ScaleResult, alone?: SearchCostResult): string {
  const quality = result
    ? (() => {
        const q = result.quality;
        const rows = Object.entries(q.byKind).map(
          ([kind, k]) => `| ${kind} | ${k.queries} | ${fmt(k.recallAt10, 3)} | ${fmt(k.mrr, 3)} |`,
        );
        return `Labelled set: ${q.queries} queries (\`test/fixtures/search/queries.json\`) over a test corpus of 16
articles (\`test/fixtures/search/content/\`, one a draft and one scheduled for 2099) and the seed,
searched as the API searches (run in Node on ${result.machine.date}; \`npm test\` runs the same set in
workerd and asserts recall@10 ≥ 0.95 and MRR ≥ 0.9). Recall@10 is the share of an answerable query's
relevant articles in its first 10 results; MRR the mean of 1 ÷ the rank of the first relevant one.
The set was written alongside the engine: a perfect score says these kinds of query work as
designed on this corpus, not that every reader's query will.

| kind | queries | recall@10 | MRR |
| --- | --: | --: | --: |
${rows.join("\n")}
| **all answerable** | ${q.queries - q.noAnswer.total} | **${fmt(q.recallAt10, 3)}** | **${fmt(q.mrr, 3)}** |

Queries with no answer (including the draft's and the scheduled article's own words): ${q.noAnswer.passed} of ${q.noAnswer.total} found nothing.${
          q.misses.length ? ` Misses: ${q.misses.map((m) => `\`${m.q}\``).join(", ")}.` : ""
        }
`;
      })()
    : "Not measured yet: run `npm run bench` (or `node --experimental-strip-types bench/search.ts --quality`).\n";
  const sized = scale?.sizes.filter((s) => s.search) ?? [];
  const cost = sized.length
    ? (() => {
        const cols = sized.map((s) => fmt(s.count));
        const row = (name: string, cell: (s: ScaleSize) => string) => `| ${name} | ${sized.map(cell).join(" | ")} |`;
        const queries = sized[0]!.search!.queries.map((q) => q.q);
        return `
The index at each size of \`npm run bench:scale\`'s synthetic corpus, and the CPU time of one query
(parse, rank, read the page's 20 results and cut their snippets) in V8 with the store's files
already in memory: **cold** parses every index shard the query reads (a fresh isolate), **warm**
finds them parsed. The synthetic articles are recombined from the seed's sentences, so common words
are in most of them: a worst case for an inverted index (a real archive's words are rarer). The
request time of \`API search\` (memory hit and full miss) is in the Scale table above. These CPU
figures come from bench:scale's own process, which also runs the other sizes' servers, and were
noisy (the same query took 2.7 ms at 100 articles and 3.1 ms at 10,000); the run alone below is the
one to read.

| articles | ${cols.join(" | ")} |
| --- | ${cols.map(() => "--:").join(" | ")} |
${row("index size (files)", (s) => `${mib(s.search!.indexBytes)} (${fmt(s.search!.indexFiles)})`)}
${row("index bytes per article", (s) => `${fmt(s.search!.indexBytes / s.count)} B`)}
${queries
  .map((q, i) =>
    row(
      `query \`${q}\`: matches; CPU cold / warm`,
      (s) =>
        `${fmt(s.search!.queries[i]!.total)}; ${fmt(s.search!.queries[i]!.coldMs, 2)} / ${fmt(s.search!.queries[i]!.warmMs, 2)} ms`,
    ),
  )
  .join("\n")}
`;
      })()
    : "";
  const quiet = alone
    ? `
Measured alone (\`node bench/search.ts <project>\`, ${alone.machine.date}, nothing else running) on a
${fmt(alone.articles)}-article synthetic store, after every query ran twice (files in memory, code
compiled); ${alone.machine.cpu}:

| query | matches | CPU cold | CPU warm |
| --- | --: | --: | --: |
${alone.cost.queries.map((q) => `| \`${q.q}\` | ${fmt(q.total)} | ${fmt(q.coldMs, 2)} ms | ${fmt(q.warmMs, 2)} ms |`).join("\n")}
`
    : "";
  return `
## Search

${quality}${cost}${quiet}`;
}

/** The routes bench:scale timed, in the order it timed them (its hitMs keys, at any size). */
function scaleRoutes(scale: ScaleResult): string[] {
  return [...new Set(scale.sizes.flatMap((s) => Object.keys(s.hitMs)))];
}

function scaleSection(scale: ScaleResult): string {
  const last = scale.sizes.at(-1)!;
  const mb = (n?: number) => (n === undefined ? "—" : `${fmt(n)} MiB`);
  const cols = scale.sizes.map((s) => fmt(s.count));
  const row = (name: string, cell: (s: ScaleSize) => string) => `| ${name} | ${scale.sizes.map(cell).join(" | ")} |`;
  const table = [
    `| articles | ${cols.join(" | ")} |`,
    `| --- | ${cols.map(() => "--:").join(" | ")} |`,
    row("worker script (raw / gzip)", (s) => `${kib(s.scriptBytes)} / ${kib(s.scriptGzip)}`),
    row("Static Asset files (bytes)", (s) => `${fmt(s.assetFiles)} (${mib(s.assetBytes)})`),
    row("startup: `wrangler check startup`", (s) => `${fmt(s.startupProfileMs, 1)} ms`),
    row("startup: fresh workerd's first answer", (s) => `${fmt(s.firstAnswerMs)} ms`),
    row("… a constant worker with the same assets (the simulation's start)", (s) => `${fmt(s.baselineMs)} ms`),
    row("one request to that constant worker (the local routing's floor)", (s) => `${fmt(s.constantMs, 2)} ms`),
    row(
      "workerd memory after first answer → after N distinct articles",
      (s) => `${mb(s.rssStartMiB)} → ${mb(s.rssAfterMiB)} (N = ${fmt(s.distinct)})`,
    ),
    ...scaleRoutes(scale).map((r) =>
      row(`memory hit: ${r}`, (s) => (s.hitMs[r] === undefined ? "—" : `${fmt(s.hitMs[r], 2)} ms`)),
    ),
    ...scaleRoutes(scale).map((r) =>
      row(`full miss: ${r}`, (s) => (s.missMs[r] === undefined ? "—" : `${fmt(s.missMs[r], 2)} ms`)),
    ),
    row("content build", (s) => `${fmt(s.buildSeconds, 1)} s`),
    row("Hugo, same corpus", (s) => (s.hugoSeconds === undefined ? "—" : `${fmt(s.hugoSeconds, 1)} s`)),
    row(
      "rebuild after one article changes (files written)",
      (s) => `${fmt(s.rebuildSeconds, 1)} s (${fmt(s.rebuildWritten)})`,
    ),
  ].join("\n");
  return `## Scale

A synthetic corpus (\`support/corpus.ts\`: 【合成】 titles, ~3,200 characters each, recombined from the
seed's sentences) of each size, built, bundled and served as deployed: the worker runs first, the
content store is Static Assets read through the \`ASSETS\` binding (Miniflare's asset router in
front, as for every local variant). Request times are 1 ÷ requests per second of wrk with one
connection, 2 seconds each, in three rounds interleaved over every size, route and variant (so the
machine's drift hits every size alike; the median of the rounds): a **memory hit** is the worker as deployed after
one request; a **full miss** has the memory tier off and no KV, so every request renders from the
store. Paths at the largest size: ${Object.entries(last.paths)
    .map(([k, v]) => `${k} \`${v}\``)
    .join(", ")}. Memory is workerd's resident set (the process, not only the isolate) after its
first answer and after ${fmt(last.distinct)} distinct article pages. Hugo ${scale.machine.versions.hugo} builds the same
Markdown to HTML, RSS and JSON (\`bench/hugo/\`).

${table}

\`npm run check\` at ${fmt(last.count)} articles: ${scale.checkVerdict || "—"}.
`;
}

if (import.meta.main) {
  try {
    await writeReport(join(import.meta.dirname, ".."));
    console.error("bench:report: docs/performance.md and docs/bench-ratios.svg written from bench/results/*.json");
  } catch (e) {
    console.error(`bench:report: ${(e as Error).message}`);
    process.exitCode = 1;
  }
}
