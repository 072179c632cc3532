/**
 * Workers Cache in front of the worker (issue 24), tested with a fake ctx.cache (local development
 * does not simulate the edge): each route family states its edge freshness and names what it shows
 * in Cache-Tag; when the cron finds a scheduled article come out, it purges exactly the tags of
 * the routes that changed, and a failed purge is retried on the next run without holding back the
 * WebSub ping.
 */
import { describe, expect, it } from "vitest";
import { STATE_KEY } from "../../src/scheduled/index.ts";
import { harness, tierOf } from "./harness.ts";
import { fakeEdge, type FakeEdge } from "./fake-edge.ts";
import { memoryKv } from "./memory-kv.ts";
import { fixtureSite } from "./model.ts";
import { SEED_SLUG } from "../support/site.ts";

const NOW = Date.parse("2026-12-01T12:00:00+08:00");
const EXPO = Date.parse("2099-09-01T09:00:00+08:00");
const ORIGIN = fixtureSite.site.origin;
const DAY = "public, max-age=86400, stale-while-revalidate=86400";
const enc = encodeURIComponent;

const purgedBy = (edge: FakeEdge) => new Set(edge.calls.flatMap((c) => c.tags));

const at = (now: number, kv = memoryKv()) =>
  harness({ content: fixtureSite, clock: () => now, builtAt: NOW }, { RENDER_CACHE: kv as unknown as KVNamespace });

const tagsOf = (res: Response) => (res.headers.get("cache-tag") ?? "").split(",").filter(Boolean);

describe("edge headers and Cache-Tags per route family", () => {
  it.each([
    ["/", DAY, ["l:%2F", "site"]],
    ["/categories/news", DAY, ["l:%2Fcategories%2Fnews", "site"]],
    [`/tags/${enc("禅城区")}`, DAY, [`l:${enc(`/tags/${enc("禅城区")}`)}`, "site"]],
    ["/archive/2025/11", DAY, ["l:%2Farchive%2F2025%2F11", "site"]],
    ["/tags", DAY, ["tags", "site"]],
    ["/archive", DAY, ["archive", "site"]],
    ["/sitemaps/pages.xml", DAY, ["tag-list", "archive-list", "site"]],
    [
      `/articles/${SEED_SLUG}`,
      DAY,
      [
        `a:${SEED_SLUG}`,
        `n:${SEED_SLUG}`,
        ...["全面深化改革", "禅城区", "南庄", "石湾", "张槎", "祖庙"].map((t) => `rt:${enc(t)}`),
        "site",
      ],
    ],
    ["/feed.xml", DAY, ["l:%2F", "site"]],
    ["/categories/outlook/atom.xml", DAY, ["l:%2Fcategories%2Foutlook", "site"]],
    ["/categories/legal/atom.xml", DAY, ["l:%2Fcategories%2Flegal", "l:%2F", "site"]],
    ["/sitemap.xml", DAY, ["site"]],
    ["/sitemaps/articles-1.xml", DAY, ["sitemap:0", "site"]],
    ["/api/v1/articles", DAY, ["l:%2F", "site"]],
    // A combination of filters is not a list of the site: a minute at the edge, as in KV never.
    [
      "/api/v1/articles?category=news&year=2026",
      "public, max-age=60",
      ["l:%2Fcategories%2Fnews", "l:%2Farchive%2F2026", "site"],
    ],
    [`/api/v1/articles/${SEED_SLUG}`, DAY, [`a:${SEED_SLUG}`, "site"]],
    ["/api/v1/categories", DAY, ["sections", "site"]],
    [`/embed/articles/${SEED_SLUG}`, DAY, [`a:${SEED_SLUG}`, "site"]],
    [`/search?q=${enc("禅城")}`, "public, max-age=60", ["site"]],
    [`/api/v1/search?q=${enc("禅城")}`, "public, max-age=60", ["site"]],
    ["/robots.txt", DAY, ["site"]],
  ])("%s: CDN-Cache-Control %s, Cache-Tag %j", async (path, edge, tags) => {
    const res = await at(NOW).fetch(path);
    expect(res.status).toBe(200);
    expect(res.headers.get("cdn-cache-control")).toBe(edge);
    expect(tagsOf(res)).toEqual(tags);
  });

  it("keeps an article page's related tags, which its render adds, when the page comes from KV", async () => {
    const options = { content: fixtureSite, clock: () => NOW, builtAt: NOW };
    const first = harness(options);
    const rendered = await first.fetch(`/articles/${SEED_SLUG}`);
    const fromKv = await harness(options, {}, first.renderVersion).fetch(`/articles/${SEED_SLUG}`);
    expect([tierOf(rendered), tierOf(fromKv)]).toEqual(["render", "kv"]);
    expect(tagsOf(fromKv)).toEqual(tagsOf(rendered));
    expect(tagsOf(fromKv)).toContain(`rt:${enc("禅城区")}`);
  });

  it("keeps errors a minute at the edge", async () => {
    const res = await at(NOW).fetch("/articles/no-such-article");
    expect(res.status).toBe(404);
    expect(res.headers.get("cdn-cache-control")).toBe("public, max-age=60");
  });

  it("bounds a tag too long for a CDN by a digest, never a comma or a space in a tag", async () => {
    const { cacheTag } = await import("../../src/serving/index.ts");
    const long = cacheTag.list(`/tags/${enc("标".repeat(300))}`);
    expect(long).toMatch(/^l#[0-9a-f]{32}$/);
    expect(cacheTag.list("/tags/a,b c")).toBe("l:%2Ftags%2Fa%2Cb%20c");
  });
});

/** Every route family of the fixture, the scheduled article's own routes included. */
const ROUTES = [
  "/",
  "/categories/news",
  "/categories/outlook",
  "/categories/charity",
  `/tags/${enc("禅城区")}`,
  `/tags/${enc("展会")}`,
  "/tags",
  "/archive",
  "/archive/2025",
  "/archive/2099",
  "/feeds",
  "/feed.xml",
  "/atom.xml",
  "/categories/news/feed.json",
  "/categories/outlook/feed.xml",
  `/tags/${enc("禅城区")}/feed.xml`,
  "/sitemap.xml",
  "/sitemaps/pages.xml",
  "/sitemaps/articles-1.xml",
  "/api/v1/articles",
  "/api/v1/articles?category=outlook",
  "/api/v1/tags",
  "/api/v1/categories",
  ...[
    "chancheng-2018-reform-four-towns",
    "member-congress-2026",
    "tile-exports-2025",
    "school-books-2025",
    "ceramics-expo-2099",
  ].flatMap((slug) => [`/articles/${slug}`, `/api/v1/articles/${slug}`, `/embed/articles/${slug}`]),
];

describe("the cron's purge when a scheduled article comes out", () => {
  it("purges exactly the tags of the routes whose bytes change, and no route whose bytes stay", async () => {
    const kv = memoryKv();
    const edge = fakeEdge(NOW);
    const before = at(NOW, kv);
    expect(await before.scheduled(NOW, edge)).toEqual({ kind: "first-run" });
    edge.now = EXPO;
    const result = await at(EXPO, kv).scheduled(EXPO, edge);
    expect(result).toMatchObject({ kind: "published", purgeCalls: 1, waiting: 0 });
    const purged = purgedBy(edge);
    expect([...purged].sort()).toEqual(
      [
        "l:%2F",
        "tags",
        "tag-list",
        "archive",
        "archive-list",
        "sections",
        "sitemap:0",
        "a:ceramics-expo-2099",
        "l:%2Fcategories%2Fnews",
        "l:%2Farchive%2F2099",
        "l:%2Farchive%2F2099%2F09",
        "n:member-congress-2026",
        `l:${enc(`/tags/${enc("展会")}`)}`,
        `rt:${enc("展会")}`,
        "related",
      ].sort(),
    );
    for (const path of ROUTES) {
      const [a, b] = [await at(NOW).fetch(path), await at(EXPO).fetch(path)];
      const changed = a.status !== b.status || (await a.text()) !== (await b.text());
      const hit = [...tagsOf(a), ...tagsOf(b)].filter((t) => purged.has(t));
      if (changed) expect(hit, `${path} changed but none of its tags was purged`).not.toEqual([]);
      else expect(hit, `${path} did not change but was purged`).toEqual([]);
    }
  });

  it("retries a failed purge on the next run, and pings the hub all the same", async () => {
    const kv = memoryKv();
    const edge = fakeEdge(NOW);
    const hub: string[] = [];
    const withHub = { ...fixtureSite, site: { ...fixtureSite.site, websub: "https://hub.example/" } };
    const app = (now: number) =>
      harness(
        {
          content: withHub,
          clock: () => now,
          builtAt: NOW,
          hubFetch: async (_input, init) => {
            hub.push(new URLSearchParams(String(init?.body)).get("hub.url")!);
            return new Response(null, { status: 204 });
          },
        },
        { RENDER_CACHE: kv as unknown as KVNamespace },
      );
    await app(NOW).scheduled(NOW, edge);
    // The edge answers 429: the account's bucket was spent by other purges.
    edge.refuse = 1;
    edge.now = EXPO;
    const first = await app(EXPO).scheduled(EXPO, edge);
    expect(first).toMatchObject({ kind: "published", purged: [], purgeCalls: 1, waiting: 15 });
    expect(hub).toContain(`${ORIGIN}/feed.xml`);
    expect(JSON.parse(kv.map.get(STATE_KEY)!).purge).toContain("l:%2F");
    edge.now = EXPO + 60_000;
    const again = await app(EXPO + 60_000).scheduled(EXPO + 60_000, edge);
    expect(again).toMatchObject({ kind: "published", failed: [], purgeCalls: 1, waiting: 0 });
    expect(purgedBy(edge)).toContain("l:%2F");
    expect(JSON.parse(kv.map.get(STATE_KEY)!).purge).toEqual([]);
  });
});
