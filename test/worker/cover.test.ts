/**
 * The cover an editor chose (`image:` in front matter) where readers see it (issue 33, part 4): at
 * the top of the article page, above the body, and as the thumbnail beside the article in every
 * list. Articles without one show neither.
 */
import { describe, expect, it } from "vitest";
import { harness } from "./harness.ts";
import { makeArticle, makeModel } from "./model.ts";

const COVER_HTML =
  '<figure class="cover"><picture><source type="image/avif" srcset="/media/hui-chang-480.0123456789.avif 480w" sizes="(max-width: 42rem) calc(100vw - 2rem), 40rem"><img src="/media/hui-chang-480.abcdef0123.jpg" srcset="/media/hui-chang-480.abcdef0123.jpg 480w" sizes="(max-width: 42rem) calc(100vw - 2rem), 40rem" alt="协会会员大会会场" width="480" height="320" fetchpriority="high"></picture></figure>\n';
const withCover = makeArticle({
  slug: "with-cover",
  title: "会员大会召开",
  category: "news",
  cover: {
    file: "hui-chang.jpg",
    alt: "协会会员大会会场",
    available: true,
    src: "hui-chang-480.abcdef0123.jpg",
    width: 480,
    height: 320,
    thumb: { file: "hui-chang-480.abcdef0123.jpg", width: 480, height: 320 },
  },
  coverHtml: COVER_HTML,
  html: "<p>正文第一段。</p>\n",
  published: { kind: "exact", iso: "2026-01-06T09:00:00+08:00" },
});
const without = makeArticle({ slug: "without-cover", title: "没有封面的文章" });
const app = harness({ content: makeModel([withCover, without]) });
const text = async (path: string) => (await app.fetch(path)).text();
const THUMB =
  '<img class="thumb" src="/media/hui-chang-480.abcdef0123.jpg" alt="" width="480" height="320" loading="lazy" decoding="async">';

describe("the cover", () => {
  it("is shown at the top of the article page, after the date line and before the body", async () => {
    const html = await text("/articles/with-cover");
    expect(html).toContain(`</p>\n${COVER_HTML}<div class="body">\n<p>正文第一段。</p>`);
  });

  it("is not on the page of an article without one", async () => {
    expect(await text("/articles/without-cover")).not.toContain('class="cover"');
  });

  it("is the thumbnail beside its article on the home page, in its section and its archive", async () => {
    for (const path of ["/", "/categories/news", "/archive/2026"]) {
      const html = await text(path);
      expect(html, path).toContain(`<li><article class="with-thumb">\n${THUMB}\n<h2><a href="/articles/with-cover">`);
    }
  });

  it("gives no thumbnail to an article without one", async () => {
    const html = await text("/");
    expect(html).toContain('<li><article>\n<h2><a href="/articles/without-cover">');
    expect(html.match(/class="thumb"/g)).toHaveLength(1);
  });
});
