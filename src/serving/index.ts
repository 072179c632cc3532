/**
 * The way from a request to its response, in one module: a route describes a representation
 * (header policy, canonical path, validated parameters, how to render it); `serve` turns that into a
 * cache key, takes the entry from the fastest tier (memory → KV → render) and answers with the
 * policy's headers. `serveFromMemo` is the fast path in front of the router: a URL served before,
 * whose entry is still current and in memory, is answered without routing.
 */
import type { Context } from "hono";
import { makeKey, toEntry, type Entry, type RenderCache, type Rendered } from "../cache/index.ts";
import type { Clock } from "../clock.ts";
import { newestChange, type ArticleMeta, type Content, type StoreFault } from "../content/index.ts";
import type { AppEnv } from "../env.ts";
import { httpDate, type HeaderPolicy } from "../http/index.ts";
import { RouteMemo } from "./memo.ts";
import { cacheTagHeader } from "./tags.ts";
import { entryHeaders, respond, serverTiming, type HeaderList } from "./respond.ts";

export interface Representation {
  /** The header policy (http/headers.ts). */
  policy: HeaderPolicy;
  /** html, rss, atom, json … part of the key. */
  format: string;
  /** The canonical path of the resource (not the raw request path). */
  path: string;
  /** Validated parameters in canonical form; nothing else of the request enters the key. */
  params?: Record<string, string | number | undefined>;
  render: () => Rendered | Promise<Rendered> | Degradable | Promise<Degradable>;
  /**
   * What it shows, as Cache-Tags (tags.ts): the cron purges them when an article appears. Tags
   * only the render can know it returns with its result (`Rendered.tags`).
   */
  tags: readonly string[];
  /** Headers of this representation beyond its policy's (an API page's Link). */
  headers?: HeaderList;
  /**
   * False: kept in this isolate's memory tier only, never read from or written to KV, and a
   * minute at most at the edge (no purge names it). For search results, whose keys a client can
   * invent without end: junk queries must not fill KV.
   */
  shared?: boolean;
}

/**
 * A render that may have met store faults (files.ts): with any, the answer is degraded, and it is
 * answered without entering the cache tiers and with a short freshness (a minute at most), so the
 * whole answer returns as soon as the store is whole again.
 */
export interface Degradable extends Rendered {
  faults: readonly StoreFault[];
}

/** Carries a degraded render out of the cache's lookup, which only stores what it returns. */
class DegradedRender {
  constructor(readonly rendered: Rendered) {}
}

export interface ServingOptions {
  content: Content;
  clock: Clock;
  cache: RenderCache;
  /** Hash of the rendering code; part of every key. */
  renderVersion: string;
  /** Off in preview, whose pages are rewritten after the cache (live reload). */
  memo: boolean;
}

/** Serves `rep` as it is at the request's instant, `c.var.now` (read once a request, app.ts). */
export type Serve = <E extends AppEnv>(c: Context<E>, rep: Representation) => Promise<Response>;

export interface Serving {
  serve: Serve;
  /** The memo fast path: a response, or undefined when the router must answer. */
  serveFromMemo(request: Request): Response | undefined;
  /** Bytes held by the route memo (part of the isolate's memory budget). */
  memoBytes(): number;
}

const MEMORY_TIMING = serverTiming({ tier: "memory" });

export function createServing({ content, clock, cache, renderVersion, memo: useMemo }: ServingOptions): Serving {
  const memo = useMemo ? new RouteMemo() : undefined;
  // What a memory hit needs, computed the first time an entry is served: its header list.
  // Weakly held, so an entry evicted from the memory tier takes its headers with it.
  const hitHeaders = new WeakMap<Entry, HeaderList>();
  const contentVersion = content.version;

  const serve: Serve = async (c, rep) => {
    const epoch = content.epoch(c.var.now);
    const key = makeKey({ renderVersion, contentVersion, epoch }, rep);
    const render = async (): Promise<Rendered> => {
      const rendered = await rep.render();
      if ("faults" in rendered) {
        const { faults, ...whole } = rendered;
        if (faults.length) throw new DegradedRender(whole);
        return whole;
      }
      return rendered;
    };
    let lookup;
    try {
      lookup = await cache.get(key, render, {
        kv: rep.shared === false ? undefined : c.env.RENDER_CACHE,
        waitUntil: (p) => c.executionCtx.waitUntil(p),
        write: c.req.method === "GET",
      });
    } catch (error) {
      if (!(error instanceof DegradedRender)) throw error;
      const entry = await toEntry(error.rendered);
      const extra: HeaderList = [
        ["cache-tag", cacheTagHeader([...rep.tags, ...(entry.tags ?? [])])],
        ...(rep.headers ?? []),
      ];
      const headers = entryHeaders(entry, rep.policy, serverTiming({ tier: "render" }), extra, "error");
      return respond(c.req.raw, entry, headers);
    }
    const { entry } = lookup;
    // The route's tags, then the ones its render added (an article page's related lists).
    const extra: HeaderList = [
      ["cache-tag", cacheTagHeader([...rep.tags, ...(entry.tags ?? [])])],
      ...(rep.headers ?? []),
    ];
    const freshness = rep.shared === false ? "short" : "ok";
    let memoryHeaders = hitHeaders.get(entry);
    if (!memoryHeaders) {
      memoryHeaders = entryHeaders(entry, rep.policy, MEMORY_TIMING, extra, freshness);
      hitHeaders.set(entry, memoryHeaders);
    }
    // Only a request for exactly the canonical path enters the memo: no query string, nothing a
    // client can vary to mint entries (it would still be answered, through the router).
    if (memo && c.req.path === rep.path && !c.req.url.includes("?")) memo.set(c.req.url, { key, epoch });
    const headers =
      lookup.tier === "memory"
        ? memoryHeaders
        : entryHeaders(entry, rep.policy, serverTiming(lookup), extra, freshness);
    return respond(c.req.raw, entry, headers);
  };

  const serveFromMemo = (request: Request): Response | undefined => {
    if (!memo || (request.method !== "GET" && request.method !== "HEAD")) return undefined;
    const hit = memo.get(request.url);
    if (!hit || hit.epoch !== content.epoch(clock())) return undefined;
    const entry = cache.peek(hit.key);
    const headers = entry && hitHeaders.get(entry);
    return headers ? respond(request, entry, headers) : undefined;
  };

  return { serve, serveFromMemo, memoBytes: () => memo?.bytes ?? 0 };
}

/** Last-Modified of a representation: the newest change among the articles it shows (HTTP-date). */
export function lastModifiedOf(articles: readonly Pick<ArticleMeta, "published" | "updated">[]): string | undefined {
  const iso = newestChange(articles);
  return iso === undefined ? undefined : httpDate(iso);
}

export { RouteMemo } from "./memo.ts";
export { cacheTag, cacheTagHeader, MAX_TAG, MAX_TAGS, relatedTags } from "./tags.ts";
