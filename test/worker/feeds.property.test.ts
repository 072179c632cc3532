/**
 * Property tests: whatever text an editor (or a copy-paste from Word) puts in a title, summary,
 * author, tag or body, every feed stays well-formed XML / valid JSON and keeps the text, minus only
 * the characters XML 1.0 cannot carry.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Article } from "../../src/content/model.ts";
import { clean, renderAtom, renderJsonFeed, renderRss, type FeedView } from "../../src/render/feeds/index.ts";
import { child, children, NS, parseXml } from "../support/xml.ts";
import { makeArticle, site } from "./model.ts";

const nasty = fc.oneof(
  fc.constantFrom(
    "]]>",
    "&",
    "&amp;",
    "<script>alert(1)</script>",
    "\u0000",
    "\u0008",
    "\u001b",
    "\uFFFE",
    "\uFFFF",
    "\uD800",
    "\uDFFF",
    "😀",
    "👨‍👩‍👧",
    "陶瓷",
    '"',
    "'",
    "\r\n",
    "\u2028",
  ),
  fc.string({ unit: "binary", maxLength: 20 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
);
const text = fc.array(nasty, { minLength: 1, maxLength: 12 }).map((parts) => parts.join(""));
const longTitle = fc.integer({ min: 500, max: 3000 }).map((n) => "长".repeat(n));

const article = fc
  .record({ title: fc.oneof(text, longTitle), summary: text, author: text, tag: text, body: text })
  .map(({ title, summary, author, tag, body }) =>
    makeArticle({ slug: "x", title, summary, author, tags: [tag], html: `<p>${body}</p>` }),
  );

function view(articles: Article[]): FeedView {
  return {
    id: site.feedIds.all!,
    title: site.name,
    description: site.description,
    base: "",
    articles,
    paging: { self: { page: 1, part: 1 }, first: { page: 1, part: 1 }, last: { page: 1, part: 1 }, complete: true },
    updated: "2026-01-05T09:00:00+08:00",
  };
}

describe("feeds over generated content", () => {
  it("RSS is always well-formed and keeps titles and bodies", () => {
    fc.assert(
      fc.property(article, (a) => {
        const item = child(child(parseXml(renderRss(view([a]), site)), "channel")!, "item")!;
        expect(child(item, "title")!.text).toBe(clean(a.title));
        expect(child(item, `${NS.content} encoded`)!.text).toBe(clean(a.html));
        expect(children(item, "category").at(-1)!.text).toBe(clean(a.tags[0]!));
      }),
      { numRuns: 300 },
    );
  });

  it("Atom is always well-formed and keeps titles, authors and bodies", () => {
    fc.assert(
      fc.property(article, (a) => {
        const entry = child(parseXml(renderAtom(view([a]), site)), `${NS.atom} entry`)!;
        expect(child(entry, `${NS.atom} title`)!.text).toBe(clean(a.title));
        if (a.author) expect(child(child(entry, `${NS.atom} author`)!, `${NS.atom} name`)!.text).toBe(clean(a.author));
        expect(child(entry, `${NS.atom} content`)!.text).toBe(clean(a.html));
      }),
      { numRuns: 300 },
    );
  });

  it("JSON Feed is always valid JSON and keeps the text", () => {
    fc.assert(
      fc.property(article, (a) => {
        const feed = JSON.parse(renderJsonFeed(view([a]), site));
        expect(feed.items[0].title).toBe(clean(a.title));
        expect(feed.items[0].content_html).toBe(clean(a.html));
        expect(feed.items[0].summary).toBe(clean(a.summary));
      }),
      { numRuns: 300 },
    );
  });

  it("clean() removes exactly the characters XML 1.0 forbids", () => {
    expect(clean("a\u0000b\u0008c\td\ne\rf\uFFFEg\uD800h😀i]]>")).toBe("abc\td\ne\rfgh😀i]]>");
  });
});
