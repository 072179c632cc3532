/**
 * WebSub from the Cron Trigger, in workerd: the handler runs through the test pool's harness at
 * chosen instants, against a fake hub (an injected fetch that records publish requests) and an
 * in-memory KV that can be made to fail.
 */
import { describe, expect, it } from "vitest";
import type { Article } from "../../src/content/model.ts";
import { STATE_KEY } from "../../src/scheduled/index.ts";
import { harness } from "./harness.ts";
import { content, makeArticle } from "./model.ts";

const HUB = "https://hub.example/";
const ORIGIN = "https://www.chancheng-ceramics.example";
const at = (iso: string) => Date.parse(iso);
const T0 = at("2026-03-01T09:00:00+08:00");
const T1 = at("2026-03-02T09:00:00+08:00");
const T2 = at("2026-03-03T09:00:00+08:00");

const articles: Article[] = [
  makeArticle({
    slug: "later",
    category: "members",
    tags: ["展会"],
    published: { kind: "exact", iso: "2026-03-03T09:00:00+08:00" },
  }),
  makeArticle({
    slug: "slab",
    category: "outlook",
    tags: ["岩板"],
    published: { kind: "exact", iso: "2026-03-02T09:00:00+08:00" },
  }),
  makeArticle({ slug: "old", published: { kind: "exact", iso: "2026-03-01T09:00:00+08:00" } }),
];
const model = (withHub: boolean) => ({
  site: { ...content.site, ...(withHub ? { websub: HUB } : {}) },
  articles,
  version: "websub00websub00",
});

/**
 * A KV namespace in memory, text values only: what the cron and the render cache use. Each write
 * counted; `down` makes every call throw.
 */
function memoryKv() {
  const map = new Map<string, { value: string; metadata: unknown }>();
  const kv = {
    map,
    down: false,
    puts: 0,
    state: () => JSON.parse(map.get(STATE_KEY)?.value ?? "null"),
    async get(key: string, type?: string) {
      if (kv.down) throw new Error("KV unavailable");
      const value = map.get(key)?.value;
      return value === undefined ? null : type === "json" ? JSON.parse(value) : value;
    },
    async getWithMetadata(key: string) {
      if (kv.down) throw new Error("KV unavailable");
      const found = map.get(key);
      return found ? { value: found.value, metadata: found.metadata } : { value: null, metadata: null };
    },
    async put(key: string, value: string, options?: { metadata?: unknown }) {
      if (kv.down) throw new Error("KV unavailable");
      kv.puts++;
      map.set(key, { value, metadata: options?.metadata ?? null });
    },
  };
  return kv;
}

/** A hub: records each publish request's topic; answers `status` (or throws, for a timeout). */
function fakeHub() {
  const hub = {
    topics: [] as string[],
    status: 204,
    timeout: false,
    fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      expect(request.method).toBe("POST");
      expect(request.url).toBe(HUB);
      expect(request.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
      const form = new URLSearchParams(await request.text());
      expect(form.get("hub.mode")).toBe("publish");
      if (hub.timeout) throw new DOMException("The operation was aborted due to timeout", "TimeoutError");
      hub.topics.push(form.get("hub.url")!);
      return new Response(null, { status: hub.status });
    },
  };
  return hub;
}

function setup(withHub = true) {
  const hub = fakeHub();
  const kv = memoryKv();
  const site = harness(
    { content: model(withHub), hubFetch: hub.fetch },
    { RENDER_CACHE: kv as unknown as KVNamespace },
  );
  return { hub, kv, site };
}

const feeds = (base: string) => ["feed.xml", "atom.xml", "feed.json"].map((f) => `${ORIGIN}${base}/${f}`);
const SLAB_FEEDS = [...feeds(""), ...feeds("/categories/outlook"), ...feeds(`/tags/${encodeURIComponent("岩板")}`)];

describe("WebSub from the Cron Trigger", () => {
  it("records the epoch on its first run and tells the hub nothing", async () => {
    const { hub, kv, site } = setup();
    expect(await site.scheduled(T0)).toEqual({ kind: "first-run" });
    expect(hub.topics).toEqual([]);
    expect(kv.state()).toEqual({ epoch: T0, retry: [] });
  });

  it("does nothing at all when nothing changed", async () => {
    const { hub, kv, site } = setup();
    await site.scheduled(T0);
    const state = kv.map.get(STATE_KEY);
    expect(await site.scheduled(T0 + 60_000)).toEqual({ kind: "unchanged" });
    expect(hub.topics).toEqual([]);
    expect(kv.map.get(STATE_KEY)).toBe(state);
  });

  it("publishes each feed a scheduled article entered, once, after its time", async () => {
    const { hub, site } = setup();
    await site.scheduled(T0);
    const result = await site.scheduled(T1 + 1000);
    expect(result).toMatchObject({ kind: "published", epoch: T1, failed: [] });
    expect(hub.topics.sort()).toEqual([...SLAB_FEEDS].sort());
  });

  it("pings once when the cron runs twice, one after the other or at once", async () => {
    const { hub, site } = setup();
    await site.scheduled(T0);
    await Promise.all([site.scheduled(T1), site.scheduled(T1)]);
    await site.scheduled(T1 + 5 * 60_000);
    expect(hub.topics).toHaveLength(SLAB_FEEDS.length);
  });

  it("after a long pause, publishes every feed that changed once", async () => {
    const { hub, site } = setup();
    await site.scheduled(T0);
    await site.scheduled(T2 + 3600_000);
    expect(hub.topics.filter((t) => t === `${ORIGIN}/feed.xml`)).toHaveLength(1);
    expect(hub.topics).toContain(`${ORIGIN}/categories/members/atom.xml`);
    expect(hub.topics).toContain(`${ORIGIN}/tags/${encodeURIComponent("岩板")}/feed.json`);
  });

  it("keeps what a failing hub did not take and retries it on the next run", async () => {
    const { hub, kv, site } = setup();
    await site.scheduled(T0);
    hub.status = 503;
    const failed = await site.scheduled(T1);
    expect(failed).toMatchObject({ kind: "published", pinged: [] });
    expect(kv.state().retry.sort()).toEqual([...SLAB_FEEDS].sort());
    hub.status = 204;
    hub.topics = [];
    await site.scheduled(T1 + 5 * 60_000);
    expect(hub.topics.sort()).toEqual([...SLAB_FEEDS].sort());
    hub.topics = [];
    await site.scheduled(T1 + 10 * 60_000);
    expect(hub.topics).toEqual([]);
  });

  it("treats a hub that times out like a failing one", async () => {
    const { hub, site } = setup();
    await site.scheduled(T0);
    hub.timeout = true;
    expect(await site.scheduled(T1)).toMatchObject({ kind: "published", pinged: [], failed: expect.any(Array) });
    hub.timeout = false;
    await site.scheduled(T1 + 60_000);
    expect(hub.topics).toHaveLength(SLAB_FEEDS.length);
  });

  it("does nothing while KV is unavailable, and catches up once it is back", async () => {
    const { hub, kv, site } = setup();
    await site.scheduled(T0);
    kv.down = true;
    expect(await site.scheduled(T1)).toEqual({ kind: "no-kv" });
    expect(hub.topics).toEqual([]);
    kv.down = false;
    await site.scheduled(T1 + 60_000);
    expect(hub.topics).toHaveLength(SLAB_FEEDS.length);
  });

  it("renders the new article's routes into the cache before telling the hub", async () => {
    const { kv, site } = setup();
    await site.scheduled(T0);
    await site.scheduled(T1);
    const keys = [...kv.map.keys()];
    expect(keys.some((k) => k.endsWith(":html:/articles/slab"))).toBe(true);
    expect(keys.some((k) => k.endsWith(":rss:/categories/outlook/feed.xml"))).toBe(true);
  });

  it("tells no hub when none is configured, and still follows the epoch", async () => {
    const { hub, kv, site } = setup(false);
    await site.scheduled(T0);
    await site.scheduled(T1);
    expect(hub.topics).toEqual([]);
    expect(kv.state()).toEqual({ epoch: T1, retry: [], purge: [] });
  });
});
