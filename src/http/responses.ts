/**
 * Responses that are not cached representations: errors, redirects, 405 and CORS preflights.
 * Their headers come from the same table as every other response (headers.ts).
 */
import type { MiddlewareHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { MIME } from "../mime.ts";
import {
  CORS_METHODS,
  headersFor,
  isCorsPath,
  PREFLIGHT_HEADERS,
  type Freshness,
  type HeaderPolicy,
} from "./headers.ts";

/** A response under header `policy` that is not a cached representation (an error page, a plain message). */
export function plainResponse(
  policy: HeaderPolicy,
  status: number,
  body: string | null,
  type: string,
  freshness: Freshness = "error",
  extra: [string, string][] = [],
): Response {
  return new Response(body, {
    status,
    headers: [["content-type", type], ...headersFor(policy, freshness), ...extra],
  });
}

/**
 * A permanent redirect to another name of the same resource (RFC 9110 §15.4.2): the one place the
 * worker writes a `Location`. Locations are built from validated values; as last guards, anything
 * outside printable ASCII (a control character, a space, non-ASCII) is percent-encoded, so
 * `Location` is always a clean header value, and the result must be a path of this site: one
 * leading `/`, then anything but a second `/` or a `\` (DESIGN.md "Trust boundaries", issue 29).
 * A browser reads `//host/…` as another site (RFC 3986 §4.2, a network-path reference), and
 * `/\host/…` too (WHATWG URL: `\` is `/` in http(s) URLs). Anything else is refused with a 400
 * naming the problem (the path clean-up meets it for `//evil.example/%61`), never written.
 */
export function redirect(location: string): Response {
  const ascii = location.replace(/[^\x21-\x7e]/gu, (ch) => encodeURIComponent(ch));
  if (!SITE_PATH.test(ascii)) {
    const shown = JSON.stringify(ascii.length > 80 ? `${ascii.slice(0, 80)}…` : ascii);
    throw new HTTPException(400, {
      message: `不是本站的地址:路径须以一个 / 开头,不能以 // 或 /\\ 开头(收到 ${shown})。`,
    });
  }
  return new Response(null, { status: 301, headers: [["location", ascii], ...headersFor("page", "error")] });
}

/** A path of this site: one `/`, not followed by another `/` or a `\`. */
const SITE_PATH = /^\/(?![/\\])/;

/**
 * One spelling per URL (RFC 3986 §6.2.2.2): a path with percent-encoded unreserved characters
 * (`/%61rticles/…`, `/articles/%73lug`) redirects to the form without them, so a page is never
 * answered under a second name. Other escapes are left as sent (a bad one is the route's 400 or
 * 404, never a redirect); `%2e` segments never get here, the URL parser resolves them as dots.
 * A path that would clean up to `//…` (`//evil.example/%61`, `/.//evil.example/%61` once the
 * parser resolved the dot) is refused by `redirect` with a 400: it is no path of this site.
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
