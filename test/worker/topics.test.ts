/** Tags, archives and related articles: pages, feeds, API filters, sitemap, bad input. */
import { beforeAll, describe, expect, inject, it } from "vitest";
import { expectMatchesContract } from "../support/openapi.ts";
import { parseXml } from "../support/xml.ts";
import { harness } from "./harness.ts";
import { makeArticle, makeModel } from "./model.ts";

const corpus = inject("searchCorpus");
const NOW = Date.parse("2026-11-27T12:00:00+08:00");
const ORIGIN = "https://search.example.org";
const site = harness({ content: corpus, clock: () => NOW });
const tag = (name: string) => `/tags/${encodeURIComponent(name)}`;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let doc: any;

beforeAll(async () => {
  doc = await (await site.fetch("/api/v1/openapi.json")).json();
});

const text = async (path: string) => {
  const res = await site.fetch(path);
  return { status: res.status, location: res.headers.get("location"), body: await res.text() };
};
const articleLinks = (html: string) => [...html.matchAll(/<h2><a href="\/articles\/([a-z0-9-]+)">/g)].map((m) => m[1]);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function api(path: string, template: string): Promise<{ status: number; body: any }> {
  const res = await site.fetch(path);
  const body = await res.json();
  expectMatchesContract(doc, template, res.status, res.headers.get("content-type")!, body);
  return { status: res.status, body };
}

describe("tags", () => {
  it("/tags lists every published tag with its count, most used first", async () => {
    const { status, body } = await text("/tags");
    expect(status).toBe(200);
    expect(body).toContain(
      `<li><a href="${tag("会员企业")}" rel="tag">会员企业</a> <span class="count">2 篇</span></li>`,
    );
    // The draft's and the scheduled article's tags are not there.
    expect(body).not.toContain("内部");
    expect(body).not.toContain("定时");
  });

  it("/tags/<tag> lists its articles newest first and advertises its feeds", async () => {
    const { status, body } = await text(tag("节能"));
    expect(status).toBe(200);
    expect(articleLinks(body)).toEqual(["carbon-peak-plan", "energy-saving-kiln"]);
    expect(body).toContain(`<h1 id="listing-title">标签:节能</h1>`);
    expect(body).toContain(`href="${ORIGIN}${tag("节能")}/feed.xml"`);
    expect(body).toContain(`href="${ORIGIN}${tag("节能")}/atom.xml"`);
    expect(body).toContain(`href="${ORIGIN}${tag("节能")}/feed.json"`);
  });

  it("redirects a tag spelled in Traditional characters to the tag in use", async () => {
    const { status, location } = await text(tag("節能"));
    expect(status).toBe(301);
    expect(location).toBe(tag("节能"));
  });

  it("answers an unknown tag and a page past the last with a 404 in the site's chrome", async () => {
    const unknown = await text(tag("不存在的标签"));
    expect(unknown.status).toBe(404);
    expect(unknown.body).toContain('<header class="site-header">');
    expect((await text(`${tag("节能")}/page/2`)).status).toBe(404);
    expect((await text(tag("内部"))).status).toBe(404);
  });

  it("serves a tag's RSS, Atom and JSON feeds with its items", async () => {
    const rss = parseXml(await (await site.fetch(`${tag("节能")}/feed.xml`)).text());
    const channel = rss.children.find((e) => e.name === "channel")!;
    const items = channel.children.filter((e) => e.name === "item");
    expect(items.map((i) => i.children.find((e) => e.name === "link")!.text)).toEqual([
      `${ORIGIN}/articles/carbon-peak-plan`,
      `${ORIGIN}/articles/energy-saving-kiln`,
    ]);
    const atom = parseXml(await (await site.fetch(`${tag("节能")}/atom.xml`)).text());
    const id = atom.children.find((e) => e.name === "http://www.w3.org/2005/Atom id")!;
    expect(id.text).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const json = (await (await site.fetch(`${tag("节能")}/feed.json`)).json()) as { items: unknown[]; title: string };
    expect(json.title).toBe("测试陶瓷协会 - 标签:节能");
    expect(json.items).toHaveLength(2);
    expect((await site.fetch(`${tag("不存在")}/feed.xml`)).status).toBe(404);
  });

  it("lists tag feeds on /feeds", async () => {
    const { body } = await text("/feeds");
    expect(body).toContain(`<a href="${ORIGIN}${tag("节能")}/feed.xml">RSS 2.0</a>`);
  });

  it("GET /api/v1/tags lists tags with counts, pages and feeds", async () => {
    const { status, body } = await api("/api/v1/tags", "/tags");
    expect(status).toBe(200);
    expect(body.find((t: { name: string }) => t.name === "节能")).toEqual({
      name: "节能",
      url: `${ORIGIN}${tag("节能")}`,
      articles: 2,
      feeds: {
        rss: `${ORIGIN}${tag("节能")}/feed.xml`,
        atom: `${ORIGIN}${tag("节能")}/atom.xml`,
        json: `${ORIGIN}${tag("节能")}/feed.json`,
      },
      api: `${ORIGIN}/api/v1/articles?tag=${encodeURIComponent("节能")}`,
    });
  });
});

describe("archives", () => {
  it("/archive lists years and months with counts, and says how many articles are undated", async () => {
    const { status, body } = await text("/archive");
    expect(status).toBe(200);
    expect(body).toContain(`<h2 id="y2024"><a href="/archive/2024">2024年</a> <span class="count">6 篇</span></h2>`);
    expect(body).toContain(`<li><a href="/archive/2024/05">5月</a> <span class="count">1 篇</span></li>`);
    expect(body).toContain("另有 1 篇文章的原始发布日期不详");
    // The scheduled article's year is not there yet.
    expect(body).not.toContain("/archive/2099");
  });

  it("/archive/<year> and /archive/<year>/<month> list their articles newest first", async () => {
    const year = await text("/archive/2025");
    expect(articleLinks(year.body)).toEqual([
      "member-meeting-2025",
      "smart-factory-visit",
      "carbon-peak-plan",
      "talent-training-2025",
      "legal-ip-seminar",
    ]);
    expect(articleLinks((await text("/archive/2024/05")).body)).toEqual(["rock-slab-standard"]);
  });

  it("redirects a month without its leading zero", async () => {
    const { status, location } = await text("/archive/2024/5");
    expect(status).toBe(301);
    expect(location).toBe("/archive/2024/05");
  });

  it("answers a malformed or out-of-range year or month with 400, an empty one with 404", async () => {
    expect((await text("/archive/abcd")).status).toBe(400);
    expect((await text("/archive/20245")).status).toBe(400);
    expect((await text("/archive/2024/13")).status).toBe(400);
    expect((await text("/archive/2024/00")).status).toBe(400);
    expect((await text("/archive/1999")).status).toBe(404);
    expect((await text("/archive/2024/01")).status).toBe(404);
    expect((await text("/archive/2099")).status).toBe(404);
  });
});

describe("API filters", () => {
  it("filters /api/v1/articles by tag, year and month", async () => {
    const slugs = async (q: string) =>
      (await api(`/api/v1/articles?${q}`, "/articles")).body.data.map((d: { slug: string }) => d.slug);
    expect(await slugs(`tag=${encodeURIComponent("节能")}`)).toEqual(["carbon-peak-plan", "energy-saving-kiln"]);
    expect(await slugs("year=2023")).toEqual(["energy-saving-kiln", "charity-school-donation", "shiwan-figurine-art"]);
    expect(await slugs("year=2024&month=5")).toEqual(["rock-slab-standard"]);
    expect(await slugs(`tag=${encodeURIComponent("会员企业")}&year=2023`)).toEqual(["energy-saving-kiln"]);
    expect(await slugs(`tag=${encodeURIComponent("节能")}&category=members`)).toEqual(["energy-saving-kiln"]);
  });

  it("rejects a month without a year, a malformed year and an unknown tag", async () => {
    const month = await api("/api/v1/articles?month=5", "/articles");
    expect(month.status).toBe(400);
    expect(month.body.invalid_params[0].name).toBe("month");
    expect((await api("/api/v1/articles?year=24", "/articles")).status).toBe(400);
    expect((await api("/api/v1/articles?year=2024&month=13", "/articles")).status).toBe(400);
    expect((await api(`/api/v1/articles?tag=${encodeURIComponent("无此标签")}`, "/articles")).status).toBe(404);
  });
});

describe("related articles and tag links", () => {
  it("lists articles sharing a tag under the article and links its tags", async () => {
    const { body } = await text("/articles/energy-saving-kiln");
    const related = /<section class="related"[\s\S]*?<\/section>/.exec(body)?.[0] ?? "";
    expect([...related.matchAll(/href="\/articles\/([a-z0-9-]+)"/g)].map((m) => m[1])).toEqual([
      "smart-factory-visit",
      "carbon-peak-plan",
    ]);
    expect(body).toContain(
      `<ul class="tags" aria-label="本文标签"><li><a href="${tag("节能")}" rel="tag">节能</a></li>`,
    );
  });

  it("puts the articles sharing the most tags first, then the newest", async () => {
    const at = (day: number) => ({
      kind: "exact" as const,
      iso: `2026-03-${String(day).padStart(2, "0")}T09:00:00+08:00`,
    });
    const own = makeArticle({ slug: "own", tags: ["窑炉", "节能", "智能制造"], published: at(10) });
    const twoOld = makeArticle({ slug: "two-old", tags: ["窑炉", "节能"], published: at(1) });
    const oneNew = makeArticle({ slug: "one-new", tags: ["智能制造"], published: at(9) });
    const oneOlder = makeArticle({ slug: "one-older", tags: ["节能"], published: at(5) });
    const threeOldest = makeArticle({ slug: "three-oldest", tags: ["智能制造", "节能", "窑炉"], published: at(2) });
    const none = makeArticle({ slug: "none", tags: ["展会"], published: at(8) });
    const small = harness({ content: makeModel([own, oneNew, none, oneOlder, threeOldest, twoOld]), clock: () => NOW });
    const body = await (await small.fetch("/articles/own")).text();
    const related = /<section class="related"[\s\S]*?<\/section>/.exec(body)?.[0] ?? "";
    expect([...related.matchAll(/href="\/articles\/([a-z0-9-]+)"/g)].map((m) => m[1])).toEqual([
      "three-oldest",
      "two-old",
      "one-new",
      "one-older",
    ]);
  });

  it("lists every tag and archive page in the sitemap", async () => {
    const { body } = await text("/sitemaps/pages.xml");
    expect(body).toContain(`<loc>${ORIGIN}${tag("节能")}</loc>`);
    expect(body).toContain(`<loc>${ORIGIN}/archive/2024/05</loc>`);
    expect(body).toContain(`<loc>${ORIGIN}/archive/2024</loc>`);
  });
});
