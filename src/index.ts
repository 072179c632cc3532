/**
 * The worker: the app over the content store the build wrote beside it (src/generated/content.ts
 * holds the store's manifest; everything that grows with the archive is a Static Asset under
 * /_store/, read through the ASSETS binding). The app is made on the first request, when the
 * environment's bindings are known, and kept for the isolate's life, with its in-memory caches.
 */
import { createApp } from "./app.ts";
import { configure } from "./config.ts";
import { STORE_DIR, type ReadFile } from "./content/index.ts";
import type { Env } from "./env.ts";
import { manifest, RENDER_VERSION } from "./generated/content.ts";

let app: ReturnType<typeof createApp> | undefined;

export default {
  fetch(request: Request, env: Env, ctx: ExecutionContext): Response | Promise<Response> {
    app ??= createApp({ ...configure(manifest, env), read: assetReader(env.ASSETS), renderVersion: RENDER_VERSION });
    return app.fetch(request, env, ctx);
  },
  /** Cron Trigger (wrangler.toml [triggers]): WebSub pings for scheduled articles that appeared. */
  scheduled(controller: ScheduledController, env: Env, ctx: ExecutionContext): void {
    app ??= createApp({ ...configure(manifest, env), read: assetReader(env.ASSETS), renderVersion: RENDER_VERSION });
    ctx.waitUntil(app.scheduled(controller.scheduledTime, env, ctx));
  },
} satisfies ExportedHandler<Env>;

/** A store file from Static Assets, or undefined when it is not there. */
function assetReader(assets: Fetcher): ReadFile {
  return async (path) => {
    const res = await assets.fetch(`https://assets.local/${STORE_DIR}/${path}`);
    if (!res.ok) {
      await res.body?.cancel();
      return undefined;
    }
    return new Uint8Array(await res.arrayBuffer());
  };
}
