/**
 * Headers every response gets, and the security headers of HTML pages.
 *
 * The CSP allows no inline script or style at all (the JSON-LD block is data, not script, and
 * CSP does not apply to it), so it needs no hashes: styles and the share script are same-origin
 * files. `frame-ancestors 'none'` forbids framing everywhere; the embeddable view is the one
 * exception (embedding issue).
 */
import type { MiddlewareHandler } from "hono";

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "style-src 'self'",
  "script-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** The embeddable view is the one page other origins may frame (CSP frame-ancestors, RFC 7034). */
export const FRAMABLE_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors *";

const HTML_HEADERS: Record<string, string> = {
  "content-security-policy": CONTENT_SECURITY_POLICY,
  "referrer-policy": "strict-origin-when-cross-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
};

/** The headers of an HTML page, as a list ready for `new Headers()` (one call, no per-header sets). */
export const PAGE_HEADERS: [string, string][] = Object.entries(HTML_HEADERS);
export const FRAMABLE_PAGE_HEADERS: [string, string][] = [
  ["content-security-policy", FRAMABLE_CSP],
  ["referrer-policy", HTML_HEADERS["referrer-policy"]!],
  ["permissions-policy", HTML_HEADERS["permissions-policy"]!],
];

/**
 * For responses built outside `respond()` (error pages, redirects): respond() already sets all of
 * these on cached representations, marked by x-content-type-options.
 */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (c.res.headers.has("x-content-type-options")) return;
    c.res.headers.set("x-content-type-options", "nosniff");
    const type = c.res.headers.get("content-type") ?? "";
    if (type.startsWith("text/html")) {
      for (const [name, value] of PAGE_HEADERS) c.res.headers.set(name, value);
    }
  };
}

/**
 * RFC 9110 §15.5.6: the site is read-only; other methods get 405 with the allowed ones
 * (OPTIONS too where CORS answers preflights).
 */
export function onlyReadMethods(corsPath: (path: string) => boolean): MiddlewareHandler {
  return async (c, next) => {
    const method = c.req.method;
    if (method === "GET" || method === "HEAD") return next();
    const allow = corsPath(c.req.path) ? "GET, HEAD, OPTIONS" : "GET, HEAD";
    return new Response(`Method ${method} not allowed. Allowed: ${allow}.\n`, {
      status: 405,
      headers: { allow, "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
    });
  };
}
