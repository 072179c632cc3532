/**
 * Runs a bundled worker in workerd through the Miniflare API (no wrangler dev proxy in front), with
 * a local KV namespace and its Static Assets (the content store) routed as wrangler.toml says
 * (the worker first), for `npm run warm`, the tests that run the deployed worker and the benchmarks.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";
import type { Bundle } from "./bundle.ts";

export interface LocalWorkerOptions {
  vars?: Record<string, string>;
  port?: number;
  /** The KV namespace id (wrangler's local storage is keyed by the id in wrangler.toml). */
  kvId?: string;
  /** No RENDER_CACHE binding at all (the worker then renders whatever its memory tier misses). */
  withoutKv?: boolean;
}

export function localWorker(bundle: Bundle, options: LocalWorkerOptions = {}): Miniflare {
  // The entry module first, then any Text modules (wrangler's default rule).
  const modules = [
    { type: "ESModule" as const, path: bundle.main },
    ...readdirSync(bundle.dir)
      .filter((f) => f.endsWith(".html"))
      .map((f) => ({ type: "Text" as const, path: join(bundle.dir, f) })),
  ];
  // Miniflare 5 (beta, what wrangler 4.16x ships) takes a new option shape; the documented
  // single-worker (v4) shape converts to it.
  return new Miniflare(
    convertV4MiniflareOptions({
      modules,
      modulesRoot: bundle.dir,
      compatibilityDate: "2026-11-01",
      kvNamespaces: options.withoutKv ? {} : { RENDER_CACHE: options.kvId ?? "render-cache" },
      bindings: options.vars ?? {},
      assets: {
        directory: bundle.assets,
        binding: "ASSETS",
        routerConfig: { has_user_worker: true, invoke_user_worker_ahead_of_assets: true },
      },
      ...(options.port ? { host: "127.0.0.1", port: options.port } : {}),
    }),
  );
}
