/**
 * The worker: the app over the content store the build wrote beside it (src/generated/content.ts
 * holds the store's manifest; everything that grows with the archive is a Static Asset under
 * /_store/, read through the ASSETS binding). The app is made on the first request, when the
 * environment's bindings are known, and kept for the isolate's life, with its in-memory caches.
 * A preview build's module has no manifest: the app's is then the store's manifest file, read
 * once an isolate (wrangler dev starts a new one after every content build, once the store's
 * files are written: scripts/content/generated.ts `writeContentModule`).
 */
import { createApp } from "./app.ts";
import { configure } from "./config.ts";
import { PREVIEW_MANIFEST, STORE_DIR, type ReadFile, type StoreManifest } from "./content/index.ts";
import type { Env } from "./env.ts";
import { manifest, RENDER_VERSION } from "./generated/content.ts";

type App = ReturnType<typeof createApp>;
let app: App | undefined;

/**
 * The isolate's app. A preview build's manifest is read by each request that finds no app yet
 * (none awaits another's read: workerd keeps each request's I/O its own); the first app made is
 * kept. A manifest that could not be read leaves no app, so the next request tries again.
 */
function appFor(env: Env): App | Promise<App> {
  if (app) return app;
  const read = assetReader(env.ASSETS);
  const make = (built: StoreManifest) =>
    (app ??= createApp({ ...configure(built, env), read, renderVersion: RENDER_VERSION }));
  const built = generated();
  return built ? make(built) : previewManifest(read).then(make);
}

export default {
  fetch(request: Request, env: Env, ctx: ExecutionContext): Response | Promise<Response> {
    const ready = appFor(env);
    return ready instanceof Promise ? ready.then((a) => a.fetch(request, env, ctx)) : ready.fetch(request, env, ctx);
  },
  /** Cron Trigger (wrangler.toml [triggers]): WebSub pings for scheduled articles that appeared. */
  scheduled(controller: ScheduledController, env: Env, ctx: ExecutionContext): void {
    ctx.waitUntil(Promise.resolve(appFor(env)).then((a) => a.scheduled(controller.scheduledTime, env, ctx)));
  },
} satisfies ExportedHandler<Env>;

/** The generated module's manifest: undefined in a preview build's (scripts/content/generated.ts). */
function generated(): StoreManifest | undefined {
  return manifest;
}

/** A preview build's manifest, from the store (format.ts `PREVIEW_MANIFEST`). */
async function previewManifest(read: ReadFile): Promise<StoreManifest> {
  const bytes = await read(PREVIEW_MANIFEST);
  if (!bytes)
    throw new Error(
      `The preview build's manifest (public/${STORE_DIR}/${PREVIEW_MANIFEST}) is missing: run \`npm run dev\` again.`,
    );
  return JSON.parse(new TextDecoder().decode(bytes)) as StoreManifest;
}

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
