/**
 * The application: routes mounted on one Hono app, errors handled in one place, and the serving
 * pipeline's fast path in front of the router. Content, clock and cache settings are injected
 * (src/index.ts wires the generated content; tests pass their own).
 */
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { RenderCache, type CacheLog, type CacheOptions } from "./cache/index.ts";
import { systemClock, type Clock } from "./clock.ts";
import { openContent, paths, url, type ReadFile, type StoreManifest } from "./content/index.ts";
import type { AppEnv } from "./env.ts";
import { canonicalPaths, policyOfPath, plainResponse, readOnlyMethods, redirect } from "./http/index.ts";
import { indexingConfig } from "./outbound/indexing.ts";
import { MIME } from "./mime.ts";
import { renderBadRequest, renderNotFound } from "./render/index.ts";
import { apiRoutes } from "./routes/api.ts";
import { articleRoutes } from "./routes/articles.ts";
import { assetRoutes } from "./routes/assets.ts";
import type { RouteContext } from "./routes/context.ts";
import { crawlerRoutes } from "./routes/crawlers.ts";
import { embedRoutes } from "./routes/embed.ts";
import { feedRoutes } from "./routes/feeds.ts";
import { mediaRoutes } from "./routes/media.ts";
import { pageRoutes } from "./routes/pages.ts";
import { searchRoutes } from "./routes/search.ts";
import { injectReload, previewRoutes, RELOAD_SCRIPT } from "./routes/preview.ts";
import type { Asset } from "./content/assets.ts";
import { createServing } from "./serving/index.ts";
import { runCron, type CronResult } from "./scheduled/index.ts";

/**
 * The memory budget of the per-isolate structures (Workers give an isolate 128 MB, shared with the
 * runtime and the requests in flight): memory tier 32 MiB by default, KV keys written ≤ 10,000,
 * route memo 4 MiB, store files 4 MiB.
 */
export const MEMORY_BUDGET = 48 * 1024 * 1024;

export interface AppOptions {
  /** The build's manifest of the content store (src/generated/content.ts). */
  manifest: StoreManifest;
  /** Reads a file of the content store: the ASSETS binding in the worker, a map in tests. */
  read: ReadFile;
  /** Hash of the rendering code; part of every cache key. */
  renderVersion?: string;
  clock?: Clock;
  cache?: Partial<CacheOptions>;
  log?: CacheLog;
  /** Local preview: drafts and scheduled articles visible and marked, pages live-reload. */
  preview?: boolean;
  /** The preview's reload script (default: the preview build's; tests give one to any build). */
  previewScript?: Asset;
  /** The fetch WebSub publish requests go through (a fake hub in tests). */
  hubFetch?: typeof fetch;
  /** The fetch the announcements to IndexNow and Baidu go through (fake engines in tests). */
  engineFetch?: typeof fetch;
}

export function createApp({
  manifest,
  read,
  renderVersion = "dev",
  clock = systemClock,
  cache,
  log,
  preview = false,
  previewScript = RELOAD_SCRIPT,
  hubFetch = (input, init) => fetch(input, init),
  engineFetch = (input, init) => fetch(input, init),
}: AppOptions) {
  const content = openContent(manifest, read, { preview, ...(log ? { log } : {}) });
  // Preview renders differ (drafts, marks): they never share keys with real ones.
  const version = preview ? `${renderVersion}-preview` : renderVersion;
  const renderCache = new RenderCache(cache, log);
  const { serve, serveFromMemo, memoBytes } = createServing({
    content,
    clock,
    cache: renderCache,
    renderVersion: version,
    // No shortcut in preview: its pages are rewritten after the cache (live reload).
    memo: !preview,
  });
  const routes: RouteContext = { content, serve };
  const site = manifest.site;
  const app = new Hono<AppEnv>();

  // One instant a request: every route reads what is published, and dates its answer, at `c.var.now`.
  app.use(async (c, next) => {
    c.set("now", clock());
    await next();
  });
  app.use(readOnlyMethods());
  app.use(canonicalPaths());
  // WordPress's old addresses are the home page with a query (`/?p=123`, content/aliases.ts): the
  // home route would answer them, so a query alias on `/` is looked up first. Only a request to
  // `/` with a query pays for it; the plain home page costs nothing more.
  app.use("/", async (c, next) => {
    if (c.req.url.includes("?") && (c.req.method === "GET" || c.req.method === "HEAD")) {
      const slug = await content.alias("/", new URL(c.req.url).search);
      if (slug && (await content.article(slug, c.var.now))) return redirect(paths.article(slug));
    }
    return next();
  });
  if (preview) {
    app.use(injectReload(previewScript));
    app.route("/", previewRoutes(`${version}:${manifest.version}`, previewScript));
  }
  app.route("/", apiRoutes(routes));
  app.route("/", pageRoutes(routes));
  app.route("/", searchRoutes(routes));
  app.route("/", articleRoutes(routes));
  app.route("/", feedRoutes(routes));
  app.route("/", crawlerRoutes(routes));
  app.route("/", embedRoutes(routes));
  app.route("/", assetRoutes(routes));
  app.route("/", mediaRoutes());

  const page = (body: string, status: 400 | 404) => plainResponse("page", status, body, MIME.html);

  // An old URL of an imported article (front matter `aliases:`) answers 301 to the article, when
  // the article is visible; any other unknown path is the 404 page.
  app.notFound(async (c) => {
    if (c.req.method === "GET" || c.req.method === "HEAD") {
      const url = new URL(c.req.url);
      const slug = await content.alias(url.pathname, url.search);
      if (slug && (await content.article(slug, c.var.now))) return redirect(paths.article(slug));
    }
    return page(renderNotFound(decodePath(c.req.path), site), 404);
  });

  app.onError((err, c) => {
    // A route that chose its own error body (feeds, API) passes it in the exception.
    if (err instanceof HTTPException && err.res) return err.res;
    if (err instanceof HTTPException && err.status === 404)
      return page(renderNotFound(decodePath(c.req.path), site), 404);
    if (err instanceof HTTPException && err.status === 400) return page(renderBadRequest(err.message, site), 400);
    console.error(
      JSON.stringify({ level: "error", msg: "unhandled", path: c.req.path, error: String(err?.stack ?? err) }),
    );
    return plainResponse(policyOfPath(c.req.path), 500, "Internal Server Error\n", MIME.text, "no-store");
  });

  const route = app.fetch;
  return {
    /** The worker's fetch: the memo fast path, else the router. */
    fetch(request: Request, env: AppEnv["Bindings"], ctx: ExecutionContext): Response | Promise<Response> {
      return serveFromMemo(request) ?? route(request, env, ctx);
    },
    /**
     * What the isolate holds across requests, in bytes, per structure: the memory tier (and the KV
     * keys written), the route memo, the store's parsed files. Each is bounded; together they stay
     * within MEMORY_BUDGET.
     */
    held: () => ({ cache: renderCache.heldBytes, memo: memoBytes(), store: content.heldBytes() }),
    /**
     * The Cron Trigger: tell the WebSub hub about the feeds scheduled articles entered since the
     * last run, after rendering their routes into the cache (src/scheduled/).
     */
    scheduled(time: number, env: AppEnv["Bindings"], ctx: ExecutionContext): Promise<CronResult> {
      const warm = async (paths: string[]) => {
        for (const path of paths) {
          const res = await route(new Request(url(site, path)), env, ctx);
          await res.body?.cancel();
        }
      };
      // Workers Cache (wrangler.toml [cache]): ctx.cache purges the edge's entries by Cache-Tag.
      const cache = ctx.cache;
      return runCron({
        content,
        ...(cache ? { purge: (tags: string[]) => cache.purge({ tags }) } : {}),
        indexing: { config: indexingConfig(env), post: engineFetch },
        kv: env.RENDER_CACHE,
        now: time,
        fetch: hubFetch,
        warm,
        log: log ?? ((e) => console.error(JSON.stringify(e))),
      });
    },
  };
}

/** The path as the reader typed it (percent-decoded when valid), for the 404 page's message. */
function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
