/**
 * The whole fixture site (test/fixtures/site/: the seed, three dated articles in three sections, a
 * draft, a scheduled article, a picture) through every route family: what is published, in which
 * order, and what stays hidden until its time.
 */
import { describe, expect, it } from "vitest";
import { harness } from "./harness.ts";
import { fixtureSite } from "./model.ts";

const NOW = Date.parse("2026-12-01T12:00:00+08:00");
const EXPO_TIME = Date.parse("2099-09-01T09:00:00+08:00");
const site = harness({ content: fixtureSite, clock: () => NOW, builtAt: NOW });
const PUBLISHED = [
  "member-congress-2026",
  "tile-exports-2025",
  "school-books-2025",
  "chancheng-2018-reform-four-towns",
];
const articleLinks = (html: string) => [...html.matchAll(/<h2><a href="\/articles\/([a-z0-9-]+)">/g)].map((m) => m[1]);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = async (path: string): Promise<any> => (await site.fetch(path)).json();

describe("the fixture site", () => {
  it("lists its four published articles on the home page, dated ones newest first, the undated seed last", async () => {
    expect(articleLinks(await (await site.fetch("/")).text())).toEqual(PUBLISHED);
  });

  it("counts each section's published articles in the API", async () => {
    const sections = await json("/api/v1/categories");
    expect(Object.fromEntries(sections.map((c: { slug: string; articles: number }) => [c.slug, c.articles]))).toEqual({
      about: 0,
      news: 2,
      outlook: 1,
      charity: 1,
      legal: 0,
      members: 0,
      contact: 0,
    });
  });

  it("lists the tags in use by published articles only", async () => {
    const tags = await json("/api/v1/tags");
    expect(tags.map((t: { name: string; articles: number }) => `${t.name}:${t.articles}`).sort()).toEqual(
      [
        "会员大会:1",
        "禅城区:3",
        "陶瓷:1",
        "出口:1",
        "公益:1",
        "全面深化改革:1",
        "南庄:1",
        "石湾:1",
        "张槎:1",
        "祖庙:1",
      ].sort(),
    );
  });

  it("keeps the draft off every route", async () => {
    for (const path of ["/articles/annual-report-draft", "/api/v1/articles/annual-report-draft", "/tags/年报"]) {
      expect((await site.fetch(encodeURI(path))).status, path).toBe(404);
    }
    expect(await (await site.fetch("/feed.xml")).text()).not.toContain("年度报告");
  });

  it("keeps the scheduled article hidden before its time and publishes it at its time", async () => {
    expect((await site.fetch("/articles/ceramics-expo-2099")).status).toBe(404);
    const later = harness({ content: fixtureSite, clock: () => EXPO_TIME, builtAt: NOW });
    const res = await later.fetch("/articles/ceramics-expo-2099");
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("<h1>第九十九届佛山陶瓷博览会开幕</h1>");
    expect(articleLinks(await (await later.fetch("/")).text())[0]).toBe("ceramics-expo-2099");
  });

  it("gives the picture article its cover in the API and a <picture> in its page", async () => {
    const article = await json("/api/v1/articles/member-congress-2026");
    expect(article.image).toMatch(/^https:\/\/www\.chancheng-ceramics\.example\/media\/huiyi-3\.[0-9a-f]{10}\.png$/);
    expect(await (await site.fetch("/articles/member-congress-2026")).text()).toMatch(
      /<picture>.*<img [^>]*alt="会员大会会场"/s,
    );
  });

  it("archives the dated articles by year and month and counts the undated seed apart", async () => {
    const html = await (await site.fetch("/archive")).text();
    const counts = [...html.matchAll(/<a href="\/archive\/([\d/]+)">[^<]+<\/a> <span class="count">(\d+) 篇/g)];
    expect(counts.map((m) => `${m[1]}:${m[2]}`)).toEqual(["2026:1", "2026/03:1", "2025:2", "2025/11:1", "2025/06:1"]);
    expect(html).toContain("另有 1 篇文章的原始发布日期不详");
  });
});
