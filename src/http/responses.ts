/**
 * Responses that are not cached representations: errors, redirects, 405 and CORS preflights.
 * Their headers come from the same table as every other response (headers.ts).
 */
import type { MiddlewareHandler } from "hono";
import { MIME } from "../mime.ts";
import { CORS_METHODS, headersFor, isCorsPath, PREFLIGHT_HEADERS, type Freshness, type RouteKind } from "./headers.ts";

/** A response of `kind` that is not a cached representation (an error page, a plain message). */
export function plainResponse(
  kind: RouteKind,
  status: number,
  body: string | null,
  type: string,
  freshness: Freshness = "error",
  extra: [string, string][] = [],
): Response {
  return new Response(body, {
    status,
    headers: [["content-type", type], ...headersFor(kind, freshness), ...extra],
  });
}

/** A permanent redirect to another name of the same resource (RFC 9110 §15.4.2). */
export function redirect(location: string): Response {
  return new Response(null, { status: 301, headers: [["location", location], ...headersFor("page", "error")] });
}

/**
 * RFC 9110 §15.5.6: the site is read-only; other methods get 405 with the allowed ones. Where
 * CORS applies, OPTIONS is a preflight (Fetch §4.8) and is answered here, for any origin.
 */
export function readOnlyMethods(): MiddlewareHandler {
  return async (c, next) => {
    const method = c.req.method;
    if (method === "GET" || method === "HEAD") return next();
    const cors = isCorsPath(c.req.path);
    if (cors && method === "OPTIONS") return new Response(null, { status: 204, headers: PREFLIGHT_HEADERS });
    const allow = cors ? CORS_METHODS : "GET, HEAD";
    return plainResponse(
      cors ? "api" : "page",
      405,
      `Method ${method} not allowed. Allowed: ${allow}.\n`,
      MIME.text,
      "no-store",
      [["allow", allow]],
    );
  };
}
