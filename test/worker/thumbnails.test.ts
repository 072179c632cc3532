/**
 * The thumbnail (the picture chosen in front matter, else the article's first available one) everywhere a reader looks: link previews
 * (og:image with size and alt, the Twitter card), JSON-LD, RSS <enclosure>, Atom rel="enclosure",
 * JSON Feed and API `image`, the embed card. Absolute URLs on the canonical origin. An article
 * whose pictures are lost (the seed) carries none of them.
 */
import { describe, expect, it } from "vitest";
import { harness } from "./harness.ts";
import { content, makeArticle, makeModel } from "./model.ts";

const ORIGIN = "https://www.chancheng-ceramics.example";
const PICTURE = `${ORIGIN}/media/meeting.jpg`;
const withPicture = makeArticle({
  slug: "with-picture",
  figures: [
    { file: "lost.jpg", alt: "", available: false },
    { file: "meeting.jpg", alt: "会场", available: true, width: 1600, height: 1200, bytes: 245_760 },
  ],
  html: '<figure><img src="/media/meeting.jpg" alt="会场" width="1600" height="1200"></figure>\n<p>正文。</p>\n',
});
const site = harness({ content: makeModel([withPicture]) });
const seedSite = harness({ content });
const text = async (app: typeof site, path: string) => (await app.fetch(path)).text();

describe("thumbnails", () => {
  it("link previews get og:image with its size and alt, and a large Twitter card", async () => {
    const html = await text(site, "/articles/with-picture");
    expect(html).toContain(`<meta property="og:image" content="${PICTURE}">`);
    expect(html).toContain(`<meta property="og:image:width" content="1600">`);
    expect(html).toContain(`<meta property="og:image:height" content="1200">`);
    expect(html).toContain(`<meta property="og:image:alt" content="会场">`);
    expect(html).toContain(`<meta name="twitter:card" content="summary_large_image">`);
    expect(html).toContain(`<meta name="twitter:image" content="${PICTURE}">`);
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)![1]!);
    expect(ld.image).toEqual({ "@type": "ImageObject", url: PICTURE, width: 1600, height: 1200 });
  });

  it("RSS and Atom items carry it as an enclosure with type and length", async () => {
    expect(await text(site, "/feed.xml")).toContain(`<enclosure url="${PICTURE}" length="245760" type="image/jpeg"/>`);
    expect(await text(site, "/atom.xml")).toContain(
      `<link rel="enclosure" type="image/jpeg" href="${PICTURE}" length="245760"/>`,
    );
  });

  it("JSON Feed items and the API give its URL", async () => {
    const feed = (await (await site.fetch("/feed.json")).json()) as { items: { image?: string }[] };
    expect(feed.items[0]!.image).toBe(PICTURE);
    const api = (await (await site.fetch("/api/v1/articles/with-picture")).json()) as { image: string };
    expect(api.image).toBe(PICTURE);
  });

  it("the embed card shows it", async () => {
    expect(await text(site, "/embed/articles/with-picture")).toContain(
      `<img class="thumb" src="/media/meeting.jpg" alt="会场" width="1600" height="1200" decoding="async">`,
    );
  });

  it("the picture chosen in front matter (image:) comes before the first figure, in the page and the feeds", async () => {
    const cover = `${ORIGIN}/media/feng-mian-800.0123456789.jpg`;
    const chosen = makeArticle({
      ...withPicture,
      slug: "chosen",
      cover: {
        file: "封面.jpg",
        alt: "年会封面",
        available: true,
        src: "feng-mian-800.0123456789.jpg",
        width: 800,
        height: 1200,
        bytes: 98_304,
      },
    });
    const app = harness({ content: makeModel([chosen]) });
    const html = await text(app, "/articles/chosen");
    expect(html).toContain(`<meta property="og:image" content="${cover}">`);
    expect(html).toContain(`<meta property="og:image:alt" content="年会封面">`);
    expect(await text(app, "/feed.xml")).toContain(`<enclosure url="${cover}" length="98304" type="image/jpeg"/>`);
    const api = (await (await app.fetch("/api/v1/articles/chosen")).json()) as { image: string };
    expect(api.image).toBe(cover);
  });

  it("an article whose pictures are lost carries no thumbnail anywhere", async () => {
    const slug = content.articles[0]!.slug;
    const html = await text(seedSite, `/articles/${slug}`);
    expect(html).not.toContain("og:image");
    expect(html).toContain(`<meta name="twitter:card" content="summary">`);
    expect(await text(seedSite, "/feed.xml")).not.toContain("<enclosure");
    expect(await text(seedSite, "/atom.xml")).not.toContain('rel="enclosure"');
    expect(await text(seedSite, `/embed/articles/${slug}`)).not.toContain('class="thumb"');
  });
});
