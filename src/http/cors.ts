/**
 * CORS for the embedding routes (API, oEmbed): any origin may read, no credentials (Fetch
 * standard §3.2). Headers go on every response, errors included, so a browser on another origin
 * can read the problem details too; preflights are answered here.
 */
import type { MiddlewareHandler } from "hono";

const ALLOW_METHODS = "GET, HEAD, OPTIONS";
const ALLOW_HEADERS = "Accept, Accept-Language, If-None-Match, If-Modified-Since, Cache-Control";
const EXPOSE_HEADERS = "ETag, Last-Modified, Link, Server-Timing";

export function cors(): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === "OPTIONS") {
      return new Response(null, {
        status: 204,
        headers: {
          "access-control-allow-origin": "*",
          "access-control-allow-methods": ALLOW_METHODS,
          "access-control-allow-headers": ALLOW_HEADERS,
          "access-control-max-age": "86400",
          allow: ALLOW_METHODS,
          "cache-control": "public, max-age=86400",
        },
      });
    }
    await next();
    if (c.res.headers.has("access-control-allow-origin")) return; // set by respond() already
    c.res.headers.set("access-control-allow-origin", "*");
    c.res.headers.set("access-control-expose-headers", EXPOSE_HEADERS);
  };
}

/** CORS headers of every API response (Fetch §3.2: `*`, no credentials). */
export const CORS_HEADERS: [string, string][] = [
  ["access-control-allow-origin", "*"],
  ["access-control-expose-headers", EXPOSE_HEADERS],
];
