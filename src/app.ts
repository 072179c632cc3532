/**
 * The application: routes mounted on one Hono app, errors handled in one place. Content, clock and
 * cache settings are injected (src/index.ts wires the generated content; tests pass their own).
 */
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { RenderCache, RouteMemo, type CacheLog, type CacheOptions } from "./cache/index.ts";
import { systemClock, type Clock } from "./clock.ts";
import { createStore, type ContentModel } from "./content/index.ts";
import type { AppEnv } from "./env.ts";
import { CACHE_CONTROL, cors, onlyReadMethods, problemResponse, respond, securityHeaders } from "./http/index.ts";
import { renderBadRequest, renderNotFound } from "./render/index.ts";
import { apiRoutes } from "./routes/api.ts";
import { articleRoutes, HTML } from "./routes/articles.ts";
import { assetRoutes } from "./routes/assets.ts";
import { crawlerRoutes } from "./routes/crawlers.ts";
import { embedRoutes } from "./routes/embed.ts";
import { feedRoutes } from "./routes/feeds.ts";
import { pageRoutes } from "./routes/pages.ts";
import { injectReload, previewRoutes } from "./routes/preview.ts";
import { createServe, type Services } from "./routes/services.ts";

export interface AppOptions {
  content: ContentModel;
  /** Hash of the rendering code; part of every cache key. */
  renderVersion?: string;
  clock?: Clock;
  cache?: Partial<CacheOptions>;
  log?: CacheLog;
  /** Local preview: drafts and scheduled articles visible and marked, pages live-reload. */
  preview?: boolean;
}

export function createApp({
  content,
  renderVersion = "dev",
  clock = systemClock,
  cache,
  log,
  preview = false,
}: AppOptions) {
  const store = createStore(content, { preview });
  // Preview renders differ (drafts, marks): they never share keys with real ones.
  const version = preview ? `${renderVersion}-preview` : renderVersion;
  // No shortcut in preview: its pages are rewritten after the cache (live reload).
  const memo = preview ? undefined : new RouteMemo();
  const services: Services = { store, clock, cache: new RenderCache(cache, log), renderVersion: version, memo };
  const serve = createServe(services);
  const site = content.site;
  const app = new Hono<AppEnv>();

  // The routes other origins read from script: the JSON API and oEmbed.
  const isCorsPath = (path: string) => path.startsWith("/api/") || path === "/oembed";
  app.use(securityHeaders());
  app.use("/api/*", cors());
  app.use("/oembed", cors());
  app.use(onlyReadMethods(isCorsPath));
  if (preview) {
    app.use(injectReload());
    app.route("/", previewRoutes(`${version}:${content.version}`));
  }
  app.route("/", apiRoutes(services, serve));
  app.route("/", pageRoutes(services, serve));
  app.route("/", articleRoutes(services, serve));
  app.route("/", feedRoutes(services, serve));
  app.route("/", crawlerRoutes(services, serve));
  app.route("/", embedRoutes(services, serve));
  app.route("/", assetRoutes(serve));

  const page = (body: string, status: 400 | 404) =>
    new Response(body, { status, headers: { "content-type": HTML, "cache-control": CACHE_CONTROL.error } });

  app.notFound((c) => page(renderNotFound(decodePath(c.req.path), site), 404));

  app.onError((err, c) => {
    // A route that chose its own error body (feeds, API) passes it in the exception.
    if (err instanceof HTTPException && err.res) return err.getResponse();
    if (err instanceof HTTPException && err.status === 404)
      return page(renderNotFound(decodePath(c.req.path), site), 404);
    if (err instanceof HTTPException && err.status === 400) return page(renderBadRequest(err.message, site), 400);
    if (err instanceof HTTPException) return err.getResponse();
    console.error(
      JSON.stringify({ level: "error", msg: "unhandled", path: c.req.path, error: String(err?.stack ?? err) }),
    );
    return new Response("Internal Server Error\n", {
      status: 500,
      headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
    });
  });

  // The fast path: a URL served before, whose representation is current and in memory, is
  // answered straight from the memory tier (same headers, same conditional handling).
  const route = app.fetch;
  app.fetch = (request, env, ctx) => {
    if (memo && (request.method === "GET" || request.method === "HEAD")) {
      const hit = memo.get(request.url);
      if (hit && hit.key.startsWith(`${serve.prefix(clock())}:`)) {
        const entry = services.cache.memory.get(hit.key);
        if (entry) return respond(request, { entry, tier: "memory" }, hit.kind, hit.headers);
      }
    }
    return route(request, env, ctx);
  };

  return app;
}

/** The path as the reader typed it (percent-decoded when valid), for the 404 page's message. */
function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
