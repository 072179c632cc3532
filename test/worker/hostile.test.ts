/**
 * Hostile keys (issue 25), end to end through the app with real (local) KV: URLs a client chooses
 * can neither break the render cache nor make two resources share a key, and no client can make
 * an isolate spend the day's KV writes.
 */
import { describe, expect, it } from "vitest";
import { MAX_KEY_BYTES } from "../../src/cache/keys.ts";
import { configure } from "../../src/config.ts";
import { harness, tierOf } from "./harness.ts";
import { content, makeArticle, makeModel, site } from "./model.ts";

describe("hostile keys", () => {
  it("/oembed for a slug of 420 characters or more is an answer, not a 500", async () => {
    const app = harness({ content });
    for (const n of [420, 600, 2000]) {
      const url = `${site.origin}/articles/${"a".repeat(n)}`;
      const res = await app.fetch(`/oembed?url=${encodeURIComponent(url)}`);
      expect(res.status, `${n}`).toBe(404);
      expect(res.headers.get("content-type")).toContain("json");
    }
    expect(app.logs.filter((l) => l.level === "error")).toEqual([]);
  });

  it("two tags of 23 characters sharing their first 22 each get their own page and feed", async () => {
    const base = "陶".repeat(22);
    const [one, two] = [`${base}瓷`, `${base}器`];
    const app = harness({
      content: makeModel([
        makeArticle({ slug: "one", title: "第一篇文章", tags: [one] }),
        makeArticle({ slug: "two", title: "第二篇文章", tags: [two] }),
      ]),
    });
    for (const suffix of ["", "/feed.xml", "/feed.json"]) {
      const first = await app.fetch(`/tags/${encodeURIComponent(one)}${suffix}`);
      const second = await app.fetch(`/tags/${encodeURIComponent(two)}${suffix}`);
      expect([first.status, second.status], suffix).toEqual([200, 200]);
      expect(tierOf(second), suffix).toBe("render");
      const [a, b] = [await first.text(), await second.text()];
      expect(a, suffix).toContain("第一篇文章");
      expect(a, suffix).not.toContain("第二篇文章");
      expect(b, suffix).toContain("第二篇文章");
      expect(b, suffix).not.toContain("第一篇文章");
    }
    for (const key of await app.kvKeys())
      expect(new TextEncoder().encode(key).length).toBeLessThanOrEqual(MAX_KEY_BYTES);
  });

  it("an isolate writes at most its budget to KV, and serves every render all the same", async () => {
    const app = harness({ content, cache: { kvWritesPerMinute: 2 } });
    const paths = ["/", "/feed.xml", "/categories/news", `/articles/${content.articles[0]!.slug}`, "/feeds"];
    for (const path of paths) expect((await app.fetch(path)).status, path).toBe(200);
    expect(await app.kvKeys()).toHaveLength(2);
    for (const path of paths) expect(tierOf(await app.fetch(path)), path).toBe("memory");
    expect(app.logs.filter((l) => l.msg === "kv write budget spent, render kept in memory only")).toHaveLength(1);
  });
});

describe("the write budget per environment", () => {
  it("is RENDER_CACHE_KV_WRITES_PER_MINUTE: a count, 0, or Infinity (npm run warm); unset keeps the default", () => {
    const budget = (value?: string) =>
      configure(content, value === undefined ? {} : { RENDER_CACHE_KV_WRITES_PER_MINUTE: value }).cache
        .kvWritesPerMinute;
    expect(budget("5")).toBe(5);
    expect(budget("0")).toBe(0);
    expect(budget("Infinity")).toBe(Infinity);
    expect(budget(undefined)).toBeUndefined();
  });

  it("refuses an empty or invalid RENDER_CACHE_KV_WRITES_PER_MINUTE at startup, naming it (issue 32: never a silent default)", () => {
    for (const bad of ["", " ", "-1", "2.5", "lots", "NaN", "-Infinity"])
      expect(() => configure(content, { RENDER_CACHE_KV_WRITES_PER_MINUTE: bad }), bad).toThrow(
        /^RENDER_CACHE_KV_WRITES_PER_MINUTE must be a whole number/,
      );
  });
});
