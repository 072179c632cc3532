/**
 * Old URLs keep working (issue 22): an imported article's `aliases:` answer 301 to the article,
 * whatever form of the old path a link holds (a query string, index.html, a trailing slash,
 * percent-encoded Chinese); unknown old paths stay 404, and an alias never reveals a draft or a
 * scheduled article before its time.
 */
import { describe, expect, it } from "vitest";
import { aliasKey, aliasShadowsRoute, MAX_QUERY_PROBES } from "../../src/content/aliases.ts";
import { bucketOf, LAYOUT } from "../../src/content/store/format.ts";
import { harness } from "./harness.ts";
import { makeArticle, makeModel } from "./model.ts";

const keys = (...paths: string[]) => paths.map((p) => aliasKey(p)!);
const NOW = Date.parse("2026-12-01T12:00:00+08:00");
const app = harness({
  clock: () => NOW,
  builtAt: NOW,
  content: makeModel([
    makeArticle({
      slug: "later",
      aliases: keys("/a/2099/0101/9.html"),
      published: { kind: "exact", iso: "2099-01-01T09:00:00+08:00" },
    }),
    makeArticle({ slug: "moved", aliases: keys("/a/2018/0621/123.html", "/news/old/", "/新闻/旧文章.html") }),
    makeArticle({ slug: "hidden", draft: true, aliases: keys("/a/draft.html") }),
    makeArticle({ slug: "dede-123", aliases: keys("/plus/view.php?aid=123") }),
    makeArticle({ slug: "dede-124", aliases: keys("/plus/view.php?aid=124") }),
    makeArticle({ slug: "dede-typed", aliases: keys("/plus/view.php?typeid=5&aid=123") }),
    makeArticle({ slug: "wordpress-7", aliases: keys("/?p=7") }),
  ]),
});

describe("old URLs of imported articles", () => {
  it.each([
    "/a/2018/0621/123.html",
    "/a/2018/0621/123.html?from=singlemessage&isappinstalled=0",
    "/news/old",
    "/news/old/",
    "/news/old/index.html",
    `/${encodeURIComponent("新闻")}/${encodeURIComponent("旧文章")}.html`,
  ])("%s answers 301 to the article", async (path) => {
    const res = await app.fetch(path);
    expect(res.status).toBe(301);
    expect(res.headers.get("location")).toBe("/articles/moved");
  });

  it.each([
    ["/plus/view.php?aid=123", "/articles/dede-123"],
    ["/plus/view.php?aid=123&from=wechat", "/articles/dede-123"],
    ["/plus/view.php?utm_source=x&aid=124", "/articles/dede-124"],
    ["/plus/view.php?aid=123&typeid=5", "/articles/dede-typed"],
    ["/?p=7", "/articles/wordpress-7"],
    ["/?from=singlemessage&p=7", "/articles/wordpress-7"],
  ])("%s (an old dynamic page) answers 301 to %s", async (path, location) => {
    const res = await app.fetch(path);
    expect(res.status).toBe(301);
    expect(res.headers.get("location")).toBe(location);
  });

  it.each(["/plus/view.php?aid=999", "/plus/view.php", "/plus/view.php?p=7"])(
    "%s (no alias has its query) is the 404 page",
    async (path) => {
      const res = await app.fetch(path);
      expect(res.status).toBe(404);
      expect(await res.text()).toContain("<h1>页面不存在</h1>");
    },
  );

  it.each(["/", "/?p=8", "/?from=wechat"])("%s is the home page", async (path) => {
    const res = await app.fetch(path);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('href="/articles/dede-123"');
  });

  it("probes only the first few of a request's parameters: hundreds of them cost four bucket reads", async () => {
    const aids = Array.from({ length: 300 }, (_, i) => `aid=${1000 + i}`);
    const many = harness({
      clock: () => NOW,
      builtAt: NOW,
      content: makeModel([makeArticle({ slug: "many", aliases: keys(...aids.map((a) => `/plus/view.php?${a}`)) })]),
    });
    const res = await many.fetch(`/plus/view.php?a=1&from=wechat&${aids.join("&")}`);
    expect(res.status).toBe(301);
    expect(res.headers.get("location")).toBe("/articles/many");
    const probed = aids
      .slice(0, MAX_QUERY_PROBES)
      .map((a) => `r/${bucketOf(`/plus/view.php?${a}`, LAYOUT.buckets)}.json`);
    expect(MAX_QUERY_PROBES).toBe(4);
    expect(many.reads.filter((r) => r.startsWith("r/"))).toEqual([...new Set(probed)]);
  });

  it.each(["/a/2018/0621/124.html", "/a/draft.html", "/a/2099/0101/9.html"])(
    "%s (unknown, a draft's, not yet published) is the 404 page",
    async (path) => {
      const res = await app.fetch(path);
      expect(res.status).toBe(404);
      expect(await res.text()).toContain("<h1>页面不存在</h1>");
    },
  );

  it("gives one normal form to every spelling of an old path", () => {
    expect(keys("/news/old/index.html#top", "/news/old/", "/news/old", "/news/%E6%97%A7", "/news/old?")).toEqual([
      "/news/old",
      "/news/old",
      "/news/old",
      "/news/旧",
      "/news/old",
    ]);
    expect(aliasKey("news/old")).toBeUndefined();
    expect(aliasKey("/bad%E6")).toBeUndefined();
  });

  it("gives one normal form to every spelling of an old dynamic page: its parameters decoded and sorted", () => {
    expect(
      keys(
        "/plus/view.php?typeid=5&aid=123",
        "/plus/view.php?aid=123&typeid=5#x",
        "/s.php?q=%E9%99%B6+%E7%93%B7",
        "/s.php?a=%26%3D",
      ),
    ).toEqual([
      "/plus/view.php?aid=123&typeid=5",
      "/plus/view.php?aid=123&typeid=5",
      "/s.php?q=陶 瓷",
      "/s.php?a=%26%3D",
    ]);
    expect(aliasKey("/x.php?a=%0A")).toBeUndefined();
  });

  it("lets a query alias sit on the home page only, not on the site's other routes", () => {
    expect(keys("/?p=123", "/feed.xml?id=1", "/articles/x?id=1", "/").map(aliasShadowsRoute)).toEqual([
      false,
      true,
      true,
      true,
    ]);
  });
});
