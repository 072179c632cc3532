/**
 * Turns a cache lookup into the HTTP response: validators, Cache-Control per kind of route,
 * Server-Timing, and a 304 when the request's preconditions say the client is up to date.
 */
import type { Lookup } from "../cache/index.ts";
import { notModified } from "./conditional.ts";
import { CORS_HEADERS } from "./cors.ts";
import { FRAMABLE_PAGE_HEADERS, PAGE_HEADERS } from "./headers.ts";

/** page: HTML; frame: the HTML other sites may frame; api: JSON read cross-origin (CORS). */
export type RouteKind = "page" | "frame" | "feed" | "api" | "asset" | "script";

/**
 * RFC 9111 §5.2.2 / RFC 5861. Pages, feeds and the API change only on deploy or when a scheduled
 * article comes out, and every response carries a strong ETag, so short freshness plus
 * stale-while-revalidate keeps revalidation cheap. Assets have fingerprinted URLs: immutable.
 */
export const CACHE_CONTROL: Record<RouteKind | "error", string> = {
  page: "public, max-age=60, stale-while-revalidate=600",
  frame: "public, max-age=60, stale-while-revalidate=600",
  feed: "public, max-age=300, stale-while-revalidate=3600",
  api: "public, max-age=60, stale-while-revalidate=600",
  asset: "public, max-age=31536000, immutable",
  // /embed.js has a fixed URL (other sites link it), so it revalidates hourly.
  script: "public, max-age=3600, stale-while-revalidate=86400",
  error: "public, max-age=60",
};

/** Headers that depend only on the kind of route, computed once. */
const KIND_HEADERS: Record<RouteKind, [string, string][]> = {
  page: [...PAGE_HEADERS, ["cache-control", CACHE_CONTROL.page]],
  frame: [...FRAMABLE_PAGE_HEADERS, ["cache-control", CACHE_CONTROL.frame]],
  feed: [["cache-control", CACHE_CONTROL.feed]],
  api: [...CORS_HEADERS, ["cache-control", CACHE_CONTROL.api]],
  asset: [["cache-control", CACHE_CONTROL.asset]],
  script: [["cache-control", CACHE_CONTROL.script]],
};

/**
 * The response for a cached representation. Headers are built as one list (a single `Headers`
 * construction is much cheaper than a dozen `set` calls on the hot path).
 */
export function respond(req: Request, lookup: Lookup, kind: RouteKind, extra?: [string, string][]): Response {
  const { entry } = lookup;
  // RFC 9110 §15.4.5: a 304 carries the Cache-Control, ETag (and Vary, Content-Location…) that a
  // 200 would have; Content-Type and Last-Modified are sent too, as they would be for a HEAD.
  const headers: [string, string][] = [
    ["content-type", entry.type],
    ["etag", entry.etag],
    ["x-content-type-options", "nosniff"],
    ["server-timing", serverTiming(lookup)],
    ...KIND_HEADERS[kind],
  ];
  if (entry.lastModified) headers.push(["last-modified", entry.lastModified]);
  if (extra) headers.push(...extra);
  if (notModified(req, entry.etag, entry.lastModified)) return new Response(null, { status: 304, headers });
  return new Response(req.method === "HEAD" ? null : (entry.bytes ?? entry.body), { status: 200, headers });
}

/** W3C Server Timing: which tier answered, and how long the render took when there was one. */
export function serverTiming(lookup: Lookup): string {
  const tier = `cache;desc=${lookup.tier}`;
  return lookup.renderMs === undefined ? tier : `${tier}, render;dur=${lookup.renderMs.toFixed(2)}`;
}
