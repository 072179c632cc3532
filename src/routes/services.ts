/**
 * What every route needs: the content, the clock, the render cache, and `serve`, which builds the
 * cache key for a representation and answers from the fastest tier.
 */
import type { Context } from "hono";
import {
  makeKey,
  publicationInstants,
  visibilityEpoch,
  type Rendered,
  type RenderCache,
  type RouteMemo,
} from "../cache/index.ts";
import type { Clock } from "../clock.ts";
import type { Article, ContentStore } from "../content/index.ts";
import type { AppEnv } from "../env.ts";
import { httpDate, respond, type RouteKind } from "../http/index.ts";

export interface Services {
  store: ContentStore;
  clock: Clock;
  cache: RenderCache;
  renderVersion: string;
  /** Remembers which key each URL resolved to, for the fast path (src/app.ts). */
  memo?: RouteMemo;
}

export interface Representation {
  kind: RouteKind;
  /** html, rss, atom, json … part of the key. */
  format: string;
  /** The canonical path of the resource (not the raw request path). */
  path: string;
  params?: Record<string, string | number | undefined>;
  render: () => Rendered | Promise<Rendered>;
  headers?: [string, string][];
}

export function createServe(svc: Services) {
  const instants = publicationInstants(svc.store.model);
  const prefix = (now: number) =>
    `render:${svc.renderVersion}:${svc.store.model.version}:${visibilityEpoch(instants, now)}`;

  async function serve(c: Context<AppEnv>, rep: Representation, now = svc.clock()): Promise<Response> {
    const key = makeKey(prefix(now), rep);
    const lookup = await svc.cache.get(key, rep.render, {
      kv: c.env?.RENDER_CACHE,
      waitUntil: waitUntilOf(c),
      write: c.req.method === "GET",
    });
    svc.memo?.set(c.req.url, { key, kind: rep.kind, headers: rep.headers });
    return respond(c.req.raw, lookup, rep.kind, rep.headers);
  }
  return Object.assign(serve, { prefix });
}

export type Serve = ReturnType<typeof createServe>;

/** ctx.waitUntil when the runtime gave an execution context (it does in production and tests). */
function waitUntilOf(c: Context<AppEnv>): ((p: Promise<unknown>) => void) | undefined {
  try {
    const ctx = c.executionCtx;
    return (p) => ctx.waitUntil(p);
  } catch {
    return undefined;
  }
}

/** Last-Modified of a representation: the newest known date among the articles it shows. */
export function lastModifiedOf(articles: readonly Article[]): string | undefined {
  let newest = -Infinity;
  for (const a of articles) {
    const iso = a.updated ?? (a.published.kind === "exact" ? a.published.iso : undefined);
    if (iso) newest = Math.max(newest, Date.parse(iso));
  }
  return Number.isFinite(newest) ? httpDate(new Date(newest).toISOString()) : undefined;
}
