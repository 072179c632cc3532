/**
 * A cached entry as an HTTP response: validators, its policy's headers (headers.ts), Server-Timing,
 * and a 304 when the request's preconditions say the client is up to date.
 */
import type { Entry, Lookup } from "../cache/index.ts";
import { headersFor, notModified, type Freshness, type HeaderPolicy } from "../http/index.ts";

export type HeaderList = readonly [string, string][];

/**
 * The response headers of `entry` under `policy`, answered from `lookup.tier`. One list for one
 * `new Response()` (a single construction is much cheaper than a dozen `set` calls). RFC 9110
 * §15.4.5: a 304 carries the Cache-Control and ETag a 200 would have; Content-Type and
 * Last-Modified are sent too, as they would be for a HEAD.
 */
export function entryHeaders(
  entry: Entry,
  policy: HeaderPolicy,
  timing: string,
  extra?: HeaderList,
  freshness: Freshness | "short" = "ok",
): HeaderList {
  const headers: [string, string][] = [
    ["content-type", entry.type],
    ["etag", entry.etag],
    ["server-timing", timing],
    ...headersFor(policy, freshness),
  ];
  if (entry.lastModified) headers.push(["last-modified", entry.lastModified]);
  if (extra) headers.push(...extra);
  return headers;
}

/** 304, or 200 with the body (none for HEAD). */
export function respond(request: Request, entry: Entry, headers: HeaderList): Response {
  if (notModified(request, entry.etag, entry.lastModified)) return new Response(null, { status: 304, headers });
  return new Response(request.method === "HEAD" ? null : (entry.bytes ?? entry.body), { status: 200, headers });
}

/** W3C Server Timing: which tier answered, and how long the render took when there was one. */
export function serverTiming(lookup: Pick<Lookup, "tier" | "renderMs">): string {
  const tier = `cache;desc=${lookup.tier}`;
  return lookup.renderMs === undefined ? tier : `${tier}, render;dur=${lookup.renderMs.toFixed(2)}`;
}
