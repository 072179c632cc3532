import type { Machine } from "./machine.ts";

export interface ScaleSize {
  count: number;
  buildSeconds: number;
  hugoSeconds?: number;
  bundleRaw: number;
  bundleGzip: number;
  startupMs: number;
  rssMiB?: number;
  /** Time of one request (ms, 1 ÷ req/s with one connection) on a memory-tier hit, per route. */
  requestMs: Record<string, number>;
}

export interface ScaleResult {
  machine: Machine;
  seconds: number;
  sizes: ScaleSize[];
  perArticleGzip: number;
  perArticleRaw: number;
  ceiling: { free: number; paid: number; raw: number };
  checkVerdict: string;
}
