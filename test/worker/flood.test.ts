/**
 * A flood of distinct URLs, query strings and header values on every kind of route: what the
 * isolate keeps across requests must not grow with it (nothing is keyed by what a client can vary
 * freely), and stays within the memory budget.
 */
import { describe, expect, it } from "vitest";
import { MEMORY_BUDGET } from "../../src/app.ts";
import { harness } from "./harness.ts";
import { content } from "./model.ts";

const seed = content.articles[0]!;
const ORIGIN = "https://www.chancheng-ceramics.example";
const ROUTES = [
  "/",
  "/categories/news",
  `/articles/${seed.slug}`,
  `/embed/articles/${seed.slug}`,
  "/feed.xml",
  "/categories/news/atom.xml",
  "/feed.json",
  "/api/v1/articles",
  `/api/v1/articles/${seed.slug}`,
  `/oembed?url=${encodeURIComponent(`${ORIGIN}/articles/${seed.slug}`)}`,
  "/sitemap.xml",
  "/robots.txt",
  "/no/such/page",
];
const PADDING = "x".repeat(15_000);

describe("a flood of distinct requests", () => {
  it("leaves what the isolate holds as it was, and within the budget", async () => {
    const app = harness({ content });
    for (const route of ROUTES) await app.fetch(route);
    for (const route of ROUTES) await app.fetch(route); // the memo learns the canonical URLs
    const before = app.held();
    let n = 0;
    for (let round = 0; round < 60; round++) {
      for (const route of ROUTES) {
        n++;
        const sep = route.includes("?") ? "&" : "?";
        const res = await app.fetch(`${route}${sep}junk${n}=${n}${PADDING}`, {
          headers: { "x-junk": `${n}${PADDING}`, "if-none-match": `"${n}"`, "accept-language": `zh-${n}` },
        });
        await res.arrayBuffer();
        expect(res.status, route).toBeLessThan(500);
      }
    }
    const after = app.held();
    expect(after).toEqual(before);
    expect(after.cache + after.memo + after.store).toBeLessThan(MEMORY_BUDGET);
  });

  it("does not memoise a URL with a query string", async () => {
    const app = harness({ content });
    await app.fetch(`/articles/${seed.slug}`);
    const memo = app.held().memo;
    for (let i = 0; i < 20; i++) await app.fetch(`/articles/${seed.slug}?utm_source=${i}`);
    expect(app.held().memo).toBe(memo);
  });
});
