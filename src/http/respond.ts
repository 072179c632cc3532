/**
 * Turns a cache lookup into the HTTP response: validators, Cache-Control per kind of route,
 * Server-Timing, and a 304 when the request's preconditions say the client is up to date.
 */
import type { Lookup } from "../cache/index.ts";
import { notModified } from "./conditional.ts";

export type RouteKind = "page" | "feed" | "api" | "asset" | "script";

/**
 * RFC 9111 §5.2.2 / RFC 5861. Pages, feeds and the API change only on deploy or when a scheduled
 * article comes out, and every response carries a strong ETag, so short freshness plus
 * stale-while-revalidate keeps revalidation cheap. Assets have fingerprinted URLs: immutable.
 */
export const CACHE_CONTROL: Record<RouteKind | "error", string> = {
  page: "public, max-age=60, stale-while-revalidate=600",
  feed: "public, max-age=300, stale-while-revalidate=3600",
  api: "public, max-age=60, stale-while-revalidate=600",
  asset: "public, max-age=31536000, immutable",
  // /embed.js has a fixed URL (other sites link it), so it revalidates hourly.
  script: "public, max-age=3600, stale-while-revalidate=86400",
  error: "public, max-age=60",
};

export function respond(req: Request, lookup: Lookup, kind: RouteKind, extra?: HeadersInit): Response {
  const { entry } = lookup;
  const headers = new Headers(extra);
  // RFC 9110 §15.4.5: a 304 carries the Cache-Control, ETag (and Vary, Content-Location…) that a
  // 200 would have; Content-Type and Last-Modified are sent too, as they would be for a HEAD.
  headers.set("content-type", entry.type);
  headers.set("etag", entry.etag);
  if (entry.lastModified) headers.set("last-modified", entry.lastModified);
  headers.set("cache-control", CACHE_CONTROL[kind]);
  headers.set("server-timing", serverTiming(lookup));
  if (notModified(req, entry.etag, entry.lastModified)) return new Response(null, { status: 304, headers });
  return new Response(req.method === "HEAD" ? null : entry.body, { status: 200, headers });
}

/** W3C Server Timing: which tier answered, and how long the render took when there was one. */
export function serverTiming(lookup: Lookup): string {
  const tier = `cache;desc=${lookup.tier}`;
  return lookup.renderMs === undefined ? tier : `${tier}, render;dur=${lookup.renderMs.toFixed(2)}`;
}
