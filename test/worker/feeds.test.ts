import { describe, expect, it } from "vitest";
import { child, children, NS, parseXml } from "../support/xml.ts";
import { harness } from "./harness.ts";
import { content, makeArticle, makeModel } from "./model.ts";

const seed = content.articles[0]!;
const ORIGIN = "https://www.chancheng-ceramics.example";
const seedUrl = `${ORIGIN}/articles/${seed.slug}`;
/** The seed's whole text as feeds carry it: the body without comments, then its source line. */
const seedText = `${seed.html.replace(/<!--[\s\S]*?-->\n?/g, "")}<p class="source">来源: ${seed.source}</p>\n`;

const site = harness({ content });
const text = async (path: string, init?: RequestInit) => (await site.fetch(path, init)).text();

describe("RSS 2.0 /feed.xml", () => {
  it("is served as application/xml in UTF-8 (browsers then apply its stylesheet) with validators", async () => {
    const res = await site.fetch("/feed.xml");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/xml; charset=utf-8");
    expect(res.headers.get("etag")).toMatch(/^"/);
    expect(res.headers.get("cache-control")).toBe("public, max-age=300, stale-while-revalidate=3600");
  });

  it("describes the channel with self link, language and a content date", async () => {
    const channel = child(parseXml(await text("/feed.xml")), "channel")!;
    expect(child(channel, "title")!.text).toBe("佛山市禅城区陶瓷行业协会");
    expect(child(channel, "link")!.text).toBe(`${ORIGIN}/`);
    expect(child(channel, "language")!.text).toBe("zh-CN");
    expect(child(channel, "lastBuildDate")!.text).toBe("Fri, 27 Nov 2026 00:00:00 +0800");
    expect(child(channel, `${NS.atom} link`)!.attrs).toEqual({
      rel: "self",
      type: "application/rss+xml",
      href: `${ORIGIN}/feed.xml`,
    });
    expect(child(channel, `${NS.fh} complete`)).toBeDefined();
  });

  it("carries the seed's whole text with its permanent id and no invented date", async () => {
    const item = child(child(parseXml(await text("/feed.xml")), "channel")!, "item")!;
    expect(child(item, "guid")!.text).toBe(`urn:uuid:${seed.id}`);
    expect(child(item, "guid")!.attrs.isPermaLink).toBe("false");
    expect(child(item, "link")!.text).toBe(seedUrl);
    expect(child(item, "pubDate")).toBeUndefined();
    expect(child(item, `${NS.content} encoded`)!.text).toBe(seedText);
    expect(children(item, "category").map((c) => c.text)[0]).toBe("协会动态");
  });

  it("gives an RFC 822 pubDate in the site's offset and dc:creator for an author", async () => {
    const app = harness({
      content: makeModel([
        makeArticle({ slug: "x", author: "张三", published: { kind: "exact", iso: "2026-01-05T09:30:00+08:00" } }),
      ]),
    });
    const item = child(child(parseXml(await (await app.fetch("/feed.xml")).text()), "channel")!, "item")!;
    expect(child(item, "pubDate")!.text).toBe("Mon, 05 Jan 2026 09:30:00 +0800");
    expect(child(item, `${NS.dc} creator`)!.text).toBe("张三");
  });
});

describe("Atom /atom.xml", () => {
  it("is served as application/xml", async () => {
    expect((await site.fetch("/atom.xml")).headers.get("content-type")).toBe("application/xml; charset=utf-8");
  });

  it("has a permanent feed id, a content date and the required links", async () => {
    const feed = parseXml(await text("/atom.xml"));
    expect(feed.name).toBe(`${NS.atom} feed`);
    expect(child(feed, `${NS.atom} id`)!.text).toBe(content.site.feedIds.all);
    expect(child(feed, `${NS.atom} id`)!.text).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(child(feed, `${NS.atom} updated`)!.text).toBe("2026-11-27T00:00:00+08:00");
    const links = children(feed, `${NS.atom} link`).map((l) => `${l.attrs.rel} ${l.attrs.href}`);
    expect(links).toEqual([`alternate ${ORIGIN}/`, `self ${ORIGIN}/atom.xml`]);
  });

  it("has the seed as an entry with its permanent id, updated but not published, and the full HTML", async () => {
    const entry = child(parseXml(await text("/atom.xml")), `${NS.atom} entry`)!;
    expect(child(entry, `${NS.atom} id`)!.text).toBe(`urn:uuid:${seed.id}`);
    expect(child(entry, `${NS.atom} updated`)!.text).toBe("2026-11-27T00:00:00+08:00");
    expect(child(entry, `${NS.atom} published`)).toBeUndefined();
    const body = child(entry, `${NS.atom} content`)!;
    expect(body.attrs.type).toBe("html");
    expect(body.text).toBe(seedText);
  });
});

describe("JSON Feed 1.1 /feed.json", () => {
  it("is served as application/feed+json, version 1.1", async () => {
    const res = await site.fetch("/feed.json");
    expect(res.headers.get("content-type")).toBe("application/feed+json; charset=utf-8");
    const feed = await res.json<Record<string, unknown>>();
    expect(feed).toMatchObject({
      version: "https://jsonfeed.org/version/1.1",
      title: "佛山市禅城区陶瓷行业协会",
      home_page_url: `${ORIGIN}/`,
      feed_url: `${ORIGIN}/feed.json`,
      language: "zh-CN",
      authors: [{ name: "佛山市禅城区陶瓷行业协会", url: `${ORIGIN}/` }],
    });
    expect(feed).not.toHaveProperty("author");
    expect(feed).not.toHaveProperty("next_url");
  });

  it("carries the seed's whole text, with date_modified and no date_published", async () => {
    const feed = await (await site.fetch("/feed.json")).json<{ items: Record<string, unknown>[] }>();
    expect(feed.items).toHaveLength(1);
    const item = feed.items[0]!;
    expect(item).toMatchObject({
      id: `urn:uuid:${seed.id}`,
      url: seedUrl,
      title: seed.title,
      summary: seed.summary,
      date_modified: "2026-11-27T00:00:00+08:00",
    });
    expect(item.content_html).toBe(seedText);
    expect(item).not.toHaveProperty("date_published");
    expect(item).not.toHaveProperty("image");
  });
});

describe("every feed", () => {
  it("uses the canonical origin, never the request's host", async () => {
    for (const path of ["/feed.xml", "/atom.xml", "/feed.json"]) {
      const body = await (await site.fetch(path, { headers: { host: "preview.example.workers.dev" } })).text();
      expect(body).not.toContain("workers.dev");
      expect(body).not.toContain("test.local");
    }
  });

  it("makes every URL in item content absolute, including fragments and srcset", async () => {
    const html =
      '<p><a href="/articles/other">x</a> <a href="#part">y</a> <img src="/media/a.jpg" srcset="/media/a.jpg 1x, /media/a@2x.jpg 2x" alt=""> <a href="https://other.example/">z</a></p>\n';
    const app = harness({ content: makeModel([makeArticle({ slug: "x", html })]) });
    const item = (await (await app.fetch("/feed.json")).json<{ items: { content_html: string }[] }>()).items[0]!;
    expect(item.content_html).toBe(
      `<p><a href="${ORIGIN}/articles/other">x</a> <a href="${ORIGIN}/articles/x#part">y</a> <img src="${ORIGIN}/media/a.jpg" srcset="${ORIGIN}/media/a.jpg 1x, ${ORIGIN}/media/a@2x.jpg 2x" alt=""> <a href="https://other.example/">z</a></p>\n`,
    );
    const rss = parseXml(await (await app.fetch("/feed.xml")).text());
    expect(child(child(child(rss, "channel")!, "item")!, `${NS.content} encoded`)!.text).toBe(item.content_html);
  });

  it("points browsers to a CSS stylesheet (no XSLT), served as text/css", async () => {
    for (const path of ["/feed.xml", "/atom.xml"]) {
      const text = await (await site.fetch(path)).text();
      const pi =
        /^<\?xml version="1\.0" encoding="utf-8"\?>\n<\?xml-stylesheet type="text\/css" href="(\/assets\/feed\.[0-9a-f]+\.css)"\?>\n/.exec(
          text,
        );
      expect(pi, path).not.toBeNull();
      const css = await site.fetch(pi![1]!);
      expect(css.status).toBe(200);
      expect(css.headers.get("content-type")).toBe("text/css; charset=utf-8");
      expect(await css.text()).toContain("把浏览器地址栏中的网址复制到 RSS 阅读器");
    }
  });

  it("answers with the feed whatever Accept says", async () => {
    const res = await site.fetch("/feed.xml", { headers: { accept: "text/html" } });
    expect(res.headers.get("content-type")).toBe("application/xml; charset=utf-8");
    expect(res.headers.get("vary")).toBeNull();
  });

  it("is byte-identical from a fresh worker at another time", async () => {
    for (const path of ["/feed.xml", "/atom.xml", "/feed.json", "/categories/news/atom.xml"]) {
      const a = await (await harness({ content, clock: () => Date.parse("2026-12-01T00:00:00Z") }).fetch(path)).text();
      const b = await (await harness({ content, clock: () => Date.parse("2031-06-01T00:00:00Z") }).fetch(path)).text();
      expect(b).toBe(a);
    }
  });

  it("advertises a WebSub hub when the site has one", async () => {
    const model = makeModel([makeArticle({ slug: "x" })]);
    const app = harness({ content: { ...model, site: { ...model.site, websub: "https://hub.example/" } } });
    expect(await (await app.fetch("/feed.xml")).text()).toContain('<atom:link rel="hub" href="https://hub.example/"/>');
    expect(await (await app.fetch("/atom.xml")).text()).toContain('<link rel="hub" href="https://hub.example/"/>');
    expect((await (await app.fetch("/feed.json")).json<{ hubs: unknown }>()).hubs).toEqual([
      { type: "WebSub", url: "https://hub.example/" },
    ]);
  });

  it("answers 304 to a matching If-None-Match", async () => {
    const etag = (await site.fetch("/atom.xml")).headers.get("etag")!;
    expect((await site.fetch("/atom.xml", { headers: { "if-none-match": etag } })).status).toBe(304);
  });
});

describe("paged feeds (RFC 5005)", () => {
  const many = () =>
    harness({
      content: makeModel(
        Array.from({ length: 45 }, (_, i) =>
          makeArticle({
            slug: `a${i}`,
            published: { kind: "exact", iso: `2026-01-${String(1 + (i % 28)).padStart(2, "0")}T09:00:00+08:00` },
          }),
        ),
      ),
    });

  it("holds the newest feedSize items and links the next, first and last pages", async () => {
    const feed = parseXml(await (await many().fetch("/atom.xml")).text());
    expect(children(feed, `${NS.atom} entry`)).toHaveLength(20);
    expect(child(feed, `${NS.fh} complete`)).toBeUndefined();
    const links = Object.fromEntries(children(feed, `${NS.atom} link`).map((l) => [l.attrs.rel, l.attrs.href]));
    expect(links).toMatchObject({
      first: `${ORIGIN}/atom.xml`,
      next: `${ORIGIN}/atom.xml?page=2`,
      last: `${ORIGIN}/atom.xml?page=3`,
    });
  });

  it("serves older pages, with next_url in JSON Feed", async () => {
    const app = many();
    const page3 = await (
      await app.fetch("/feed.json?page=3")
    ).json<{ items: unknown[]; next_url?: string; feed_url: string }>();
    expect(page3.items).toHaveLength(5);
    expect(page3.next_url).toBeUndefined();
    expect(page3.feed_url).toBe(`${ORIGIN}/feed.json?page=3`);
    const page1 = await (await app.fetch("/feed.json")).json<{ next_url: string }>();
    expect(page1.next_url).toBe(`${ORIGIN}/feed.json?page=2`);
  });

  it("answers a page past the last with 404 and a malformed page with 400 naming it", async () => {
    const app = many();
    const missing = await app.fetch("/feed.xml?page=4");
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe("Feed page 4 does not exist (last page: 3).\n");
    const bad = await app.fetch("/feed.xml?page=abc");
    expect(bad.status).toBe(400);
    expect(await bad.text()).toBe('Invalid page: must be a whole number from 1 to 999999999; got "abc".\n');
  });
});

describe("category feeds", () => {
  it("exist for every category, in every format, with their own permanent id", async () => {
    for (const c of content.site.categories) {
      for (const file of ["feed.xml", "atom.xml", "feed.json"]) {
        expect((await site.fetch(`/categories/${c.slug}/${file}`)).status, `${c.slug}/${file}`).toBe(200);
      }
      const feed = parseXml(await text(`/categories/${c.slug}/atom.xml`));
      expect(child(feed, `${NS.atom} id`)!.text).toBe(content.site.feedIds[c.slug]);
    }
  });

  it("hold only the category's articles", async () => {
    const app = harness({
      content: makeModel([
        makeArticle({ slug: "n", category: "news" }),
        makeArticle({ slug: "o", category: "outlook" }),
      ]),
    });
    const items = (await (await app.fetch("/categories/outlook/feed.json")).json<{ items: { url: string }[] }>()).items;
    expect(items.map((i) => i.url)).toEqual([`${ORIGIN}/articles/o`]);
  });

  it("answer an unknown category with 404", async () => {
    const res = await site.fetch("/categories/nope/feed.xml");
    expect(res.status).toBe(404);
    expect(await res.text()).toBe('No category "nope".\n');
  });
});

describe("discovery", () => {
  it("every page links the site feeds in <head>; category pages their own too", async () => {
    const home = await text("/");
    expect(home).toContain(
      `<link rel="alternate" type="application/rss+xml" title="佛山市禅城区陶瓷行业协会 (RSS)" href="${ORIGIN}/feed.xml">`,
    );
    expect(home).toContain(
      `<link rel="alternate" type="application/atom+xml" title="佛山市禅城区陶瓷行业协会 (Atom)" href="${ORIGIN}/atom.xml">`,
    );
    expect(home).toContain(
      `<link rel="alternate" type="application/feed+json" title="佛山市禅城区陶瓷行业协会 (JSON Feed)" href="${ORIGIN}/feed.json">`,
    );
    const section = await text("/categories/news");
    expect(section).toContain(`href="${ORIGIN}/categories/news/feed.xml"`);
  });

  it("/feeds lists every feed of the site, its categories and its tags", async () => {
    const res = await site.fetch("/feeds");
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(
      body.match(/<td><a href="https:\/\/www\.chancheng-ceramics\.example\/[^"]*(feed\.xml|atom\.xml|feed\.json)">/g),
    ).toHaveLength((1 + 7 + seed.tags.length) * 3);
    expect(body).toContain(`<a href="${ORIGIN}/tags/${encodeURIComponent("禅城区")}/atom.xml">Atom 1.0</a>`);
  });
});

describe("attribution", () => {
  const source = "来源: 南方号~佛山市~城市方法论";

  it("carries the seed's source line at the end of its content in all three formats", async () => {
    const rss = await (await site.fetch("/feed.xml")).text();
    const atom = await (await site.fetch("/atom.xml")).text();
    const json = (await (await site.fetch("/feed.json")).json()) as { items: { content_html: string }[] };
    expect(rss).toContain(`&lt;p class=&quot;source&quot;&gt;${source}&lt;/p&gt;\n</content:encoded>`);
    expect(atom).toContain(`&lt;p class=&quot;source&quot;&gt;${source}&lt;/p&gt;\n</content>`);
    expect(json.items[0]!.content_html.endsWith(`<p class="source">${source}</p>\n`)).toBe(true);
  });

  it("names the source in RSS as dc:source", async () => {
    expect(await (await site.fetch("/feed.xml")).text()).toContain("<dc:source>南方号~佛山市~城市方法论</dc:source>");
  });

  it("adds nothing for an article without a source", async () => {
    const app = harness({ content: makeModel([makeArticle({ slug: "x" })]) });
    const rss = await (await app.fetch("/feed.xml")).text();
    expect(rss).not.toContain("dc:source");
    expect(rss).not.toContain("来源");
  });

  it("shows the source on the embed card", async () => {
    const card = await (await site.fetch(`/embed/articles/${seed.slug}`)).text();
    expect(card).toContain(`<p class="source">${source}</p>`);
  });
});

describe("attribution with the original's URL", () => {
  const article = makeArticle({ slug: "x", source: "南方号", sourceUrl: "https://static.nfapp.southcn.com/a?b=1&c=2" });
  const app = harness({ content: makeModel([article]) });

  it("links the source line to the original in the feeds, and names the original in dc:source", async () => {
    const json = (await (await app.fetch("/feed.json")).json()) as { items: { content_html: string }[] };
    expect(json.items[0]!.content_html).toContain(
      '<p class="source">来源: <a href="https://static.nfapp.southcn.com/a?b=1&amp;c=2" rel="noopener">南方号</a></p>',
    );
    expect(await (await app.fetch("/feed.xml")).text()).toContain(
      "<dc:source>https://static.nfapp.southcn.com/a?b=1&amp;c=2</dc:source>",
    );
  });

  it("gives the API's source_url and the page's link", async () => {
    const api = (await (await app.fetch("/api/v1/articles/x")).json()) as { source: string; source_url: string };
    expect([api.source, api.source_url]).toEqual(["南方号", "https://static.nfapp.southcn.com/a?b=1&c=2"]);
    expect(await (await app.fetch("/articles/x")).text()).toContain(
      '<p class="source">来源: <a href="https://static.nfapp.southcn.com/a?b=1&amp;c=2" rel="noopener">南方号</a></p>',
    );
  });
});
