/**
 * Runs an app the way the runtime does: real (local) KV from the test environment, an execution
 * context, and waiting for its waitUntil work, so KV writes are observable.
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { createApp, type AppOptions } from "../../src/app.ts";
import type { Env } from "../../src/env.ts";

export interface Harness {
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** KV keys this harness's render version wrote. */
  kvKeys(): Promise<string[]>;
  renderVersion: string;
  logs: Record<string, unknown>[];
}

/** A new app: a new isolate's memory tier. Pass another harness's renderVersion to share its KV keys. */
export function harness(
  options: Omit<AppOptions, "renderVersion" | "log">,
  bindings: Partial<Env> = {},
  renderVersion = `t${crypto.randomUUID().slice(0, 8)}`,
): Harness {
  const logs: Record<string, unknown>[] = [];
  const app = createApp({ ...options, renderVersion, log: (e) => logs.push(e) });
  const testEnv = { ...env, ...bindings } as Env;
  return {
    renderVersion,
    logs,
    async fetch(path, init) {
      const ctx = createExecutionContext();
      const res = await app.fetch(new Request(`https://test.local${path}`, init), testEnv, ctx);
      await waitOnExecutionContext(ctx);
      return res;
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
