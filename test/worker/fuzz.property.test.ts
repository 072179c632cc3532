/**
 * The HTTP surface, fuzzed (fast-check, inside workerd): random paths under every route family
 * (encoded, overlong, dot segments, CJK, NUL and control bytes), random queries, methods and
 * conditional headers, long segments, control characters in segments and combinations of the
 * API's and oEmbed's parameters, and paths that would clean up to another host (`//host`, `/\host`,
 * `/.//host`, issue 29). No answer is a 5xx; every error is in its family's format; every
 * redirect's Location is a path of this site (one leading `/`, never `//` or `/\`); no KV key is
 * minted outside the canonical set; what the isolate holds stays within the budget.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MEMORY_BUDGET } from "../../src/app.ts";
import { harness } from "./harness.ts";
import { content } from "./model.ts";

const FAMILIES = [
  "/",
  "/page/",
  "/articles/",
  "/categories/",
  "/categories/news/",
  "/feed.xml",
  "/categories/news/feed.json",
  "/atom.xml",
  "/api/v1/articles",
  "/api/v1/articles/",
  "/api/",
  "/oembed",
  "/embed/articles/",
  "/sitemaps/",
  "/media/",
  "/_store/",
  "/assets/",
  "/tags/",
  "/tags/禅城区/page/",
  "/archive/",
  "/archive/2025/6/page/",
  "/search",
  "/api/v1/search",
  // Paths a browser reads as another host once written into a Location (issue 29).
  "//evil.example/",
  "/\\evil.example/",
  "/.//evil.example/",
  "/%2e//evil.example/",
  "//",
];
const PIECES = [
  "a",
  "1",
  "-",
  ".",
  "..",
  "/",
  "//",
  "\\",
  "/\\",
  "%5C",
  "\t",
  "%",
  "%2e",
  "%2F",
  "%00",
  "%ff",
  "%zz",
  "\u0001",
  "\u007f",
  "禅城",
  "?",
  "&",
  "=",
  "page",
  "limit",
  "x".repeat(300),
  "陶".repeat(400),
  "\r",
  "\n",
  "%0d%0a",
  "%0A",
  "%C3%A9",
  "%61",
  "X:1",
  "year=2025",
  "year=1001",
  "month=6",
  "tag=禅城区",
  "tag=不存在",
  "category=news",
  "limit=10",
  "limit=7",
  "q=禅城",
  "maxwidth=333",
  "maxheight=99",
  `url=${encodeURIComponent(`${content.site.origin}/articles/${content.articles[0]!.slug}`)}`,
];
const piece = fc.constantFrom(...PIECES);
const text = (max: number) => fc.array(piece, { maxLength: max }).map((p) => p.join(""));
const request = fc.record({
  family: fc.constantFrom(...FAMILIES),
  path: text(8),
  query: fc.option(text(12), { nil: undefined }),
  method: fc.constantFrom("GET", "GET", "GET", "HEAD", "POST", "OPTIONS", "DELETE"),
  // Header values are bytes on the wire: ASCII pieces only (a browser refuses others).
  etag: fc.option(
    fc
      .array(fc.constantFrom('"', "W/", "*", ",", " ", "a", "1", "%", "x".repeat(200)), { maxLength: 6 })
      .map((p) => p.join("")),
    { nil: undefined },
  ),
  since: fc.option(fc.constantFrom("Sun, 06 Nov 1994 08:49:37 GMT", "yesterday", "", "Sun, 06 Nov 2094 08:49:37 GMT"), {
    nil: undefined,
  }),
});

/** The format an error of this path must be in. */
function family(path: string): "problem" | "feed" | "html" {
  if (path === "/oembed" || path === "/api" || path.startsWith("/api/")) return "problem";
  if (/^(?:\/categories\/[^/]+)?\/(?:feed\.xml|atom\.xml|feed\.json)$/.test(path)) return "feed";
  return "html";
}

const TYPES = { problem: "application/problem+json", feed: "text/plain", html: "text/html" };
const PARAMS = new Set(["page", "limit", "category", "tag", "year", "month", "slug", "width", "height"]);

describe("the HTTP surface under random requests", () => {
  it("never answers 5xx, answers errors in the family's format, mints no key for junk", async () => {
    const app = harness({ content });
    let redirects = 0;
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const raw = `${r.family}${r.path}${r.query === undefined ? "" : `?${r.query}`}`;
        const headers: Record<string, string> = {};
        if (r.etag !== undefined) headers["if-none-match"] = r.etag;
        if (r.since !== undefined) headers["if-modified-since"] = r.since;
        const res = await app.fetch(raw, { method: r.method, headers });
        const body = await res.text();
        expect(res.status, raw).toBeLessThan(500);
        const location = res.headers.get("location");
        if (res.status >= 300 && res.status < 400) expect(location, raw).not.toBeNull();
        if (location !== null) {
          redirects++;
          expect(location, raw).toMatch(/^\/(?![/\\])/);
          expect(new URL(location, "https://test.local").origin, raw).toBe("https://test.local");
        }
        if ((r.method === "GET" || r.method === "HEAD") && res.status >= 400) {
          const path = new URL(`https://test.local${raw}`).pathname;
          expect(res.headers.get("content-type") ?? "", `${raw} → ${path}`).toContain(TYPES[family(path)]);
        }
        if (r.method === "POST" || r.method === "DELETE") expect(res.status, raw).toBe(405);
        expect(body.length).toBeLessThan(2_000_000);
      }),
      { numRuns: 400, seed: 20261127 },
    );
    // The property saw redirects to check (the path clean-up's and the pages' own).
    expect(redirects).toBeGreaterThan(10);
    for (const key of await app.kvKeys()) {
      const [, , , , , path, params = ""] = key.split(":");
      expect(path, key).toMatch(/^\/[a-z0-9\-/._%]*$/);
      const pairs = new URLSearchParams(params);
      for (const name of pairs.keys()) expect(PARAMS.has(name), key).toBe(true);
      // The canonical set: API lists at the default size, oEmbed at the card's natural size.
      if (pairs.has("limit")) expect(pairs.get("limit"), key).toBe("10");
      if (path === "/oembed") expect([pairs.get("width"), pairs.get("height")], key).toEqual(["560", "240"]);
    }
    const held = app.held();
    expect(held.cache + held.memo + held.store).toBeLessThan(MEMORY_BUDGET);
  }, 60_000);
});
