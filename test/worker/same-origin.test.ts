/**
 * No page loads anything from another origin (issue 24: readers in mainland China, where other
 * origins are slow or blocked): every script, style, font, image, frame, media and manifest a page
 * of any family asks for is on the site's own origin. Links a reader may follow (the ICP record,
 * a share page) are not loads and may go anywhere.
 */
import { describe, expect, it } from "vitest";
import { harness } from "./harness.ts";
import { fixtureSite } from "./model.ts";
import { SEED_SLUG } from "../support/site.ts";

const NOW = Date.parse("2026-12-01T12:00:00+08:00");
const site = {
  ...fixtureSite,
  site: {
    ...fixtureSite.site,
    publicSecurity: { number: "粤公网安备44060402000123号", url: "https://beian.mps.gov.cn/#/query/webSearch?code=1" },
  },
};
const app = harness({ content: site, clock: () => NOW, builtAt: NOW });
const ORIGIN = fixtureSite.site.origin;

const PAGES = [
  "/",
  "/categories/news",
  "/categories/legal",
  `/tags/${encodeURIComponent("禅城区")}`,
  "/tags",
  "/archive",
  "/archive/2025",
  `/articles/${SEED_SLUG}`,
  "/articles/member-congress-2026",
  `/search?q=${encodeURIComponent("禅城")}`,
  "/search",
  "/feeds",
  `/embed/articles/${SEED_SLUG}`,
  "/no/such/page",
  "/page/abc",
];

/** Every URL the document asks the browser to load (not links a reader may follow). */
function loads(html: string): string[] {
  const out: string[] = [];
  const attr = (tag: string, name: string) =>
    [...html.matchAll(new RegExp(`<${tag}\\b[^>]*\\s${name}="([^"]*)"`, "g"))].map((m) => m[1]!);
  out.push(...attr("script", "src"), ...attr("img", "src"), ...attr("iframe", "src"), ...attr("video", "src"));
  out.push(...attr("audio", "src"), ...attr("source", "src"), ...attr("embed", "src"), ...attr("object", "data"));
  for (const set of [...attr("img", "srcset"), ...attr("source", "srcset")])
    out.push(...set.split(",").map((s) => s.trim().split(/\s+/)[0]!));
  for (const m of html.matchAll(/<link\b[^>]*>/g)) {
    const tag = m[0];
    const rel = /\srel="([^"]*)"/.exec(tag)?.[1] ?? "";
    // alternate, canonical and the like name documents; these load something into the page.
    if (/\b(stylesheet|icon|preload|modulepreload|manifest|prefetch|apple-touch-icon)\b/.test(rel))
      out.push(/\shref="([^"]*)"/.exec(tag)?.[1] ?? "");
  }
  for (const m of html.matchAll(/url\(\s*["']?([^"')]+)/g)) out.push(m[1]!);
  out.push(...[...html.matchAll(/@import\s+["']([^"']+)/g)].map((m) => m[1]!));
  return out;
}

describe("no page loads anything from another origin", () => {
  it.each(PAGES)("%s", async (path) => {
    const res = await app.fetch(path);
    const html = await res.text();
    expect(html).toContain("<!doctype html>");
    const found = loads(html.replaceAll("&amp;", "&"));
    expect(found.length, path).toBeGreaterThan(0);
    for (const url of found) {
      const origin = new URL(url, `${ORIGIN}${path}`).origin;
      expect(origin === ORIGIN || url.startsWith("data:"), `${path} loads ${url}`).toBe(true);
    }
  });

  it("would fail on a page that loads a script from another origin", () => {
    const bad = loads(
      '<script src="https://cdn.example.com/x.js"></script><link rel="stylesheet" href="//fonts.example/a.css">',
    );
    expect(bad.map((u) => new URL(u, ORIGIN).origin)).toEqual(["https://cdn.example.com", "https://fonts.example"]);
  });
});
