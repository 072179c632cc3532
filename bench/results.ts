/**
 * The shapes of bench/results/*.json: what each runner writes and the report step
 * (bench/report.ts) reads. Types only, so that runners and the report depend on this file and
 * never on each other's code.
 *
 *   bench/results/bench.json        npm run bench (bench/run.ts)            BenchResult
 *   bench/results/search.json       npm run bench, or bench/search.ts --quality   SearchQualityResult
 *   bench/results/search-cost.json  node bench/search.ts <project>        SearchCostResult
 *   bench/results/scale.json        npm run bench:scale (bench/scale.ts)    ScaleResult
 *   bench/results/images.json       npm run bench:images (bench/images.ts)  ImagesResult
 */
import type { Quality } from "../support/search-quality.ts";

/** Every result file, by its name in bench/results/ (without .json). */
export interface ResultFiles {
  bench: BenchResult;
  search: SearchQualityResult;
  "search-cost": SearchCostResult;
  scale: ScaleResult;
  images: ImagesResult;
  import: ImportResult;
  edit: EditResult;
}

/** The machine and versions a result was measured with (bench/machine.ts). */
export interface Machine {
  date: string;
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  versions: Record<string, string>;
}

/** `npm run bench`: the render micro-benchmark, the load benchmark and the flood. */
export interface BenchResult {
  machine: Machine;
  render: RenderRow[];
  load: LoadResult;
  /** Absent in results written before the flood was measured. */
  flood?: FloodRow[];
  /** KV writes under hostile requests; absent in results written before it was measured. */
  kvFlood?: KvFloodRow[];
  seconds: number;
}

/** One pure renderer's CPU time per call (bench/render.ts). */
export interface RenderRow {
  name: string;
  bytes: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
}

/** One variant of one route under load (bench/load.ts): a figure per round. */
export interface LoadRow {
  route: string;
  variant: string;
  rps: number[];
  latencyMs: number[];
  ratio: number[];
  bytes: number;
}

export interface LoadResult {
  rounds: number;
  seconds: number;
  connections: number;
  rows: LoadRow[];
  wranglerDev?: { limitRps: number; miniflareLimitRps: number };
  bundle: { raw: number; gzip: number; codeGzip: number; summary: string };
  startupMs: { ours: number[]; limit: number[] };
}

/** A flood of distinct URLs on one path and workerd's memory around it (bench/flood.ts). */
export interface FloodRow {
  path: string;
  requests: number;
  rssBeforeMiB?: number;
  rssAfterMiB?: number;
}

/** KV keys written by 1,000 hostile requests (bench/flood.ts runKvFlood), without and with the isolate's write budget. */
export interface KvFloodRow {
  budget: "none" | "default";
  requests: number;
  kvWrites: number;
}

/** The search's quality on the labelled set (bench/search.ts, support/search-quality.ts). */
export interface SearchQualityResult {
  machine: Machine;
  quality: Quality;
}

/** A query's CPU time over one built store, measured alone (bench/search.ts <project>). */
export interface SearchCostResult {
  machine: Machine;
  articles: number;
  cost: SearchCost;
}

export interface SearchCost {
  /** Bytes and files of the index (x/ in the store). */
  indexBytes: number;
  indexFiles: number;
  /** Per query: matches, and CPU ms of one query cold and warm (mean of the repetitions). */
  queries: { q: string; total: number; coldMs: number; warmMs: number }[];
}

/** `npm run bench:scale`: the synthetic corpus at every size. */
export interface ScaleResult {
  machine: Machine;
  seconds: number;
  sizes: ScaleSize[];
  checkVerdict: string;
}

export interface ScaleSize {
  count: number;
  /** The content build (validate, compile, pack the store, write it), wall time. */
  buildSeconds: number;
  hugoSeconds?: number;
  /** The same build after one article's title changed, and the store files it rewrote. */
  rebuildSeconds: number;
  rebuildWritten: number;
  /** The worker script as deployed (`wrangler deploy --dry-run`), raw and gzip bytes. */
  scriptBytes: number;
  scriptGzip: number;
  /** Static Asset files (content store and media) and their bytes. */
  assetFiles: number;
  assetBytes: number;
  /** `wrangler check startup`'s profile window (the global scope), ms. */
  startupProfileMs: number;
  /** A fresh workerd's first answer (the article page), ms. */
  firstAnswerMs: number;
  /** The same for a worker answering a constant, with the same Static Assets: the local simulation's own start, ms. */
  baselineMs: number;
  /** Time of one request to that constant worker (ms): the local routing's own cost, the floor of every request time. */
  constantMs: number;
  /** workerd's resident memory after its first answer and after serving `distinct` distinct articles. */
  rssStartMiB?: number;
  rssAfterMiB?: number;
  distinct: number;
  /**
   * Time of one request (ms, 1 ÷ req/s with one connection; the median of rounds interleaved over
   * every size), by route in the order timed: memory-tier hit, and a full miss (render from the store).
   */
  hitMs: Record<string, number>;
  missMs: Record<string, number>;
  /** The paths timed for each route at this size. */
  paths: Record<string, string>;
  /** The search index's size and a query's CPU time over it (bench/search.ts). */
  search?: SearchCost;
}

/** `npm run bench:images`: an article's pictures as a phone loads them, and rebuilds of a photo archive. */
export interface ImagesResult {
  machine: Machine;
  page: {
    photos: number;
    size: string;
    sourceBytes: number[];
    firstBuildSeconds: number;
    rebuildSeconds: number;
    cacheBytes: number;
    view: {
      viewport: string;
      firstView: { url: string; bytes: number }[];
      afterScroll: { url: string; bytes: number }[];
      firstViewBytes: number;
      allBytes: number;
    };
    lighthouse?: {
      scores: Record<string, number>;
      lcpMs: number;
      fcpMs: number;
      cls: number;
      imageBytes: number;
      images: number;
    };
  };
  archive?: {
    photos: number;
    size: string;
    sourceBytes: number;
    generateSeconds: number;
    firstBuildSeconds: number;
    /** The median of `unchangedRuns`. */
    unchangedSeconds: number;
    unchangedRuns: number[];
    touchedSeconds: number;
    oneAddedSeconds: number;
    cache: { files: number; bytes: number };
    published: { files: number; bytes: number };
  };
  seconds: number;
}

/** One source of `npm run bench:import`: a synthetic old site imported, again, then built. */
export interface ImportRow {
  source: "mirror" | "wordpress";
  /** Articles in the synthetic old site (pages of a mirror, posts of an export). */
  items: number;
  /** Article files the import wrote. */
  articles: number;
  generateSeconds: number;
  dryRunSeconds: number;
  importSeconds: number;
  /** The same import again: nothing to write. */
  againSeconds: number;
  /** The content build of the imported archive (`npm run build`). */
  buildSeconds: number;
  /** The importer's own summary line. */
  summary: string;
}

/** `npm run bench:import`. */
export interface ImportResult {
  machine: Machine;
  seconds: number;
  rows: ImportRow[];
}

/** One archive size of `npm run bench:edit` (seconds; the list page in bytes too). */
export interface EditRow {
  articles: number;
  coldSeconds: number;
  nothingSeconds: number;
  oneTitleSeconds: number;
  /** Store files the rebuild after one title change wrote. */
  oneTitleWritten: number;
  listSeconds: number;
  listBytes: number;
  /** Entries the desk's first list answer holds. */
  listEntries: number;
  saveSeconds: number;
  /** From the save's answer until the page served shows the new title (`npm run dev`). */
  saveToPageSeconds: number;
  /** Hugo's full rebuild of the same corpus (absent without hugo). */
  hugoSeconds?: number;
}

/** `npm run bench:edit`. */
export interface EditResult {
  machine: Machine;
  seconds: number;
  rows: EditRow[];
}
