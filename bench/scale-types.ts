import type { Machine } from "./machine.ts";
import type { SearchCost } from "./search.ts";

/** The routes timed at every size: what a reader, a feed reader and an embedding site ask for. */
export const SCALE_ROUTES = [
  "home",
  "deep category page",
  "article",
  "feed.xml",
  "feed.json",
  "API page",
  "API search",
] as const;
export type ScaleRoute = (typeof SCALE_ROUTES)[number];

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
   * every size): memory-tier hit, and a full miss (render from the store).
   */
  hitMs: Record<string, number>;
  missMs: Record<string, number>;
  /** The paths timed for each route at this size. */
  paths: Record<string, string>;
  /** The search index's size and a query's CPU time over it (bench/search.ts). */
  search?: SearchCost;
}

export interface ScaleResult {
  machine: Machine;
  seconds: number;
  sizes: ScaleSize[];
  checkVerdict: string;
}

/** bench/images.ts: an article's pictures as a phone loads them, and rebuilds of a photo archive. */
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
