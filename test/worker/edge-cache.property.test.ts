/**
 * The cron's purge over random sites (fast-check): a few articles in random sections with random
 * tags and dates, and one scheduled article. When it comes out, every route whose bytes change
 * carries a tag the cron purged, and no route whose bytes stay the same is purged.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Article } from "../../src/content/model.ts";
import { harness } from "./harness.ts";
import { fakeEdge } from "./fake-edge.ts";
import { memoryKv } from "./memory-kv.ts";
import { makeArticle, makeModel } from "./model.ts";

const NOW = Date.parse("2026-06-01T12:00:00+08:00");
const LATER = Date.parse("2027-01-05T09:00:00+08:00");
const SECTIONS = ["news", "outlook", "charity"];
const TAGS = ["陶瓷", "展会", "会员", "出口"];
const enc = encodeURIComponent;

const article = fc.record({
  category: fc.constantFrom(...SECTIONS),
  tags: fc.uniqueArray(fc.constantFrom(...TAGS), { maxLength: 3 }),
});
const site = fc.record({
  published: fc.array(article, { minLength: 1, maxLength: 5 }),
  scheduled: article,
});

function routes(articles: Article[]): string[] {
  return [
    "/",
    "/tags",
    "/archive",
    "/archive/2025",
    "/archive/2027",
    "/archive/2027/01",
    "/feeds",
    "/feed.xml",
    "/sitemaps/pages.xml",
    "/sitemaps/articles-1.xml",
    "/api/v1/articles",
    "/api/v1/tags",
    "/api/v1/categories",
    ...SECTIONS.flatMap((s) => [`/categories/${s}`, `/categories/${s}/feed.json`]),
    ...TAGS.flatMap((t) => [`/tags/${enc(t)}`, `/tags/${enc(t)}/atom.xml`]),
    ...articles.flatMap((a) => [`/articles/${a.slug}`, `/api/v1/articles/${a.slug}`]),
  ];
}

describe("the cron's purge over random sites", () => {
  it("purges a tag of every route whose bytes change, and of no route whose bytes stay", async () => {
    await fc.assert(
      fc.asyncProperty(site, async ({ published, scheduled }) => {
        const articles = [
          makeArticle({ slug: "later", ...scheduled, published: { kind: "exact", iso: "2027-01-05T09:00:00+08:00" } }),
          ...published.map((a, i) =>
            makeArticle({
              slug: `a${i}`,
              ...a,
              published: { kind: "exact", iso: `2025-0${5 - i}-10T09:00:00+08:00` },
            }),
          ),
        ];
        const model = makeModel(articles);
        const kv = memoryKv();
        const edge = fakeEdge(NOW);
        const at = (now: number) =>
          harness({ content: model, clock: () => now, builtAt: NOW }, { RENDER_CACHE: kv as unknown as KVNamespace });
        await at(NOW).scheduled(NOW, edge);
        edge.now = LATER;
        expect(await at(LATER).scheduled(LATER, edge)).toMatchObject({ kind: "published", waiting: 0 });
        const purged = new Set(edge.calls.flatMap((c) => c.tags));
        const [before, after] = [at(NOW), at(LATER)];
        for (const path of routes(articles)) {
          const [a, b] = [await before.fetch(path), await after.fetch(path)];
          const changed = a.status !== b.status || (await a.text()) !== (await b.text());
          const tags = [a, b].flatMap((r) => (r.headers.get("cache-tag") ?? "").split(",").filter(Boolean));
          const hit = tags.filter((t) => purged.has(t));
          if (changed) expect(hit, `${path} changed, no tag purged`).not.toEqual([]);
          else expect(hit, `${path} unchanged, purged`).toEqual([]);
        }
      }),
      { numRuns: 20, seed: 20261206 },
    );
  }, 120_000);
});
