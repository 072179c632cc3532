import { describe, expect, it } from "vitest";
import { ASSETS } from "../../src/generated/assets.ts";
import { parseHttpDate } from "../../src/http/index.ts";
import { harness, tierOf } from "./harness.ts";
import { content, makeArticle, makeModel } from "./model.ts";

const seedPath = `/articles/${content.articles[0]!.slug}`;
const KINDS = { page: "/", article: seedPath, category: "/categories/news", asset: ASSETS["site.css"].path };

describe("conditional requests", () => {
  for (const [kind, path] of Object.entries(KINDS)) {
    it(`answers a matching If-None-Match on a ${kind} with 304 and no render`, async () => {
      const app = harness({ content, cache: { memoryBytes: 0 } });
      const first = await app.fetch(path);
      const etag = first.headers.get("etag")!;
      const res = await app.fetch(path, { headers: { "if-none-match": etag } });
      expect(res.status).toBe(304);
      expect(await res.text()).toBe("");
      expect(res.headers.get("etag")).toBe(etag);
      expect(res.headers.get("cache-control")).toBe(first.headers.get("cache-control"));
      expect(tierOf(res)).toBe("kv");
    });
  }

  it("compares entity-tags weakly and accepts lists and *", async () => {
    const app = harness({ content });
    const etag = (await app.fetch("/")).headers.get("etag")!;
    for (const header of [`W/${etag}`, `"other", ${etag}`, "*"]) {
      expect((await app.fetch("/", { headers: { "if-none-match": header } })).status, header).toBe(304);
    }
  });

  it("answers 200 with the full body when If-None-Match does not match", async () => {
    const app = harness({ content });
    const res = await app.fetch("/", { headers: { "if-none-match": '"nope"' } });
    expect(res.status).toBe(200);
    expect((await res.text()).length).toBeGreaterThan(1000);
  });

  it("lets If-None-Match take precedence over If-Modified-Since", async () => {
    const app = harness({ content: makeModel([makeArticle({ slug: "x" })]) });
    const res = await app.fetch("/articles/x", {
      headers: { "if-none-match": '"stale"', "if-modified-since": "Fri, 01 Jan 2100 00:00:00 GMT" },
    });
    expect(res.status).toBe(200);
  });

  it("sends Last-Modified from content dates and honours If-Modified-Since", async () => {
    const app = harness({ content: makeModel([makeArticle({ slug: "x", updated: "2026-02-01T10:00:00+08:00" })]) });
    const res = await app.fetch("/articles/x");
    expect(res.headers.get("last-modified")).toBe("Sun, 01 Feb 2026 02:00:00 GMT");
    const same = await app.fetch("/articles/x", { headers: { "if-modified-since": "Sun, 01 Feb 2026 02:00:00 GMT" } });
    expect(same.status).toBe(304);
    const older = await app.fetch("/articles/x", { headers: { "if-modified-since": "Sun, 01 Feb 2026 01:59:59 GMT" } });
    expect(older.status).toBe(200);
  });

  it("takes the seed's Last-Modified from its `updated`, its only known date", async () => {
    const res = await harness({ content }).fetch(seedPath);
    expect(res.headers.get("last-modified")).toBe("Thu, 26 Nov 2026 16:00:00 GMT");
  });

  it("sends no Last-Modified when no date is known", async () => {
    const app = harness({ content: makeModel([makeArticle({ slug: "x", published: { kind: "unknown" } })]) });
    expect((await app.fetch("/articles/x")).headers.get("last-modified")).toBeNull();
  });

  it.each([
    ["if-none-match", "garbage"],
    ["if-none-match", ""],
    ["if-modified-since", "yesterday"],
    ["if-modified-since", "2026-02-01"],
    ["if-modified-since", "Sun, 01 Feb 2026 25:00:00 GMT"],
  ])("ignores a malformed %s: %j", async (name, value) => {
    const app = harness({ content: makeModel([makeArticle({ slug: "x", updated: "2026-02-01T10:00:00+08:00" })]) });
    const res = await app.fetch("/articles/x", { headers: { [name]: value } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("<h1>文章 x</h1>");
  });

  it("parses only HTTP-dates", () => {
    expect(parseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT")).toBe(784111777000);
    expect(parseHttpDate("Sunday, 06-Nov-94 08:49:37 GMT")).toBe(784111777000);
    expect(parseHttpDate("Sun Nov  6 08:49:37 1994")).toBe(784111777000);
    expect(parseHttpDate("1994-11-06T08:49:37Z")).toBeUndefined();
  });
});

describe("methods", () => {
  it.each(["POST", "PUT", "DELETE", "PATCH"])("answers %s with 405 and Allow", async (method) => {
    const res = await harness({ content }).fetch(seedPath, { method });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, HEAD");
  });
});

describe("Cache-Control", () => {
  it("differs per kind of route", async () => {
    const app = harness({ content });
    expect((await app.fetch("/")).headers.get("cache-control")).toBe("public, max-age=60, stale-while-revalidate=600");
    expect((await app.fetch(KINDS.asset)).headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  });

  it("sends no Vary on pages (they vary on nothing)", async () => {
    expect((await harness({ content }).fetch("/")).headers.get("vary")).toBeNull();
  });
});
