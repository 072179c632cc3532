import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { harness } from "./harness.ts";
import { content, makeArticle, makeModel } from "./model.ts";

const seed = content.articles.find((a) => a.id === "d28ca07e-5fb2-4162-9eff-eb6ca93cb236")!;
// The fixture site's seed, served the way the runtime serves it (harness.ts); the deployed
// wiring over whatever content/ holds is checked apart, below.
const app = harness({ content });
const get = (path: string, init?: RequestInit) => app.fetch(path, init);

describe("GET /articles/:slug", () => {
  it("serves the seed article as a zh-CN HTML document", async () => {
    const res = await get(`/articles/${seed.slug}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const body = await res.text();
    expect(body.startsWith('<!doctype html>\n<html lang="zh-CN">')).toBe(true);
  });

  it("titles the page with the article and the site name", async () => {
    const body = await (await get(`/articles/${seed.slug}`)).text();
    expect(body).toContain(
      "<title>佛山禅城全面深化改革,四镇街以何为破口?听镇街书记怎么说 - 佛山市禅城区陶瓷行业协会</title>",
    );
    expect(body).toContain("<h1>佛山禅城全面深化改革,四镇街以何为破口?听镇街书记怎么说</h1>");
  });

  it("carries the body, the headings, the source line and the date as known", async () => {
    const body = await (await get(`/articles/${seed.slug}`)).text();
    expect(body).toContain(seed.html);
    expect(body).toContain('<h2 id="石湾">石湾</h2>');
    expect(body).toContain(`<p class="source">来源: 南方号~佛山市~城市方法论</p>`);
    expect(body).toContain("发布日期不详(不早于2018年6月20日)");
  });

  it("links the canonical URL on the configured origin, not the request's host", async () => {
    const body = await (await get(`/articles/${seed.slug}`)).text();
    expect(body).toContain(
      `<link rel="canonical" href="https://www.chancheng-ceramics.example/articles/${seed.slug}">`,
    );
    expect(body).not.toContain("test.local");
  });

  it("carries the site chrome: navigation, copyright and ICP number", async () => {
    const body = await (await get(`/articles/${seed.slug}`)).text();
    for (const name of ["协会概况", "协会动态", "行业前瞻", "慈善公益", "法律咨询", "会员企业", "联系我们"]) {
      expect(body).toContain(`>${name}</a>`);
    }
    expect(body).toContain("Copyright 佛山市禅城区陶瓷行业协会 版权所有:佛山市家美文化传媒有限公司");
    expect(body).toContain('<a href="https://beian.miit.gov.cn/" rel="noopener">粤ICP备11050138号</a>');
  });

  it("answers an unknown slug with a 404 page in the site's chrome", async () => {
    const res = await get("/articles/no-such-article");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const body = await res.text();
    expect(body).toContain("<h1>页面不存在</h1>");
    expect(body).toContain("佛山市禅城区陶瓷行业协会");
  });

  it("escapes the requested path on the 404 page", async () => {
    const res = await get("/articles/%3Cscript%3Ealert(1)%3C%2Fscript%3E");
    expect(res.status).toBe(404);
    const body = await res.text();
    expect(body).not.toContain("<script>alert(1)</script>");
    expect(body).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("escapes markup in titles", async () => {
    const app = harness({ content: makeModel([makeArticle({ slug: "x", title: '<b>"陶瓷" & 瓷砖</b>' })]) });
    const body = await (await app.fetch("/articles/x")).text();
    expect(body).toContain("<h1>&lt;b&gt;&quot;陶瓷&quot; &amp; 瓷砖&lt;/b&gt;</h1>");
  });

  it("never serves a draft", async () => {
    const app = harness({ content: makeModel([makeArticle({ slug: "draft", draft: true })]) });
    expect((await app.fetch("/articles/draft")).status).toBe(404);
  });

  it("serves a scheduled article only from its publication time on", async () => {
    const scheduled = makeArticle({ slug: "later", published: { kind: "exact", iso: "2026-12-01T08:00:00+08:00" } });
    const at = (iso: string) => harness({ content: makeModel([scheduled]), clock: () => Date.parse(iso) });
    expect((await at("2026-12-01T07:59:59+08:00").fetch("/articles/later")).status).toBe(404);
    expect((await at("2026-12-01T08:00:00+08:00").fetch("/articles/later")).status).toBe(200);
  });
});

describe("unknown paths", () => {
  it("get the 404 page", async () => {
    const res = await get("/no/such/page");
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("<h1>页面不存在</h1>");
  });
});

describe("the deployed worker (src/index.ts over the build in public/, whatever content/ holds)", () => {
  it("answers its home page as zh-CN HTML, linking the configured origin, never the request's host", async () => {
    const res = await exports.default.fetch("https://preview.workers.dev/");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const body = await res.text();
    expect(body.startsWith('<!doctype html>\n<html lang="zh-CN">')).toBe(true);
    expect(body).toMatch(/<link rel="canonical" href="https:\/\/[^"]+\/">/);
    expect(body).not.toContain("workers.dev");
  });

  it("answers an unknown path with the 404 page", async () => {
    const res = await exports.default.fetch("http://localhost/no/such/page");
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("<h1>页面不存在</h1>");
  });
});
