/**
 * Purges within the edge's documented limits (issue 30): at most 100 tags a call, a token bucket
 * of 5 calls a minute and 25 at once kept across cron runs, the rest waiting for the next run
 * oldest first, refusals kept and retried; a publish's tags grow with the article's own tags and
 * lists, not with how many articles share them; and once the queue drains, no route the edge
 * holds is stale. The fake edge (fake-edge.ts) enforces the limits and fails a test over them.
 */
import { describe, expect, it } from "vitest";
import { paths } from "../../src/content/index.ts";
import type { Article } from "../../src/content/model.ts";
import { sendPurges, type PurgeBucket } from "../../src/serving/purge.ts";
import { relatedTags } from "../../src/serving/tags.ts";
import { fakeEdge } from "./fake-edge.ts";
import { harness, type Harness } from "./harness.ts";
import { memoryKv } from "./memory-kv.ts";
import { makeArticle, makeModel } from "./model.ts";

const T0 = Date.parse("2027-01-05T09:00:00+08:00");
const MINUTE = 60_000;
const tagsOf = (n: number, prefix = "t") => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const quiet = () => {};

/** Purges through `edge` at its clock, as the cron does: the queue and bucket it keeps. */
async function run(edge: ReturnType<typeof fakeEdge>, queue: string[], bucket?: PurgeBucket) {
  return sendPurges((tags) => edge.purge({ tags }), queue, bucket, edge.now, quiet);
}

describe("the purge queue and its token bucket", () => {
  it("sends at most 100 tags a call and 25 calls at once; the rest waits, oldest first", async () => {
    const edge = fakeEdge(T0);
    const first = await run(edge, tagsOf(3000));
    expect(first.calls).toBe(25);
    expect(edge.calls.map((c) => c.tags.length)).toEqual(Array(25).fill(100));
    expect(first.purged).toEqual(tagsOf(2500));
    expect(first.queue).toEqual(tagsOf(3000).slice(2500));
    expect(first.bucket).toEqual({ tokens: 0, at: T0 });
    expect(edge.violations).toEqual([]);
  });

  it("refills 5 calls a minute across runs, from the bucket kept", async () => {
    const edge = fakeEdge(T0);
    const first = await run(edge, tagsOf(3000));
    edge.now = T0 + MINUTE;
    const second = await run(edge, first.queue, first.bucket);
    expect(second.calls).toBe(5);
    expect(second.purged).toEqual(tagsOf(3000).slice(2500));
    expect(second.queue).toEqual([]);
    edge.now = T0 + MINUTE + 12_000;
    // 12 s later: one token (5 a minute), so one call.
    const third = await run(edge, tagsOf(300, "u"), second.bucket);
    expect(third.calls).toBe(1);
    expect(third.queue).toEqual(tagsOf(300, "u").slice(100));
    expect(edge.violations).toEqual([]);
  });

  it("keeps a refused call's tags at the head of the queue and stops until the next run", async () => {
    const edge = fakeEdge(T0);
    edge.refuse = 1;
    const first = await run(edge, tagsOf(150));
    expect(first).toMatchObject({ calls: 1, purged: [], queue: tagsOf(150), bucket: { tokens: 0, at: T0 } });
    edge.now = T0 + 5 * MINUTE;
    const second = await run(edge, [...first.queue, "later"], first.bucket);
    expect(edge.calls.map((c) => c.tags)).toEqual([tagsOf(100), [...tagsOf(150).slice(100), "later"]]);
    expect(second.queue).toEqual([]);
  });

  it("keeps the tags of a call that throws", async () => {
    const sent = await sendPurges(
      async () => {
        throw new Error("network");
      },
      ["a", "b"],
      undefined,
      T0,
      quiet,
    );
    expect(sent).toMatchObject({ calls: 1, purged: [], queue: ["a", "b"] });
  });
});

describe("an article page's related tags", () => {
  it("name each of the article's tags, once", () => {
    expect(relatedTags(["陶瓷", "展会", "陶瓷"])).toEqual([
      `rt:${encodeURIComponent("陶瓷")}`,
      `rt:${encodeURIComponent("展会")}`,
    ]);
  });

  it("fall back to `related`, which every publish of a tagged article purges, past 20 tags or 512 characters", () => {
    expect(relatedTags(tagsOf(20))).toHaveLength(20);
    expect(relatedTags(tagsOf(21))).toEqual(["related"]);
    // Three tags of 2 + 20 CJK characters, percent-encoded: 3 × (3 + 2 + 180 + 1) characters.
    expect(relatedTags(tagsOf(3).map((t) => t + "陶".repeat(20)))).toEqual(["related"]);
    expect(relatedTags(tagsOf(2).map((t) => t + "陶".repeat(20)))).toHaveLength(2);
  });
});

describe("the fake edge enforces the documented limits", () => {
  it("refuses a call of 101 tags and a 26th call in a burst, and reports each", async () => {
    const problems: string[] = [];
    const edge = fakeEdge(T0, (p) => problems.push(p));
    expect((await edge.purge({ tags: tagsOf(101) })).success).toBe(false);
    for (let i = 0; i < 25; i++) expect((await edge.purge({ tags: ["x"] })).success).toBe(true);
    expect((await edge.purge({ tags: ["x"] })).success).toBe(false);
    edge.now = T0 + 12_000;
    expect((await edge.purge({ tags: ["x"] })).success).toBe(true);
    expect(problems).toEqual([
      "a purge call of 101 tags (at most 100)",
      "purge call 27 at 2027-01-05T01:00:00.000Z with the bucket empty (5 a minute, burst 25)",
    ]);
  });
});

/** Three shared tags, so each is on about 160 of 240 articles: related lists reach far back. */
const SHARED = ["陶瓷", "展会", "出口"];
const SECTIONS = ["news", "outlook", "charity"];

function site(): { articles: Article[]; scheduled: Article[] } {
  const published = Array.from({ length: 240 }, (_, i) =>
    makeArticle({
      slug: `old-${i}`,
      category: SECTIONS[i % 3]!,
      tags: [SHARED[i % 3]!, SHARED[(i + 1) % 3]!],
      published: {
        kind: "exact",
        iso: new Date(Date.parse("2025-01-01T09:00:00+08:00") + i * 86_400_000).toISOString(),
      },
    }),
  );
  // Twenty come out within the half hour, each with two shared tags and one of its own.
  const scheduled = Array.from({ length: 20 }, (_, i) =>
    makeArticle({
      slug: `new-${i}`,
      category: SECTIONS[i % 3]!,
      tags: [SHARED[i % 3]!, SHARED[(i + 2) % 3]!, `专题${i}`],
      published: { kind: "exact", iso: new Date(T0 + (i + 1) * MINUTE).toISOString() },
    }),
  );
  // Newest first, as the build hands them over (scripts/content/build.ts).
  return { articles: [...published, ...scheduled].reverse(), scheduled };
}

/** Every route of the site a reader or a feed reader asks for: each list at every page and one past. */
function routes(articles: Article[], pageSize: number): string[] {
  const count = new Map<string, number>([["", articles.length]]);
  const add = (base: string) => count.set(base, (count.get(base) ?? 0) + 1);
  for (const a of articles) {
    add(paths.section(a.category));
    for (const t of a.tags) add(paths.tag(t));
  }
  const pages = (base: string, n: number) =>
    Array.from({ length: Math.ceil(n / pageSize) + 1 }, (_, i) => paths.page(base, i + 1));
  const feeds = (base: string) => [`${base}/feed.xml`, `${base}/atom.xml`, `${base}/feed.json`];
  // Every article page (related lists reach far back); the API record and the card of the new
  // ones and of a few old ones.
  const some = articles.filter((a, i) => a.slug.startsWith("new-") || i % 24 === 0);
  return [
    ...[...count].flatMap(([base, n]) => [...pages(base, n), ...feeds(base)]),
    ...[paths.archive(2025), paths.archive(2027), paths.archive(2027, 1), paths.archive(2025, 8)],
    "/tags",
    "/archive",
    "/feeds",
    "/sitemap.xml",
    "/sitemaps/pages.xml",
    "/sitemaps/articles-1.xml",
    "/api/v1/articles",
    "/api/v1/articles?page=2",
    "/api/v1/tags",
    "/api/v1/categories",
    ...articles.map((a) => paths.article(a.slug)),
    ...some.flatMap((a) => [`/api/v1/articles/${a.slug}`, `/embed/articles/${a.slug}`]),
  ];
}

/** The routes whose answer through the edge differs from a fresh render at the edge's time. */
async function stale(edge: ReturnType<typeof fakeEdge>, worker: Harness, fresh: Harness, all: string[]) {
  const found: string[] = [];
  for (const path of all) {
    const [a, b] = [await edge.fetch(worker, path), await fresh.fetch(path)];
    if (a.status !== b.status || a.body !== (await b.text())) found.push(path);
  }
  return found;
}

describe("twenty scheduled articles coming out in one cron run", () => {
  it.each([
    ["the edge takes every call", 0],
    ["the edge refuses the first call (429: the account's bucket spent elsewhere)", 1],
  ])(
    "stay within the limits and leave no stale route once the queue drains: %s",
    async (_, refuse) => {
      const { articles, scheduled } = site();
      const model = makeModel(articles);
      const kv = memoryKv();
      const at = (now: number) =>
        harness({ content: model, clock: () => now, builtAt: T0 }, { RENDER_CACHE: kv as unknown as KVNamespace });
      const all = routes(articles, model.site.pageSize);
      const edge = fakeEdge(T0);
      expect(await at(T0).scheduled(T0, edge)).toEqual({ kind: "first-run" });
      // Readers ask for every route before the articles come out: the edge holds them all.
      const before = at(T0);
      for (const path of all) await edge.fetch(before, path);

      const t1 = T0 + 30 * MINUTE;
      edge.now = t1;
      edge.refuse = refuse;
      const published = await at(t1).scheduled(t1, edge);
      expect(published.kind).toBe("published");
      if (published.kind !== "published") return;
      // Twenty articles' tags: the 6 indexes', then 20 a:, 1 sitemap, 3 sections, 2 archive
      // lists, 21 n: (each new one's neighbours, and old-239's), 23 tag lists, 23 rt: and
      // `related`: 100, one call, however many of the 240 articles share their tags.
      const tagCount = published.purged.length + published.waiting;
      expect(tagCount).toBe(100);
      if (refuse) {
        expect(published).toMatchObject({ purgeCalls: 1, purged: [], waiting: tagCount });
        // While the tags wait, the edge still answers old bytes: what the check below would catch.
        expect((await stale(edge, at(t1), at(t1), all)).length).toBeGreaterThan(50);
      } else {
        expect(published).toMatchObject({ purgeCalls: 1, waiting: 0 });
      }

      // Later runs, five minutes apart, until the queue is empty.
      let now = t1;
      for (let runs = 0; runs < 5 && JSON.parse(kv.map.get("websub:state")!).purge.length > 0; runs++) {
        now += 5 * MINUTE;
        edge.now = now;
        await at(now).scheduled(now, edge);
      }
      expect(JSON.parse(kv.map.get("websub:state")!).purge).toEqual([]);
      expect(edge.violations).toEqual([]);
      expect(edge.calls.every((c) => c.tags.length <= 100)).toBe(true);
      expect(await stale(edge, at(now), at(now), all)).toEqual([]);
      // Each new article's own routes are now served: the edge forgot their 404s.
      for (const a of scheduled) expect((await edge.fetch(at(now), paths.article(a.slug))).status).toBe(200);
      // Purge calls the edge took for the twenty: 1 (0.05 a newly visible article).
      expect(edge.calls.length).toBe(1);
    },
    180_000,
  );
});
