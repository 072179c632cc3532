/** /embed, the embed builder (issue 31 part 2), served by the worker from the fixture site. */
import { describe, expect, it } from "vitest";
import { ASSETS } from "../../src/generated/assets.ts";
import { fixtureSite } from "./model.ts";
import { harness } from "./harness.ts";

const ORIGIN = "https://www.chancheng-ceramics.example";
const app = harness({ content: fixtureSite });
const page = async () => {
  const res = await app.fetch("/embed");
  return { res, html: await res.text() };
};

describe("/embed", () => {
  it("is a page in the site's chrome, under the pages' Content Security Policy", async () => {
    const { res, html } = await page();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(html).toContain(`<title>嵌入本站新闻 - 佛山市禅城区陶瓷行业协会</title>`);
    expect(html).toContain(`<link rel="canonical" href="${ORIGIN}/embed">`);
    expect(html).toContain(`<header class="site-header">`);
  });

  it("offers every section and every tag with its count", async () => {
    const { html } = await page();
    const select = (id: string) =>
      [
        ...(new RegExp(`<select id="${id}"[^>]*>(.*?)</select>`).exec(html)?.[1] ?? "").matchAll(
          /<option value="([^"]*)">([^<]*)/g,
        ),
      ].map(([, value, label]) => `${value}=${label}`);
    expect(select("builder-category")).toEqual([
      "about=协会概况",
      "news=协会动态",
      "outlook=行业前瞻",
      "charity=慈善公益",
      "legal=法律咨询",
      "members=会员企业",
      "contact=联系我们",
    ]);
    expect(select("builder-tag")).toContain("禅城区=禅城区(3 篇)");
    expect(select("builder-tag")).toContain("南庄=南庄(1 篇)");
  });

  it("shows the default snippet and API URL without script, escaped as text", async () => {
    const { html } = await page();
    expect(html).toContain(
      `<code id="builder-snippet">&lt;script src=&quot;${ORIGIN}/embed.js&quot; defer&gt;&lt;/script&gt;\n&lt;ceramics-news limit=&quot;5&quot;&gt;&lt;/ceramics-news&gt;</code>`,
    );
    expect(html).toContain(`<code id="builder-api">${ORIGIN}/api/v1/articles?limit=5</code>`);
    expect(html).toContain(`<ceramics-news limit="5"></ceramics-news>`);
  });

  it("runs only its fingerprinted scripts, no inline script, and loads nothing from another origin", async () => {
    const { html } = await page();
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map(([, attrs]) => attrs);
    expect(scripts).toEqual([
      ` src="${ASSETS["embed.js"].path}" defer`,
      ` src="${ASSETS["embed-builder.js"].path}" defer`,
    ]);
    // Every resource the page loads (src, stylesheet, icon, manifest) is a path on this site.
    const loaded = [
      ...[...html.matchAll(/\ssrc="([^"]*)"/g)].map(([, v]) => v),
      ...[...html.matchAll(/<link rel="(?:stylesheet|icon|apple-touch-icon|manifest)" href="([^"]*)"/g)].map(
        ([, v]) => v,
      ),
    ];
    expect(loaded.length).toBeGreaterThan(4);
    for (const url of loaded) expect(url).toMatch(/^\/[^/]/);
    for (const path of [ASSETS["embed.js"].path, ASSETS["embed-builder.js"].path]) {
      expect((await app.fetch(path)).status).toBe(200);
    }
  });

  it("is linked from /feeds", async () => {
    const html = await (await app.fetch("/feeds")).text();
    expect(html).toContain(`<a href="/embed">嵌入代码生成器</a>`);
  });

  it("answers HEAD, and refuses POST with 405", async () => {
    expect((await app.fetch("/embed", { method: "HEAD" })).status).toBe(200);
    expect((await app.fetch("/embed", { method: "POST" })).status).toBe(405);
  });
});
