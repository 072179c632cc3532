/**
 * The byte budget of feed documents: ten 200 KB articles among small ones. Every document of
 * every feed stays within 512 KiB, holds at least one item, and following the paging links from
 * the first document reads every article exactly once (RSS, Atom: the strict XML parser; JSON Feed:
 * next_url).
 */
import { describe, expect, it } from "vitest";
import type { Article } from "../../src/content/model.ts";
import { parseXml, type XmlElement } from "../support/xml.ts";
import { harness } from "./harness.ts";
import { makeArticle, makeModel } from "./model.ts";

const BUDGET = 512 * 1024;
const ORIGIN = "https://www.chancheng-ceramics.example";
const bytes = (s: string) => new TextEncoder().encode(s).length;

/** About 200 KB of HTML: Chinese paragraphs with markup that escaping expands. */
function longBody(i: number): string {
  const paragraph = `<p>第${i}篇长文:<strong>陶瓷</strong>行业“岩板”&amp;卫浴 ${"佛山禅城陶瓷行业协会会员企业参加博览会。".repeat(40)}</p>\n`;
  return paragraph.repeat(Math.ceil(200_000 / bytes(paragraph)));
}

const articles: Article[] = Array.from({ length: 15 }, (_, i) =>
  makeArticle({
    slug: `a${String(i).padStart(2, "0")}`,
    tags: ["长文"],
    published: { kind: "exact", iso: `2026-02-${String(i + 1).padStart(2, "0")}T09:00:00+08:00` },
    // Ten long ones, every other among the newest.
    html: i % 3 === 2 ? "<p>短文。</p>\n" : longBody(i),
  }),
).reverse();
const site = harness({ content: makeModel(articles) });

const local = (url: string) => url.replace(ORIGIN, "");
const child = (e: XmlElement, name: string) => e.children.filter((c) => c.name === name);

/** Every document of an XML feed from its first, following rel="next"; asserting the budget on each. */
async function walkXml(
  first: string,
  items: (root: XmlElement) => XmlElement[],
  next: (root: XmlElement) => string | undefined,
) {
  const ids: string[] = [];
  const sizes: number[] = [];
  for (let url: string | undefined = first; url;) {
    const res = await site.fetch(local(url));
    expect(res.status, url).toBe(200);
    const text = await res.text();
    sizes.push(bytes(text));
    const root = parseXml(text);
    const found = items(root);
    expect(found.length, url).toBeGreaterThanOrEqual(1);
    ids.push(...found.map((item) => item.children.find((c) => /(guid|id)$/.test(c.name))!.text));
    url = next(root);
  }
  return { ids, sizes };
}

const ATOM = "http://www.w3.org/2005/Atom";

describe("feed documents within 512 KiB", () => {
  it("RSS: every document fits, and the next links read all 15 articles once", async () => {
    const channel = (root: XmlElement) => child(root, "channel")[0]!;
    const { ids, sizes } = await walkXml(
      `${ORIGIN}/feed.xml`,
      (root) => child(channel(root), "item"),
      (root) => child(channel(root), `${ATOM} link`).find((l) => l.attrs.rel === "next")?.attrs.href,
    );
    expect(Math.max(...sizes)).toBeLessThanOrEqual(BUDGET);
    expect(sizes.length).toBeGreaterThan(1);
    expect(new Set(ids).size).toBe(15);
    expect(ids).toHaveLength(15);
  });

  it("Atom: every document fits, and the next links read all 15 articles once", async () => {
    const { ids, sizes } = await walkXml(
      `${ORIGIN}/atom.xml`,
      (root) => child(root, `${ATOM} entry`),
      (root) => child(root, `${ATOM} link`).find((l) => l.attrs.rel === "next")?.attrs.href,
    );
    expect(Math.max(...sizes)).toBeLessThanOrEqual(BUDGET);
    expect(new Set(ids).size).toBe(15);
    expect(ids).toHaveLength(15);
  });

  it("JSON Feed: every document fits, and next_url reads all 15 articles once", async () => {
    const ids: string[] = [];
    const sizes: number[] = [];
    for (let url: string | undefined = `${ORIGIN}/feed.json`; url;) {
      const text = await (await site.fetch(local(url))).text();
      sizes.push(bytes(text));
      const feed = JSON.parse(text) as { items: { id: string }[]; next_url?: string };
      expect(feed.items.length).toBeGreaterThanOrEqual(1);
      ids.push(...feed.items.map((i) => i.id));
      url = feed.next_url;
    }
    expect(Math.max(...sizes)).toBeLessThanOrEqual(BUDGET);
    expect(new Set(ids).size).toBe(15);
  });

  it("links a split page's parts both ways, with first and last", async () => {
    const links = async (path: string) => {
      const root = parseXml(await (await site.fetch(path)).text());
      return Object.fromEntries(
        child(child(root, "channel")[0]!, `${ATOM} link`)
          .filter((l) => l.attrs.rel !== "self")
          .map((l) => [l.attrs.rel, local(l.attrs.href!)]),
      );
    };
    const first = await links("/feed.xml");
    expect(first.first).toBe("/feed.xml");
    expect(first.next).toBe("/feed.xml?part=2");
    const second = await links("/feed.xml?part=2");
    expect(second.previous).toBe("/feed.xml");
    expect(second.last).toBe(first.last);
  });

  it("keeps the tag's and the category's feeds within the budget too", async () => {
    for (const path of [`/tags/${encodeURIComponent("长文")}/feed.xml`, "/categories/news/atom.xml"]) {
      const text = await (await site.fetch(path)).text();
      expect(bytes(text)).toBeLessThanOrEqual(BUDGET);
      expect(text).toContain('rel="next"');
    }
  });

  it("answers a part past the page's last with 404 and a malformed part with 400", async () => {
    expect((await site.fetch("/feed.xml?part=99")).status).toBe(404);
    expect((await site.fetch("/feed.xml?part=0")).status).toBe(400);
  });
});
