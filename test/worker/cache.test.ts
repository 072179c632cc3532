import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { MemoryTier, RenderCache, type Entry } from "../../src/cache/index.ts";
import { RouteMemo } from "../../src/serving/index.ts";
import { harness, tierOf } from "./harness.ts";
import { content, makeArticle, makeModel } from "./model.ts";

const seedPath = `/articles/${content.articles[0]!.slug}`;
const ROUTES = ["/", "/page/1", "/categories/news", seedPath];

/** A KV namespace whose every call fails the given way. */
function brokenKv(mode: "throw" | "hang" | "429"): KVNamespace {
  const never = new Promise<never>(() => {});
  const fail = () => Promise.reject(new Error("KV GET failed: 500 Internal Server Error"));
  return {
    getWithMetadata: () =>
      mode === "hang" ? never : mode === "throw" ? fail() : Promise.resolve({ value: null, metadata: null }),
    put: () =>
      Promise.reject(new Error(mode === "429" ? "KV PUT failed: 429 Too Many Requests" : "KV PUT failed: 500")),
  } as unknown as KVNamespace;
}

/** A render that takes a few milliseconds and counts its calls. */
function slowRender() {
  let renders = 0;
  const render = async () => {
    renders++;
    await new Promise((r) => setTimeout(r, 5));
    return { body: "x", type: "text/plain" };
  };
  return { render, count: () => renders };
}

describe("render cache tiers", () => {
  it("renders the first request and answers the second from memory", async () => {
    const app = harness({ content });
    const first = await app.fetch(seedPath);
    expect(first.headers.get("server-timing")).toMatch(/^cache;desc=render, render;dur=\d+\.\d\d$/);
    const second = await app.fetch(seedPath);
    expect(second.headers.get("server-timing")).toBe("cache;desc=memory");
    expect(await second.text()).toBe(await first.text());
  });

  it("writes the render to KV once, and a fresh isolate answers from KV", async () => {
    const a = harness({ content });
    await a.fetch(seedPath);
    await a.fetch(seedPath);
    const keys = await a.kvKeys();
    expect(keys).toEqual([`render:${a.renderVersion}:${content.version}:0:html:${seedPath}`]);
    const stored = await env.RENDER_CACHE.getWithMetadata<Omit<Entry, "body">>(keys[0]!);
    expect(stored.metadata).toMatchObject({
      type: "text/html; charset=utf-8",
      etag: expect.stringMatching(/^"[\w-]{22}"$/),
    });

    const isolate2 = harness({ content }, {}, a.renderVersion);
    const res = await isolate2.fetch(seedPath);
    expect(tierOf(res)).toBe("kv");
    expect(res.headers.get("etag")).toBe(stored.metadata!.etag);
    expect(await res.text()).toBe(stored.value);
  });

  it("serves a KV hit when the memory tier is disabled", async () => {
    const app = harness({ content, cache: { memoryBytes: 0 } });
    const first = await app.fetch(seedPath);
    expect(tierOf(first)).toBe("render");
    const second = await app.fetch(seedPath);
    expect(tierOf(second)).toBe("kv");
    expect(second.headers.get("etag")).toBe(first.headers.get("etag"));
    expect(await second.text()).toBe(await first.text());
  });

  it("renders each concurrent miss on its own (a render reads the store: I/O of its own request)", async () => {
    const cache = new RenderCache({ memoryBytes: 1 << 20 });
    const { render, count } = slowRender();
    const results = await Promise.all(Array.from({ length: 10 }, () => cache.get("k", render, { write: false })));
    expect(count()).toBe(10);
    expect(new Set(results.map((r) => r.entry.etag)).size).toBe(1);
  });

  it("answers concurrent first requests for a store-reading route through the real ASSETS binding", async () => {
    const responses = await Promise.all(
      Array.from({ length: 24 }, () => exports.default.fetch("http://localhost/sitemaps/articles-1.xml")),
    );
    expect(responses.map((r) => r.status)).toEqual(Array.from({ length: 24 }, () => 200));
    await Promise.all(responses.map((r) => r.arrayBuffer()));
  });

  it("lets each request read KV itself (KV I/O belongs to one request)", async () => {
    let reads = 0;
    const kv = {
      getWithMetadata: async () => {
        reads++;
        return { value: null, metadata: null };
      },
      put: async () => {},
    } as unknown as KVNamespace;
    const cache = new RenderCache({ memoryBytes: 1 << 20 });
    const { render, count } = slowRender();
    await Promise.all(Array.from({ length: 5 }, () => cache.get("k", render, { kv, write: false })));
    expect(reads).toBe(5);
    expect(count()).toBe(5);
  });

  it("uses a new key when the content changes", async () => {
    const app1 = harness({ content: makeModel([makeArticle({ slug: "x" })]) });
    const model2 = { ...makeModel([makeArticle({ slug: "x" })]), version: "changed000000000" };
    const app2 = harness({ content: model2 });
    await app1.fetch("/articles/x");
    await app2.fetch("/articles/x");
    const [k1] = await app1.kvKeys();
    const [k2] = await app2.kvKeys();
    expect(k1).toContain(":test0000test0000:");
    expect(k2).toContain(":changed000000000:");
  });

  it("does not write to KV on HEAD, and answers HEAD without a body", async () => {
    const app = harness({ content });
    const res = await app.fetch(seedPath, { method: "HEAD" });
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toMatch(/^"/);
    expect(await res.text()).toBe("");
    expect(await app.kvKeys()).toEqual([]);
  });

  it("answers HEAD from the cache without rendering when the entry exists", async () => {
    const app = harness({ content });
    await app.fetch(seedPath);
    const head = await app.fetch(seedPath, { method: "HEAD" });
    expect(head.headers.get("server-timing")).toBe("cache;desc=memory");
  });

  it("does not cache errors", async () => {
    const app = harness({ content });
    expect((await app.fetch("/articles/nope")).status).toBe(404);
    expect((await app.fetch("/page/abc")).status).toBe(400);
    expect(await app.kvKeys()).toEqual([]);
  });

  it("keeps one key per route whatever the query string", async () => {
    const app = harness({ content });
    for (let i = 0; i < 20; i++) await app.fetch(`/?utm_source=${i}&x=${"y".repeat(500)}`);
    expect(await app.kvKeys()).toEqual([`render:${app.renderVersion}:${content.version}:0:html:/`]);
  });
});

describe("never down because of KV", () => {
  for (const mode of ["throw", "hang", "429"] as const) {
    it(`answers every route with 200 and the right body when KV ${mode}s`, async () => {
      const healthy = harness({ content, cache: { memoryBytes: 0 } });
      const broken = harness(
        { content, cache: { memoryBytes: 0, kvReadBudgetMs: 20 } },
        { RENDER_CACHE: brokenKv(mode) },
      );
      for (const path of ROUTES.filter((p) => p !== "/page/1")) {
        const res = await broken.fetch(path);
        expect(res.status, path).toBe(200);
        expect(tierOf(res)).toBe("render");
        expect(await res.text()).toBe(await (await healthy.fetch(path)).text());
      }
      const expected = {
        throw: "kv read failed, rendering",
        hang: "kv read over budget, rendering",
        "429": "kv write failed, dropped",
      };
      expect(broken.logs.map((l) => l.msg)).toContain(expected[mode]);
    });
  }
});

describe("scheduled articles", () => {
  it("appear in lists when their time comes, without a new deploy or a stale cached list", async () => {
    let now = Date.parse("2026-12-01T07:00:00+08:00");
    const model = makeModel([
      makeArticle({ slug: "later", title: "定时发布", published: { kind: "exact", iso: "2026-12-01T08:00:00+08:00" } }),
      makeArticle({ slug: "earlier", title: "已发布" }),
    ]);
    const app = harness({ content: model, clock: () => now });
    const before = await (await app.fetch("/")).text();
    expect(before).toContain("已发布");
    expect(before).not.toContain("定时发布");
    now = Date.parse("2026-12-01T08:00:00+08:00");
    const after = await app.fetch("/");
    expect(tierOf(after)).toBe("render");
    expect(await after.text()).toContain("定时发布");
  });
});

describe("memory tier", () => {
  it("evicts the least recently used entries beyond its byte bound", () => {
    const tier = new MemoryTier<{ body: string }>(3000);
    tier.set("a", { body: "a".repeat(400) });
    tier.set("b", { body: "b".repeat(400) });
    tier.get("a");
    tier.set("c", { body: "c".repeat(400) });
    expect(tier.get("b")).toBeUndefined();
    expect(tier.get("a")?.body).toHaveLength(400);
    expect(tier.get("c")?.body).toHaveLength(400);
    expect(tier.bytes).toBeLessThanOrEqual(3000);
  });

  it("does not keep an entry larger than the whole tier", () => {
    const tier = new MemoryTier<{ body: string }>(1000);
    tier.set("big", { body: "x".repeat(1000) });
    expect(tier.size).toBe(0);
  });
});

describe("fast path for repeat requests", () => {
  it("answers a repeat request from memory with the same headers and body as the routed answer", async () => {
    const app = harness({ content });
    await app.fetch("/api/v1/articles?limit=5");
    const routed = await app.fetch("/api/v1/articles?limit=5"); // memory hit through the router
    const fast = await app.fetch("/api/v1/articles?limit=5"); // memory hit through the memo
    expect(tierOf(fast)).toBe("memory");
    expect([...fast.headers]).toEqual([...routed.headers]);
    expect(await fast.text()).toBe(await routed.text());
  });

  it("keeps conditional requests and HEAD correct", async () => {
    const app = harness({ content });
    const first = await app.fetch(seedPath);
    await app.fetch(seedPath);
    const etag = first.headers.get("etag")!;
    expect((await app.fetch(seedPath, { headers: { "if-none-match": etag } })).status).toBe(304);
    const head = await app.fetch(seedPath, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
  });

  it("is bounded in bytes: a flood of distinct URLs empties it instead of growing it", () => {
    const memo = new RouteMemo(2000);
    for (let i = 0; i < 100; i++) memo.set(`https://x/articles/a${i}`, { key: `k${i}`, epoch: 0 });
    expect(memo.bytes).toBeLessThanOrEqual(2000);
    expect(memo.size).toBeLessThan(20);
    expect(memo.get("https://x/articles/a99")?.key).toBe("k99");
  });
});
