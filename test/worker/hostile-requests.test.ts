/**
 * Hostile requests (issue 25) against the fixture site: KV holds only what exists and what is
 * canonical, redirects carry only validated values, cached answers never carry another visitor's
 * words, and each URL has one spelling.
 */
import { describe, expect, it } from "vitest";
import { harness } from "./harness.ts";
import { fixtureSite } from "./model.ts";
import { SEED_SLUG } from "../support/site.ts";

const NOW = Date.parse("2026-12-01T12:00:00+08:00");
const make = () => harness({ content: fixtureSite, clock: () => NOW, builtAt: NOW });
const ORIGIN = fixtureSite.site.origin;

/** A deterministic stream of numbers (a linear congruential generator), so every run asks the same. */
function numbers(seed: number): () => number {
  let x = seed;
  return () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0);
}

describe("KV holds only what exists and what is canonical", () => {
  it("200 hostile API filter combinations write at most a handful of keys", async () => {
    const app = make();
    const next = numbers(7);
    const sections = ["news", "outlook", "charity", "about", undefined];
    const tags = ["禅城区", "陶瓷", "不存在", undefined];
    const statuses = new Map<number, number>();
    for (let i = 0; i < 200; i++) {
      const params = new URLSearchParams();
      const section = sections[next() % sections.length];
      const tag = tags[next() % tags.length];
      if (section) params.set("category", section);
      if (tag) params.set("tag", tag);
      if (next() % 2) params.set("year", String(1001 + (next() % 1100)));
      if (params.has("year") && next() % 2) params.set("month", String(1 + (next() % 12)));
      params.set("limit", String(1 + (next() % 50)));
      if (next() % 3 === 0) params.set("page", String(1 + (next() % 3)));
      const res = await app.fetch(`/api/v1/articles?${params}`);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      expect(res.status, `${params}`).toBeLessThan(500);
    }
    expect([...statuses.keys()].sort()).toEqual([200, 404]);
    // Only a list a page of the site also shows (the default limit, one filter at most) reaches KV.
    const keys = await app.kvKeys();
    expect(keys.length).toBeLessThanOrEqual(5);
    for (const key of keys) expect(key, key).toMatch(/limit=10(&|$)/);
  });

  it("an API filter that matches nothing is a 404 problem, as /archive/<year> is", async () => {
    const res = await make().fetch("/api/v1/articles?year=1001&limit=1&category=news");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
  });

  it("200 oEmbed sizes write one key: the card's natural size", async () => {
    const app = make();
    const next = numbers(11);
    const url = encodeURIComponent(`${ORIGIN}/articles/${SEED_SLUG}`);
    const served = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const [w, h] = [1 + (next() % 800), 1 + (next() % 400)];
      const res = await app.fetch(`/oembed?url=${url}&maxwidth=${w}&maxheight=${h}`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { width: number; height: number };
      expect(body.width, `maxwidth=${w}`).toBeLessThanOrEqual(w);
      expect(body.height, `maxheight=${h}`).toBeLessThanOrEqual(h);
      served.add(`${body.width}x${body.height}`);
    }
    await app.fetch(`/oembed?url=${url}`);
    const keys = await app.kvKeys();
    expect(keys).toHaveLength(1);
    expect(keys[0]).toContain("width=560");
  });
});

describe("overlong slugs and tags", () => {
  it.each([420, 5000])("a %i-character slug or tag is a 404 on every route family, never a 5xx", async (n) => {
    const app = make();
    const slug = "a".repeat(n);
    const tag = encodeURIComponent("标".repeat(n));
    for (const path of [
      `/articles/${slug}`,
      `/api/v1/articles/${slug}`,
      `/embed/articles/${slug}`,
      `/oembed?url=${encodeURIComponent(`${ORIGIN}/articles/${slug}`)}`,
      `/tags/${tag}`,
      `/tags/${tag}/page/2`,
      `/tags/${tag}/feed.xml`,
    ]) {
      const res = await app.fetch(path);
      expect(res.status, path.slice(0, 60)).toBe(404);
    }
    // A tag's API filter longer than any tag may be is a 400 naming the parameter.
    expect((await app.fetch(`/api/v1/articles?tag=${tag}`)).status).toBe(n > 100 ? 400 : 404);
    expect(app.logs.filter((l) => l.level === "error")).toEqual([]);
  });
});

describe("redirects only from validated values", () => {
  it.each([
    "/tags/%E7%A6%AA%E5%9F%8E%E5%8D%80/page/%0d%0aX:1",
    "/archive/2025/6/page/%0d%0aX:1",
    "/archive/2025/6/page/%00",
    "/archive/2025/6/page/%C3%A9",
    "/categories/news/page/%0aX",
    "/page/%0d%0a",
  ])("%s is a 400 without Location", async (path) => {
    const res = await make().fetch(path);
    expect(res.status).toBe(400);
    expect(res.headers.get("location")).toBeNull();
  });

  it("a month without its zero redirects to the canonical month, a page kept", async () => {
    const res = await make().fetch("/archive/2025/6/page/1");
    expect(res.status).toBe(301);
    expect(res.headers.get("location")).toBe("/archive/2025/06");
  });
});

describe("redirects stay on this site (issue 29)", () => {
  // A Location of `//host/…` or `/\\host/…` is another site to a browser (WHATWG URL: a
  // scheme-relative URL; `\\` counts as `/` in special schemes). Each of these once answered
  // `301 Location: //evil.example/a` from the path clean-up.
  it.each(["//evil.example/%61", "/\\evil.example/%61", "/.//evil.example/%61", "//evil.example/%61rticles?x=1"])(
    "%s is a 400 naming the problem, without Location",
    async (path) => {
      const res = await make().fetch(path);
      expect(res.status).toBe(400);
      expect(res.headers.get("location")).toBeNull();
      expect(res.headers.get("content-type")).toContain("text/html");
      expect(await res.text()).toContain("不是本站的地址:路径须以一个 / 开头,不能以 // 或 /\\ 开头");
    },
  );

  it("a path with a doubled slash further on still redirects, to a path of this site", async () => {
    const res = await make().fetch("/tags//%61");
    expect(res.status).toBe(301);
    expect(res.headers.get("location")).toBe("/tags//a");
  });
});

describe("one spelling per URL", () => {
  it.each([
    [`/%61rticles/${SEED_SLUG}`, `/articles/${SEED_SLUG}`],
    [`/articles/%63hancheng-2018-reform-four-towns`, `/articles/${SEED_SLUG}`],
    [`/tags/%e7%a6%85%e5%9f%8e%e5%8c%ba/%70age/2?x=1`, `/tags/%e7%a6%85%e5%9f%8e%e5%8c%ba/page/2?x=1`],
  ])("%s redirects to %s", async (path, location) => {
    const res = await make().fetch(path);
    expect(res.status).toBe(301);
    expect(res.headers.get("location")).toBe(location);
  });
});

describe("cached answers carry no other visitor's words", () => {
  it("a search answer's links carry the canonical query, whoever asked first", async () => {
    const app = make();
    const first = await app.fetch(`/api/v1/search?q=${encodeURIComponent("禅城 !!! /// <> ???")}`);
    const second = await app.fetch(`/api/v1/search?q=${encodeURIComponent("禅城")}`);
    const [a, b] = [
      (await first.json()) as { links: { self: string } },
      (await second.json()) as { links: { self: string } },
    ];
    expect(b.links.self).toBe(`${ORIGIN}/api/v1/search?q=${encodeURIComponent("禅城")}&page=1&limit=10`);
    expect(a.links.self).toBe(b.links.self);
  });
});
