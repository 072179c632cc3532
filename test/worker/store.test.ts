/**
 * The content store beside the worker: visibility (drafts never packed, scheduled articles hidden
 * until their time, store files never public), faults (a lost or corrupt file degrades one route
 * and logs one line), and the sitemap index over child sitemaps.
 */
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { LAYOUT } from "../../src/content/store/format.ts";
import { harness } from "./harness.ts";
import { makeArticle, makeModel } from "./model.ts";

const decoder = new TextDecoder();
const iso = (s: string) => Date.parse(s);

const draft = makeArticle({ slug: "draft", title: "草稿文章", draft: true });
const scheduled = makeArticle({
  slug: "later",
  title: "定时文章",
  published: { kind: "exact", iso: "2026-12-01T08:00:00+08:00" },
});
const out = makeArticle({ slug: "out", title: "已发布文章" });
const model = makeModel([scheduled, out, draft]);

/** Every route that lists or shows articles, in every format. */
const ROUTES = [
  "/",
  "/categories/news",
  "/feed.xml",
  "/atom.xml",
  "/feed.json",
  "/categories/news/feed.xml",
  "/api/v1/articles",
  "/api/v1/articles?category=news",
  "/api/v1/categories",
  "/sitemaps/articles-1.xml",
  "/articles/out",
];

async function bodies(app: ReturnType<typeof harness>): Promise<string> {
  let all = "";
  for (const path of ROUTES) all += await (await app.fetch(path)).text();
  return all;
}

describe("visibility", () => {
  it("never writes a draft into a deployed store", () => {
    const app = harness({ content: model, builtAt: iso("2026-11-27T00:00:00Z") });
    const text = [...app.files.values()].map((b) => decoder.decode(b)).join("\n");
    expect(text).not.toContain("草稿文章");
    expect(text).not.toContain('"slug":"draft"');
    expect(text).toContain("已发布文章");
  });

  it("shows no draft and no scheduled article in any output before its time", async () => {
    const app = harness({
      content: model,
      builtAt: iso("2026-11-27T00:00:00Z"),
      clock: () => iso("2026-12-01T07:59:59+08:00"),
    });
    const text = await bodies(app);
    expect(text).toContain("已发布文章");
    expect(text).not.toContain("草稿文章");
    expect(text).not.toContain("定时文章");
    expect(text).not.toContain("/articles/later");
    for (const path of ["/articles/later", "/api/v1/articles/later", "/embed/articles/later", "/articles/draft"]) {
      expect((await app.fetch(path)).status, path).toBe(404);
    }
    const counts = (await (await app.fetch("/api/v1/categories")).json()) as { slug: string; articles: number }[];
    expect(counts.find((c) => c.slug === "news")!.articles).toBe(1);
  });

  it("shows the scheduled article everywhere from its time on, without a rebuild", async () => {
    const app = harness({
      content: model,
      builtAt: iso("2026-11-27T00:00:00Z"),
      clock: () => iso("2026-12-01T08:00:00+08:00"),
    });
    const text = await bodies(app);
    expect(text).toContain("定时文章");
    expect(text).toContain("https://www.chancheng-ceramics.example/articles/later");
    expect((await app.fetch("/articles/later")).status).toBe(200);
    expect(await (await app.fetch("/articles/out")).text()).toContain('<a href="/articles/later">定时文章</a>');
  });

  it("keeps the deployed store's files from outside, however the path is spelled", async () => {
    // x/facets.json is written for any content, none at all included.
    const store = await env.ASSETS.fetch("https://assets.local/_store/x/facets.json");
    expect(store.status).toBe(200); // the file is deployed: only the worker keeps it private
    await store.arrayBuffer();
    for (const path of [
      "/_store/x/facets.json",
      "/%5Fstore/x/facets.json",
      "/%5fstore/x/facets.json",
      "//_store/x/facets.json",
      "/media/../_store/x/facets.json",
      "/media/%2e%2e/_store/x/facets.json",
      "/media/..%2F_store%2Fx%2Ffacets.json",
      "/_store/",
    ]) {
      // A spelling with escaped unreserved characters first redirects to its plain form (one
      // spelling per URL); that form is a 404 like the rest.
      const res = await exports.default.fetch(`http://localhost${path}`);
      expect(res.status, path).toBe(404);
      expect(await res.text(), path).not.toContain('"undated"');
    }
  });
});

describe("faults", () => {
  it("answers 404 for an article whose pack is lost, and logs one line", async () => {
    const app = harness({ content: makeModel([out]) });
    app.files.delete("a/news/0.pack");
    expect((await app.fetch("/articles/out")).status).toBe(404);
    expect(app.logs.filter((l) => l.level === "error")).toEqual([
      { level: "error", msg: "store file missing", kind: "pack", path: "a/news/0.pack" },
    ]);
    expect((await app.fetch("/")).status).toBe(200);
  });

  it("renders a list without the entries of a lost shard, and logs it", async () => {
    const articles = Array.from({ length: 3 }, (_, i) => makeArticle({ slug: `a${i}`, title: `标题${i}` }));
    const app = harness({ content: makeModel(articles), layout: { ...LAYOUT, shard: 2 } });
    app.files.delete("l/all/0.json"); // the two oldest: a2 and a1
    const res = await app.fetch("/");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("标题0");
    expect(html).not.toContain("标题1");
    expect(app.logs).toContainEqual({ level: "error", msg: "store file missing", kind: "list", path: "l/all/0.json" });
  });

  it("never answers with another article's record from a pack that does not hold it", async () => {
    const app = harness({
      content: makeModel([makeArticle({ slug: "x", title: "X" }), makeArticle({ slug: "y", title: "Y" })]),
    });
    const y = harness({
      content: makeModel([makeArticle({ slug: "y", title: "Y" }), makeArticle({ slug: "x", title: "X" })]),
    });
    app.files.set("a/news/0.pack", y.files.get("a/news/0.pack")!); // x and y swapped
    expect((await app.fetch("/articles/x")).status).toBe(404);
    expect(app.logs).toContainEqual({ level: "error", msg: "store file corrupt", kind: "pack", path: "a/news/0.pack" });
  });

  it("answers 404 for an article whose pack is corrupt, and logs it", async () => {
    const app = harness({ content: makeModel([out]) });
    app.files.set("a/news/0.pack", new TextEncoder().encode("not a pack"));
    expect((await app.fetch("/articles/out")).status).toBe(404);
    expect(app.logs[0]).toMatchObject({ level: "error", msg: "store file corrupt", path: "a/news/0.pack" });
  });

  it("reads nothing from the store for a page served from memory", async () => {
    const app = harness({ content: makeModel([out]) });
    await app.fetch("/articles/out");
    const reads = app.reads.length;
    await app.fetch("/articles/out");
    await app.fetch("/articles/out", { method: "HEAD" });
    expect(app.reads.length).toBe(reads);
  });
});

describe("sitemap index", () => {
  const articles = Array.from({ length: 5 }, (_, i) => makeArticle({ slug: `s${i}` }));
  const app = harness({ content: makeModel(articles), layout: { ...LAYOUT, sitemap: 2 } });
  const locs = async (path: string) =>
    [...(await (await app.fetch(path)).text()).matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) =>
      m[1]!.replace(/^https:\/\/[^/]+/, ""),
    );

  it("lists the pages' sitemap and one child per chunk of articles", async () => {
    expect(await locs("/sitemap.xml")).toEqual([
      "/sitemaps/pages.xml",
      "/sitemaps/articles-1.xml",
      "/sitemaps/articles-2.xml",
      "/sitemaps/articles-3.xml",
    ]);
  });

  it("holds every article once across the children, oldest first, at most the chunk size each", async () => {
    const children = await Promise.all([1, 2, 3].map((n) => locs(`/sitemaps/articles-${n}.xml`)));
    expect(children.map((c) => c.length)).toEqual([2, 2, 1]);
    expect(children.flat()).toEqual(["/articles/s4", "/articles/s3", "/articles/s2", "/articles/s1", "/articles/s0"]);
  });

  it("answers 404 past the last child and for a malformed name", async () => {
    for (const path of [
      "/sitemaps/articles-4.xml",
      "/sitemaps/articles-0.xml",
      "/sitemaps/articles-01.xml",
      "/sitemaps/x.xml",
    ]) {
      expect((await app.fetch(path)).status, path).toBe(404);
    }
  });
});
