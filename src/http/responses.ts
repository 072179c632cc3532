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

/**
 * A permanent redirect to another name of the same resource (RFC 9110 §15.4.2). Locations are
 * built from validated values; as a last guard, anything outside printable ASCII (a control
 * character, a space, non-ASCII) is percent-encoded, so `Location` is always a clean header value.
 */
export function redirect(location: string): Response {
  const ascii = location.replace(/[^\x21-\x7e]/gu, (ch) => encodeURIComponent(ch));
  return new Response(null, { status: 301, headers: [["location", ascii], ...headersFor("page", "error")] });
}

/**
 * One spelling per URL (RFC 3986 §6.2.2.2): a path with percent-encoded unreserved characters
 * (`/%61rticles/…`, `/articles/%73lug`) redirects to the form without them, so a page is never
 * answered under a second name. Other escapes are left as sent (a bad one is the route's 400 or
 * 404, never a redirect); `%2e` segments never get here, the URL parser resolves them as dots.
 */
export function canonicalPaths(): MiddlewareHandler {
  return async (c, next) => {
    const url = c.req.url;
    const start = url.indexOf("/", url.indexOf("//") + 2);
    const end = url.search(/[?#]/);
    const path = url.slice(start, end < 0 ? undefined : end);
    if (!path.includes("%")) return next();
    const normal = path.replace(/%([0-9A-Fa-f]{2})/g, (escape, hex: string) => {
      const ch = String.fromCharCode(parseInt(hex, 16));
      return /[A-Za-z0-9\-._~]/.test(ch) ? ch : escape;
    });
    if (normal === path) return next();
    return redirect(normal + (end < 0 ? "" : url.slice(end).split("#")[0]!));
  };
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
