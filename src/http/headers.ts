/**
 * Every header that depends only on the response's header policy, owned here and nowhere else: security
 * headers, CORS and Cache-Control. Responses take their list from `headersFor(policy, freshness)`.
 * Two places adjust a list, both here in plain sight: /media/ swaps in the assets' immutable
 * Cache-Control for a picture whose name carries its hash (routes/media.ts), and the local
 * preview's live-reload middleware marks the pages it rewrites no-store (routes/preview.ts, never
 * deployed). Nothing else patches headers after a route.
 *
 * Every response, whatever its policy, has nosniff, HSTS and a referrer policy. Every response a
 * browser can show as a document has a CSP: HTML pages their own; feeds, sitemaps, JSON and text
 * one that lets nothing run or load but the feeds' same-origin stylesheet; media and assets (an
 * SVG opened on its own is a document) a sandbox.
 *
 * The pages' CSP allows no inline script or style at all (the JSON-LD block is data, not script,
 * and CSP does not apply to it), so it needs no hashes: styles and the share script are
 * same-origin files. `frame-ancestors 'none'` forbids framing everywhere; the embeddable card is
 * the one exception.
 */

/**
 * The header policy a response follows: its caching (browser and edge), CORS, framing and content
 * security headers, named for what most routes of the policy answer; a sitemap follows "feed".
 * page: HTML; frame: the HTML other sites may frame; feed: feeds, sitemap; api: JSON other origins
 * read from script (CORS); asset: fingerprinted files; script: /embed.js (a fixed URL); media:
 * the editors' pictures (/media/), which may be SVG: sandboxed, no script.
 */
export type HeaderPolicy = "page" | "frame" | "feed" | "api" | "asset" | "script" | "media";

/** ok: a representation; error: a 4xx (briefly cacheable); no-store: 5xx, 405, preview. */
export type Freshness = "ok" | "error" | "no-store";

/**
 * RFC 9111 §5.2.2 / RFC 5861. Pages, feeds and the API change only on deploy or when a scheduled
 * article comes out, and every response carries a strong ETag, so short freshness plus
 * stale-while-revalidate keeps revalidation cheap. Assets have fingerprinted URLs: immutable.
 */
const CACHE_CONTROL: Record<HeaderPolicy, string> & Record<Exclude<Freshness, "ok">, string> = {
  page: "public, max-age=60, stale-while-revalidate=600",
  frame: "public, max-age=60, stale-while-revalidate=600",
  feed: "public, max-age=300, stale-while-revalidate=3600",
  api: "public, max-age=60, stale-while-revalidate=600",
  asset: "public, max-age=31536000, immutable",
  // /embed.js has a fixed URL (other sites link it), so it revalidates hourly.
  script: "public, max-age=3600, stale-while-revalidate=86400",
  // Pictures published as they are (GIF, SVG) keep their name when replaced: revalidate daily
  // (they carry an ETag). Derived pictures have fingerprinted names: the media route sends them
  // with the asset policy (immutable).
  media: "public, max-age=86400",
  error: "public, max-age=60",
  "no-store": "no-store",
};

/**
 * The edge's freshness, for Workers Cache in front of the worker (CDN-Cache-Control, RFC 9213:
 * read by the CDN, ignored by browsers, whose Cache-Control above stays as it is). What a route
 * answers changes only with a deploy (a new version: the previous version's entries are not
 * reused, wrangler.toml `cross_version_cache = false`) or when a scheduled article comes out, and
 * then the cron purges exactly the Cache-Tags of the routes that changed (src/scheduled/): so the
 * edge keeps answers a day and serves them stale for another while it revalidates (RFC 5861)
 * with the worker's own ETags. Errors and degraded answers: a minute at most. Search answers
 * (`edge: "short"`), which no purge names, a minute too.
 */
const CDN_CACHE_CONTROL: Record<HeaderPolicy, string> & Record<Exclude<Freshness, "ok"> | "short", string> = {
  page: "public, max-age=86400, stale-while-revalidate=86400",
  frame: "public, max-age=86400, stale-while-revalidate=86400",
  feed: "public, max-age=86400, stale-while-revalidate=86400",
  api: "public, max-age=86400, stale-while-revalidate=86400",
  asset: "public, max-age=31536000, immutable",
  script: "public, max-age=86400, stale-while-revalidate=86400",
  media: "public, max-age=86400",
  short: "public, max-age=60",
  error: "public, max-age=60",
  "no-store": "no-store",
};

const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "style-src 'self'",
  "script-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  // The web app manifest (/manifest.webmanifest): without it, default-src blocks its load.
  "manifest-src 'self'",
  "base-uri 'none'",
  // The search box in every header submits (GET /search): a form to this site only.
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** The embeddable card is the one page other origins may frame (CSP frame-ancestors, RFC 7034). */
const FRAMABLE_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors *";

/**
 * Feeds (styled for a person by feed.css through an `xml-stylesheet` processing instruction: CSS,
 * not XSLT), sitemaps, JSON, the manifest and plain text, when a browser opens them: nothing runs,
 * nothing loads but a same-origin stylesheet, nothing frames them.
 */
const NON_HTML_CSP =
  "default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * Media and assets: an SVG opened on its own is a document. No script, no plugins, a unique
 * origin (CSP sandbox); its own inline styles and pictures only. Scripts and stylesheets ignore a
 * CSP on their own response, so one policy serves every asset.
 */
const SANDBOX_CSP = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox";

/** RFC 6797: browsers use only HTTPS for a year, subdomains too (ignored over plain HTTP, locally). */
const HSTS: [string, string] = ["strict-transport-security", "max-age=31536000; includeSubDomains"];
const REFERRER: [string, string] = ["referrer-policy", "strict-origin-when-cross-origin"];
const PERMISSIONS: [string, string] = [
  "permissions-policy",
  "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()",
];
const NOSNIFF: [string, string] = ["x-content-type-options", "nosniff"];

/** What every response carries, whatever its policy. */
const EVERY: [string, string][] = [NOSNIFF, HSTS, REFERRER];

/**
 * CORS (Fetch standard §3.2): any origin may read, no credentials; what a script may read. Not
 * Server-Timing: which tier answered tells whether someone searched the same words a moment ago
 * (a memory hit), so other origins' scripts never read it (nor Resource Timing's serverTiming:
 * no Timing-Allow-Origin).
 */
export const CORS_METHODS = "GET, HEAD, OPTIONS";
const CORS: [string, string][] = [
  ["access-control-allow-origin", "*"],
  ["access-control-expose-headers", "ETag, Last-Modified, Link"],
];

/** The answer to a CORS preflight (Fetch §4.8), cached a day by browsers and caches. */
export const PREFLIGHT_HEADERS: readonly [string, string][] = [
  ...EVERY,
  ["access-control-allow-origin", "*"],
  ["access-control-allow-methods", CORS_METHODS],
  ["access-control-allow-headers", "Accept, Accept-Language, If-None-Match, If-Modified-Since, Cache-Control"],
  ["access-control-max-age", "86400"],
  ["allow", CORS_METHODS],
  ["cache-control", "public, max-age=86400"],
];

/** Security and CORS headers per policy (everything but Cache-Control). */
const POLICY: Record<HeaderPolicy, [string, string][]> = {
  page: [
    ...EVERY,
    ["content-security-policy", CONTENT_SECURITY_POLICY],
    PERMISSIONS,
    ["x-frame-options", "DENY"],
    ["cross-origin-opener-policy", "same-origin"],
  ],
  frame: [...EVERY, ["content-security-policy", FRAMABLE_CSP], PERMISSIONS],
  feed: [...EVERY, ["content-security-policy", NON_HTML_CSP]],
  api: [...EVERY, ["content-security-policy", NON_HTML_CSP], ...CORS],
  asset: [...EVERY, ["content-security-policy", SANDBOX_CSP]],
  script: [...EVERY, ["content-security-policy", NON_HTML_CSP]],
  media: [...EVERY, ["content-security-policy", SANDBOX_CSP]],
};

const TABLE = {} as Record<HeaderPolicy, Record<Freshness | "short", readonly [string, string][]>>;
for (const policy of Object.keys(POLICY) as HeaderPolicy[]) {
  const cache = (browser: string, edge: string): [string, string][] => [
    ...POLICY[policy],
    ["cache-control", browser],
    ["cdn-cache-control", edge],
  ];
  TABLE[policy] = {
    ok: cache(CACHE_CONTROL[policy], CDN_CACHE_CONTROL[policy]),
    short: cache(CACHE_CONTROL[policy], CDN_CACHE_CONTROL.short),
    error: cache(CACHE_CONTROL.error, CDN_CACHE_CONTROL.error),
    "no-store": cache("no-store", CDN_CACHE_CONTROL["no-store"]),
  };
}

/** The headers of a response under `policy`, computed once: spread them into the response's list. */
export function headersFor(policy: HeaderPolicy, freshness: Freshness | "short" = "ok"): readonly [string, string][] {
  return TABLE[policy][freshness];
}

/** The paths other origins read from script: the JSON API and oEmbed. */
export function isCorsPath(path: string): boolean {
  return path.startsWith("/api/") || path === "/api" || path === "/oembed";
}

/** The header policy of a response built outside a route (errors, 405): API-like paths keep their CORS. */
export function policyOfPath(path: string): HeaderPolicy {
  return isCorsPath(path) ? "api" : "page";
}
