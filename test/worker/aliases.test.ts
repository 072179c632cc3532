/**
 * Old URLs keep working (issue 22): an imported article's `aliases:` answer 301 to the article,
 * whatever form of the old path a link holds (a query string, index.html, a trailing slash,
 * percent-encoded Chinese); unknown old paths stay 404, and an alias never reveals a draft or a
 * scheduled article before its time.
 */
import { describe, expect, it } from "vitest";
import { aliasKey } from "../../src/content/aliases.ts";
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

  it.each(["/a/2018/0621/124.html", "/a/draft.html", "/a/2099/0101/9.html"])(
    "%s (unknown, a draft's, not yet published) is the 404 page",
    async (path) => {
      const res = await app.fetch(path);
      expect(res.status).toBe(404);
      expect(await res.text()).toContain("<h1>页面不存在</h1>");
    },
  );

  it("gives one normal form to every spelling of an old path", () => {
    expect(keys("/news/old/index.html?x=1#top", "/news/old/", "/news/old", "/news/%E6%97%A7")).toEqual([
      "/news/old",
      "/news/old",
      "/news/old",
      "/news/旧",
    ]);
    expect(aliasKey("news/old")).toBeUndefined();
    expect(aliasKey("/bad%E6")).toBeUndefined();
  });
});
