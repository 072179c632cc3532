import { describe, expect, it } from "vitest";
import { createStore } from "../../../src/content/index.ts";
import { bucketOf, decodePackRecord, LAYOUT } from "../../../src/content/store/format.ts";
import { encodePack, packStore } from "../../../scripts/content/pack.ts";
import { makeArticle, makeModel } from "../model.ts";

const at = (i: number) => `2026-01-${String(10 + i).padStart(2, "0")}T09:00:00+08:00`;
/** Ten articles, newest first (a9 … a0), every other one in "about"; small files to cross their bounds. */
const articles = Array.from({ length: 10 }, (_, k) => {
  const i = 9 - k;
  return makeArticle({ slug: `a${i}`, category: i % 2 ? "about" : "news", published: { kind: "exact", iso: at(i) } });
});
const layout = { ...LAYOUT, pack: 3, shard: 4, buckets: 8 };

function store(builtAt: number) {
  const { manifest, files } = packStore(makeModel(articles), { preview: false, builtAt, layout });
  return createStore(manifest, async (path) => files.get(path), { log: () => {} });
}
/** The slugs of a list, a Listing or the articles read for one. */
const slugs = (list: { slug: string }[] | { entries: { slug: string }[] } | { articles: { slug: string }[] }) =>
  (Array.isArray(list) ? list : "entries" in list ? list.entries : list.articles).map((a) => a.slug);

describe("content store", () => {
  it("lists newest first across shard boundaries", async () => {
    const s = store(Date.parse(at(9)));
    expect(s.count(Date.parse(at(9)))).toBe(10);
    expect(slugs(await s.list(Date.parse(at(9)), { offset: 2, limit: 5 }))).toEqual(["a7", "a6", "a5", "a4", "a3"]);
    expect(slugs(await s.list(Date.parse(at(9)), { section: "about", offset: 1, limit: 10 }))).toEqual([
      "a7",
      "a5",
      "a3",
      "a1",
    ]);
  });

  it("hides articles dated after now, wherever they sit, and shifts the windows", async () => {
    const s = store(Date.parse(at(4)));
    const now = Date.parse(at(6)); // a7, a8, a9 not yet out
    expect(s.count(now)).toBe(7);
    expect(s.count(now, "about")).toBe(3);
    expect(slugs(await s.list(now, { offset: 0, limit: 3 }))).toEqual(["a6", "a5", "a4"]);
    expect(slugs(await s.list(now, { section: "about", offset: 0, limit: 2 }))).toEqual(["a5", "a3"]);
    expect(await s.article("a8", now)).toBeUndefined();
    expect((await s.article("a6", now))?.slug).toBe("a6");
  });

  it("moves the epoch to the newest instant passed", () => {
    const s = store(Date.parse(at(4)));
    expect(s.epoch(Date.parse(at(5)) - 1)).toBe(Date.parse(at(4)));
    expect(s.epoch(Date.parse(at(7)))).toBe(Date.parse(at(7)));
  });

  it("finds the visible neighbours in the site list", async () => {
    const s = store(Date.parse(at(4)));
    const now = Date.parse(at(6));
    const { older, newer } = await s.neighbours("a6", now);
    expect(older?.slug).toBe("a5");
    expect(newer).toBeUndefined(); // a7 is not out yet
    expect((await s.neighbours("a0", now)).older).toBeUndefined();
  });

  it("loads the full articles of list entries from their packs, in order", async () => {
    const s = store(Date.parse(at(9)));
    const entries = await s.list(Date.parse(at(9)), { offset: 0, limit: 10 });
    expect(slugs(await s.articles(entries.entries))).toEqual(slugs(entries));
  });

  it("splits the sitemap into chunks of visible articles", async () => {
    const { manifest, files } = packStore(makeModel(articles), {
      preview: false,
      builtAt: Date.parse(at(4)),
      layout: { ...layout, sitemap: 4 },
    });
    const s = createStore(manifest, async (path) => files.get(path));
    expect(s.sitemaps()).toBe(3);
    expect(await s.sitemap(2, Date.parse(at(8)))).toEqual({ ok: true, value: [{ slug: "a8", lastmod: at(8) }] });
    expect(await s.sitemap(3, Date.parse(at(8)))).toBeUndefined();
  });
});

describe("pack files", () => {
  it("decode one record by position and slug", () => {
    const pack = encodePack(articles.slice(0, 3));
    expect(decodePackRecord(pack, 1, "a8")?.slug).toBe("a8");
    expect(decodePackRecord(pack, 1, "a9")).toBeUndefined();
    expect(decodePackRecord(pack, 5, "a8")).toBeUndefined();
  });

  it("hash slugs to stable buckets", () => {
    expect(bucketOf("chancheng-2018-reform-four-towns", 1024)).toBe(133); // FNV-1a: the same in every build
    expect(new Set(Array.from({ length: 200 }, (_, i) => bucketOf(`s${i}`, 8))).size).toBe(8);
  });
});
