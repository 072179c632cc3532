import { beforeAll, describe, expect, it } from "vitest";
import { expectMatchesContract } from "../support/openapi.ts";
import { expectInOrder } from "../support/order.ts";
import { harness, type Harness } from "./harness.ts";
import { content, makeArticle, makeModel } from "./model.ts";

const seed = content.articles[0]!;
const ORIGIN = "https://www.chancheng-ceramics.example";
const site = harness({ content });
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let doc: any;

beforeAll(async () => {
  doc = await (await site.fetch("/api/v1/openapi.json")).json();
});

/** GET, check CORS, check the body against the contract, return status and body. */
async function call(app: Harness, url: string, template: string, init?: RequestInit) {
  const res = await app.fetch(url, { headers: { origin: "https://member.example" }, ...init });
  expect(res.headers.get("access-control-allow-origin")).toBe("*");
  const body = await res.json<Record<string, any>>();
  expectMatchesContract(doc, template, res.status, res.headers.get("content-type")!, body);
  return { res, body };
}

const many = () =>
  harness({
    content: makeModel(
      Array.from({ length: 25 }, (_, i) =>
        makeArticle({
          slug: `a${i}`,
          category: i % 5 === 0 ? "outlook" : "news",
          published: { kind: "exact", iso: `2026-01-${String(i + 1).padStart(2, "0")}T09:00:00+08:00` },
        }),
      ),
    ),
  });

describe("OpenAPI document", () => {
  it("rejects a body that breaks it (the contract check is not vacuous)", () => {
    expect(() => expectMatchesContract(doc, "/articles", 200, "application/json", { data: [], meta: {} })).toThrow();
    expect(() => expectMatchesContract(doc, "/articles/{slug}", 200, "application/json", { id: 1 })).toThrow();
  });

  it("is OpenAPI 3.1 and describes every route", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual([
      "/articles",
      "/search",
      "/tags",
      "/articles/{slug}",
      "/categories",
      "/site",
    ]);
    expect(doc.servers).toEqual([{ url: `${ORIGIN}/api/v1` }]);
  });
});

describe("GET /api/v1/articles", () => {
  it("lists the seed with date as known, category, url and totals", async () => {
    const { res, body } = await call(site, "/api/v1/articles", "/articles");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(body.meta).toEqual({ page: 1, limit: 10, total: 1, pages: 1 });
    expect(body.data[0]).toEqual({
      id: seed.id,
      slug: seed.slug,
      url: `${ORIGIN}/articles/${seed.slug}`,
      title: seed.title,
      summary: seed.summary,
      published: {
        known: false,
        not_before: "2018-06-20",
        note: seed.published.kind === "unknown" ? seed.published.note : null,
      },
      date_modified: "2026-11-27T00:00:00+08:00",
      category: { slug: "news", name: "协会动态" },
      tags: seed.tags,
      image: null,
    });
  });

  it("paginates with page and limit, links and a Link header", async () => {
    const app = many();
    const { res, body } = await call(app, "/api/v1/articles?page=2&limit=10", "/articles");
    expect(body.meta).toEqual({ page: 2, limit: 10, total: 25, pages: 3 });
    expect(body.data).toHaveLength(10);
    expect(body.links).toEqual({
      self: `${ORIGIN}/api/v1/articles?page=2&limit=10`,
      first: `${ORIGIN}/api/v1/articles?page=1&limit=10`,
      last: `${ORIGIN}/api/v1/articles?page=3&limit=10`,
      prev: `${ORIGIN}/api/v1/articles?page=1&limit=10`,
      next: `${ORIGIN}/api/v1/articles?page=3&limit=10`,
    });
    expect(res.headers.get("link")).toBe(
      `<${ORIGIN}/api/v1/articles?page=1&limit=10>; rel="first", <${ORIGIN}/api/v1/articles?page=3&limit=10>; rel="last", <${ORIGIN}/api/v1/articles?page=1&limit=10>; rel="prev", <${ORIGIN}/api/v1/articles?page=3&limit=10>; rel="next"`,
    );
    expect(res.headers.get("access-control-expose-headers")).toContain("Link");
  });

  it("filters by category", async () => {
    const { body } = await call(many(), "/api/v1/articles?category=outlook", "/articles");
    expect(body.meta.total).toBe(5);
    expect(body.data.every((a: { category: { slug: string } }) => a.category.slug === "outlook")).toBe(true);
  });

  it.each([
    ["limit=0", "limit", 'must be a whole number from 1 to 50; got "0".'],
    ["limit=100000", "limit", 'must be a whole number from 1 to 50; got "100000".'],
    ["limit=ten", "limit", 'must be a whole number from 1 to 50; got "ten".'],
    ["page=-1", "page", 'must be a whole number from 1 to 999999999; got "-1".'],
    ["page=abc", "page", 'must be a whole number from 1 to 999999999; got "abc".'],
    ["page=0", "page", 'must be a whole number from 1 to 999999999; got "0".'],
  ])("answers %s with a 400 problem naming the parameter", async (query, name, reason) => {
    const { res, body } = await call(site, `/api/v1/articles?${query}`, "/articles");
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json; charset=utf-8");
    expect(body).toEqual({
      type: "about:blank",
      title: "Bad Request",
      status: 400,
      detail: `Query parameter "${name}" ${reason}`,
      invalid_params: [{ name, reason }],
    });
  });

  it("answers an unknown category with a 400 problem listing the allowed ones", async () => {
    const { res, body } = await call(site, "/api/v1/articles?category=sports", "/articles");
    expect(res.status).toBe(400);
    expect(body.invalid_params).toEqual([
      {
        name: "category",
        reason: 'must be a category slug; "sports" is not one.',
        allowed: ["about", "news", "outlook", "charity", "legal", "members", "contact"],
      },
    ]);
    expect(body.detail).toContain("Allowed: about, news, outlook, charity, legal, members, contact.");
  });

  it("answers a page past the last with a 404 problem", async () => {
    const { res, body } = await call(site, "/api/v1/articles?page=2", "/articles");
    expect(res.status).toBe(404);
    expect(body.detail).toBe("Page 2 is past the last page (1) for limit=10.");
  });
});

describe("GET /api/v1/articles/:slug", () => {
  it("carries the whole seed text, its source and its sections", async () => {
    const { res, body } = await call(site, `/api/v1/articles/${seed.slug}`, "/articles/{slug}");
    expect(res.status).toBe(200);
    expect(body.source).toBe("南方号~佛山市~城市方法论");
    expect(body.author).toBeNull();
    expect(body.headings.filter((h: { level: number }) => h.level === 2).map((h: { text: string }) => h.text)).toEqual([
      "南庄",
      "石湾",
      "张槎",
      "祖庙",
    ]);
    expect(body.content_html).toBe(seed.html.replace(/<!--[\s\S]*?-->\n?/g, ""));
    const paragraphs = seed.html.match(/<p>(.*?)<\/p>/g)!.map((p) => p.slice(3, -4));
    expect(paragraphs).toHaveLength(21); // 29 blocks of the source less the 8 headings
    expectInOrder(body.content_text, paragraphs);
    expect(body.content_text.startsWith("在今天下午召开的佛山市禅城区2018年全面深化改革工作会议上")).toBe(true);
  });

  it("makes content URLs absolute on the canonical origin", async () => {
    const app = harness({
      content: makeModel([makeArticle({ slug: "x", html: '<p><a href="/articles/y">y</a></p>\n' })]),
    });
    const { body } = await call(app, "/api/v1/articles/x", "/articles/{slug}");
    expect(body.content_html).toBe(`<p><a href="${ORIGIN}/articles/y">y</a></p>\n`);
    expect(body.content_text).toBe("y");
  });

  it("answers an unknown article with a 404 problem", async () => {
    const { res, body } = await call(site, "/api/v1/articles/nope", "/articles/{slug}");
    expect(res.status).toBe(404);
    expect(body).toEqual({
      type: "about:blank",
      title: "Not Found",
      status: 404,
      detail: 'No published article has the slug "nope".',
    });
  });
});

describe("GET /api/v1/categories and /api/v1/site", () => {
  it("lists the seven categories with counts and feeds", async () => {
    const { body } = await call(site, "/api/v1/categories", "/categories");
    expect(body.map((c: { name: string }) => c.name)).toEqual([
      "协会概况",
      "协会动态",
      "行业前瞻",
      "慈善公益",
      "法律咨询",
      "会员企业",
      "联系我们",
    ]);
    expect(body[1]).toMatchObject({ slug: "news", articles: 1, feeds: { rss: `${ORIGIN}/categories/news/feed.xml` } });
  });

  it("describes the site", async () => {
    const { body } = await call(site, "/api/v1/site", "/site");
    expect(body).toMatchObject({
      name: "佛山市禅城区陶瓷行业协会",
      language: "zh-CN",
      time_zone: "Asia/Shanghai",
      icp: { number: "粤ICP备11050138号" },
    });
  });
});

describe("CORS", () => {
  it("answers a preflight from any origin, without credentials", async () => {
    const res = await site.fetch("/api/v1/articles", {
      method: "OPTIONS",
      headers: {
        origin: "https://member.example",
        "access-control-request-method": "GET",
        "access-control-request-headers": "if-none-match",
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-methods")).toBe("GET, HEAD, OPTIONS");
    expect(res.headers.get("access-control-allow-headers")).toContain("If-None-Match");
    expect(res.headers.get("access-control-allow-credentials")).toBeNull();
  });

  it("is not offered on HTML pages", async () => {
    expect(
      (await site.fetch("/", { headers: { origin: "https://member.example" } })).headers.get(
        "access-control-allow-origin",
      ),
    ).toBeNull();
  });

  it("answers other methods with 405 naming OPTIONS too", async () => {
    const res = await site.fetch("/api/v1/articles", { method: "POST" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
  });

  it("answers an unknown API path with a 404 problem", async () => {
    const res = await site.fetch("/api/v2/things");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/problem+json; charset=utf-8");
  });

  it("answers 304 to a matching If-None-Match", async () => {
    const etag = (await site.fetch("/api/v1/articles")).headers.get("etag")!;
    const res = await site.fetch("/api/v1/articles", { headers: { "if-none-match": etag } });
    expect(res.status).toBe(304);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
  });
});
