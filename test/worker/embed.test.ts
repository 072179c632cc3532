import { describe, expect, it } from "vitest";
import { content } from "./model.ts";
import { harness } from "./harness.ts";

const seed = content.articles[0]!;
const ORIGIN = "https://www.chancheng-ceramics.example";
const seedUrl = `${ORIGIN}/articles/${seed.slug}`;
const site = harness({ content });
const oembed = (query: string) => site.fetch(`/oembed?${query}`);

describe("oEmbed", () => {
  it("describes an article as a rich embed of the framable card", async () => {
    const res = await oembed(`url=${encodeURIComponent(seedUrl)}&format=json`);
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    const body = await res.json<Record<string, unknown>>();
    expect(body).toEqual({
      version: "1.0",
      type: "rich",
      title: seed.title,
      provider_name: "佛山市禅城区陶瓷行业协会",
      provider_url: `${ORIGIN}/`,
      cache_age: 86400,
      width: 560,
      height: 240,
      html: `<iframe src="${ORIGIN}/embed/articles/${seed.slug}" width="560" height="240" title="${seed.title}" loading="lazy" style="border:0;max-width:100%" sandbox="allow-popups allow-popups-to-escape-sandbox"></iframe>`,
    });
  });

  it("honours maxwidth and maxheight", async () => {
    const body = await (
      await oembed(`url=${encodeURIComponent(seedUrl)}&maxwidth=320&maxheight=200`)
    ).json<{ width: number; height: number; html: string }>();
    expect([body.width, body.height]).toEqual([320, 200]);
    expect(body.html).toContain('width="320" height="200"');
  });

  it.each([
    ["", "url", 'Query parameter "url" is required: the URL of an article of this site.'],
    ["url=not%20a%20url", "url", 'Query parameter "url" is not a valid absolute URL: "not a url".'],
    [
      `url=${encodeURIComponent("https://evil.example/articles/x")}`,
      "url",
      `Query parameter "url" must be an article URL on ${ORIGIN}; got https://evil.example.`,
    ],
    [
      `url=${encodeURIComponent(seedUrl)}&format=xml`,
      "format",
      'Query parameter "format" "xml" is not supported. Allowed: json.',
    ],
    [
      `url=${encodeURIComponent(seedUrl)}&maxwidth=-5`,
      "maxwidth",
      'Query parameter "maxwidth" must be a whole number from 1 to 99999; got "-5".',
    ],
  ])("answers %j with a 400 problem naming %s", async (query, name, detail) => {
    const res = await oembed(query);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json; charset=utf-8");
    const body = await res.json<{ detail: string; invalid_params: { name: string }[] }>();
    expect(body.detail).toBe(detail);
    expect(body.invalid_params[0]!.name).toBe(name);
  });

  it("answers an unknown article of this site with a 404 problem", async () => {
    const res = await oembed(`url=${encodeURIComponent(`${ORIGIN}/articles/nope`)}`);
    expect(res.status).toBe(404);
    expect((await res.json<{ detail: string }>()).detail).toBe(`No published article at ${ORIGIN}/articles/nope.`);
  });

  it("is discoverable from the article page", async () => {
    const body = await (await site.fetch(`/articles/${seed.slug}`)).text();
    expect(body).toContain(
      `<link rel="alternate" type="application/json+oembed" href="${ORIGIN}/oembed?url=${encodeURIComponent(seedUrl)}&amp;format=json"`,
    );
  });
});

describe("the embeddable view", () => {
  it("may be framed by other origins, while the rest of the site may not", async () => {
    const res = await site.fetch(`/embed/articles/${seed.slug}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors *");
    expect(res.headers.get("content-security-policy")).not.toContain("unsafe-inline");
    expect(res.headers.get("x-frame-options")).toBeNull();
    const page = await site.fetch(`/articles/${seed.slug}`);
    expect(page.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(page.headers.get("x-frame-options")).toBe("DENY");
  });

  it("is a compact card linking the article", async () => {
    const body = await (await site.fetch(`/embed/articles/${seed.slug}`)).text();
    expect(body).toContain(`<h1><a href="${seedUrl}" target="_blank" rel="noopener">${seed.title}</a></h1>`);
    expect(body).toContain(`<p class="summary">${seed.summary}</p>`);
  });

  it("404s for an unknown article", async () => {
    expect((await site.fetch("/embed/articles/nope")).status).toBe(404);
  });
});

describe("/embed.js", () => {
  it("is a small script defining the custom element, revalidated hourly", async () => {
    const res = await site.fetch("/embed.js");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("public, max-age=3600, stale-while-revalidate=86400");
    const body = await res.text();
    expect(body).toContain('customElements.define("ceramics-news"');
    expect(new TextEncoder().encode(body).length).toBeLessThan(6 * 1024);
  });
});
