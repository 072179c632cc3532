/**
 * Runs an app the way the runtime does: its content packed into a content store (the build's own
 * packer, served from memory instead of Static Assets), real (local) KV from the test
 * environment, an execution context, and waiting for its waitUntil work, so KV writes are
 * observable.
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { createApp, type AppOptions } from "../../src/app.ts";
import type { ContentModel } from "../../src/content/model.ts";
import type { StoreLayout } from "../../src/content/store/format.ts";
import { packStore } from "../../scripts/content/pack.ts";
import type { Env } from "../../src/env.ts";
import { feedItemBytes } from "../../src/render/feeds/index.ts";
import type { CronResult } from "../../src/scheduled/index.ts";

export interface Harness {
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** KV keys this harness's render version wrote. */
  kvKeys(): Promise<string[]>;
  renderVersion: string;
  logs: Record<string, unknown>[];
  /** The store's files (path → bytes): delete or replace one to simulate a broken deploy. */
  files: Map<string, Uint8Array>;
  /** Store paths read so far, in order. */
  reads: string[];
  /** Bytes the app holds across requests, per structure. */
  held(): { cache: number; memo: number; store: number };
  /** Runs the Cron Trigger's handler at `time` (ms), waiting for its work; `edge`: a fake ctx.cache (Workers Cache). */
  scheduled(time: number, edge?: CacheContext): Promise<CronResult>;
}

export interface HarnessOptions extends Omit<AppOptions, "renderVersion" | "log" | "manifest" | "read"> {
  content: ContentModel;
  /** The build's clock: articles dated later are scheduled (default: every dated article is). */
  builtAt?: number;
  /** The store's file layout (default: the build's). */
  layout?: StoreLayout;
}

/** A new app: a new isolate's memory tier. Pass another harness's renderVersion to share its KV keys. */
export function harness(
  { content, builtAt = -Infinity, layout, ...options }: HarnessOptions,
  bindings: Partial<Env> = {},
  renderVersion = `t${crypto.randomUUID().slice(0, 8)}`,
): Harness {
  const logs: Record<string, unknown>[] = [];
  const reads: string[] = [];
  const { manifest, files } = packStore(content, {
    preview: options.preview ?? false,
    builtAt,
    // As the build does (scripts/content/write.ts): feeds split their pages by these sizes.
    feedBytes: (a) => feedItemBytes(a, content.site),
    ...(layout ? { layout } : {}),
  });
  const read = async (path: string) => {
    reads.push(path);
    return files.get(path);
  };
  const app = createApp({ ...options, manifest, read, renderVersion, log: (e) => logs.push(e) });
  const testEnv = { ...env, ...bindings } as Env;
  return {
    renderVersion,
    logs,
    files,
    reads,
    held: () => app.held(),
    async fetch(path, init) {
      const ctx = createExecutionContext();
      const res = await app.fetch(new Request(`https://test.local${path}`, init), testEnv, ctx);
      await waitOnExecutionContext(ctx);
      return res;
    },
    async scheduled(time, edge) {
      const ctx = createExecutionContext();
      if (edge) Object.defineProperty(ctx, "cache", { value: edge });
      const result = await app.scheduled(time, testEnv, ctx);
      await waitOnExecutionContext(ctx);
      return result;
    },
    async kvKeys() {
      const { keys } = await env.RENDER_CACHE.list({ prefix: `render:${renderVersion}:` });
      return keys.map((k) => k.name);
    },
  };
}

export function tierOf(res: Response): string | undefined {
  return /cache;desc=(\w+)/.exec(res.headers.get("server-timing") ?? "")?.[1];
}
