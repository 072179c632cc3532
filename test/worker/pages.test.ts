import { describe, expect, it } from "vitest";
import { harness } from "./harness.ts";
import { content, makeArticle, makeModel } from "./model.ts";

const seed = content.articles[0]!;
const site = harness({ content });

/** 45 articles, one a day, newest first, alternating two categories. */
function many() {
  const articles = Array.from({ length: 45 }, (_, i) =>
    makeArticle({
      slug: `a${45 - i}`,
      title: `第${45 - i}篇`,
      category: i % 2 ? "outlook" : "news",
      published: { kind: "exact", iso: new Date(Date.UTC(2026, 0, 45 - i)).toISOString().replace("Z", "+00:00") },
    }),
  );
  return harness({ content: makeModel(articles) });
}

describe("home page", () => {
  it("lists the latest articles with title, date as known, category and summary", async () => {
    const res = await site.fetch("/");
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain(`<h2><a href="/articles/${seed.slug}">${seed.title}</a></h2>`);
    expect(body).toContain("<span>发布日期不详(不早于2018年6月20日)</span>");
    expect(body).toContain('<a href="/categories/news">协会动态</a>');
    expect(body).toContain(`<p>${seed.summary}</p>`);
    expect(body).toContain("<title>佛山市禅城区陶瓷行业协会</title>");
  });

  it("paginates with rel=prev/next and page titles", async () => {
    const app = many();
    const first = await (await app.fetch("/")).text();
    expect(first).toContain('<link rel="next" href="/page/2">');
    expect(first).not.toContain('rel="prev"');
    expect(first.match(/<li><article>/g)).toHaveLength(20);
    const second = await app.fetch("/page/2");
    expect(second.status).toBe(200);
    const body = await second.text();
    expect(body).toContain('<link rel="prev" href="/">');
    expect(body).toContain('<link rel="next" href="/page/3">');
    expect(body).toContain("<title>最新文章 - 第2页 - 佛山市禅城区陶瓷行业协会</title>");
    expect(body).toContain('<link rel="canonical" href="https://www.chancheng-ceramics.example/page/2">');
    const third = await (await app.fetch("/page/3")).text();
    expect(third.match(/<li><article>/g)).toHaveLength(5);
  });

  it("answers a page past the last with a 404 page", async () => {
    const res = await many().fetch("/page/4");
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("<h1>页面不存在</h1>");
  });

  it.each(["abc", "0", "-1", "02", "1.5", "99999999999999999999"])(
    "answers page %s with a 400 naming the parameter",
    async (n) => {
      const res = await many().fetch(`/page/${n}`);
      expect(res.status).toBe(400);
      const body = await res.text();
      expect(body).toContain("<h1>请求有误</h1>");
      expect(body).toContain(`页码 &quot;${n}&quot; 无效:应为 1 到 999999999 之间的整数。`);
    },
  );

  it("redirects /page/1 to the list's first page", async () => {
    const res = await many().fetch("/page/1");
    expect(res.status).toBe(301);
    expect(res.headers.get("location")).toBe("/");
  });
});

describe("category pages", () => {
  it.each(content.site.categories.map((c) => [c.slug, c.name]))(
    "/categories/%s is a page titled %s",
    async (slug, name) => {
      const res = await site.fetch(`/categories/${slug}`);
      expect(res.status).toBe(200);
      const body = await res.text();
      expect(body).toContain(`<h1 id="listing-title">${name}</h1>`);
      expect(body).toContain(`<a href="/categories/${slug}" aria-current="page">${name}</a>`);
    },
  );

  it("lists only the category's articles", async () => {
    const body = await (await many().fetch("/categories/outlook")).text();
    expect(body.match(/<li><article>/g)).toHaveLength(20);
    expect(body).not.toContain('<a href="/categories/news">协会动态</a></p>');
  });

  it("paginates under its own path", async () => {
    const res = await many().fetch("/categories/news/page/2");
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<link rel="prev" href="/categories/news">');
  });

  it("shows an honest empty state", async () => {
    const body = await (await site.fetch("/categories/legal")).text();
    expect(body).toContain('<p class="empty">本栏目暂无文章。</p>');
  });

  it("answers an unknown category with a 404 page", async () => {
    const res = await site.fetch("/categories/nope");
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("<h1>页面不存在</h1>");
  });
});

describe("article page", () => {
  it("links 上一篇 and 下一篇 in published order, and neither when alone", async () => {
    const app = many();
    const body = await (await app.fetch("/articles/a10")).text();
    expect(body).toContain('<li><span>上一篇:</span><a href="/articles/a9">第9篇</a></li>');
    expect(body).toContain('<li><span>下一篇:</span><a href="/articles/a11">第11篇</a></li>');
    const newest = await (await app.fetch("/articles/a45")).text();
    expect(newest).not.toContain("下一篇:");
    const only = await (await site.fetch(`/articles/${seed.slug}`)).text();
    expect(only).not.toContain("上一篇");
  });

  it("has a breadcrumb from the site through the category to the article", async () => {
    const body = await (await site.fetch(`/articles/${seed.slug}`)).text();
    expect(body).toContain(
      `<ol><li><a href="/">首页</a></li><li><a href="/categories/news">协会动态</a></li><li aria-current="page">${seed.title}</li></ol>`,
    );
  });

  it("shows no broken image for the pictures that are not available", async () => {
    const body = await (await site.fetch(`/articles/${seed.slug}`)).text();
    expect(body).not.toMatch(/<img /);
  });

  it("has a share box with the canonical link and a QR code as inline SVG", async () => {
    const body = await (await site.fetch(`/articles/${seed.slug}`)).text();
    const url = `https://www.chancheng-ceramics.example/articles/${seed.slug}`;
    expect(body).toContain(`<input type="text" readonly value="${url}" aria-label="文章链接">`);
    expect(body).toMatch(/<svg class="qr" xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 (\d+) \1"/);
    expect(body).toContain("微信扫一扫");
  });

  it("describes itself with OpenGraph, Twitter card and a NewsArticle without an invented date", async () => {
    const body = await (await site.fetch(`/articles/${seed.slug}`)).text();
    expect(body).toContain('<meta property="og:type" content="article">');
    expect(body).toContain(`<meta property="og:title" content="${seed.title} - 佛山市禅城区陶瓷行业协会">`);
    expect(body).toContain('<meta name="twitter:card" content="summary">');
    const json = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/.exec(body)![1]!);
    expect(json).toMatchObject({
      "@type": "NewsArticle",
      headline: seed.title,
      articleSection: "协会动态",
      inLanguage: "zh-CN",
    });
    expect(json).not.toHaveProperty("datePublished");
  });

  it("escapes a title that tries to close the JSON-LD script", async () => {
    const title = '</script><script>alert("x")</script> & \u2028';
    const app = harness({ content: makeModel([makeArticle({ slug: "x", title })]) });
    const body = await (await app.fetch("/articles/x")).text();
    const block = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(body)![1]!;
    expect(block).not.toContain("<");
    expect(JSON.parse(block).headline).toBe(title);
    expect(body).toContain("<h1>&lt;/script&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; \u2028</h1>");
  });

  it("gives each page its own title and description", async () => {
    const app = many();
    const heads = await Promise.all(
      ["/", "/page/2", "/articles/a1", "/categories/news"].map(async (p) => {
        const body = await (await app.fetch(p)).text();
        return [/<title>(.*?)<\/title>/.exec(body)![1], /<meta name="description" content="(.*?)">/.exec(body)![1]];
      }),
    );
    expect(new Set(heads.map((h) => h[0])).size).toBe(4);
    expect(new Set(heads.map((h) => h[1])).size).toBe(4);
  });
});

describe("HTML security headers", () => {
  it("sends a CSP without unsafe-inline that forbids framing, and the other headers", async () => {
    for (const path of ["/", `/articles/${seed.slug}`, "/nope"]) {
      const res = await site.fetch(path);
      const csp = res.headers.get("content-security-policy")!;
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain("unsafe-inline");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(res.headers.get("permissions-policy")).toContain("camera=()");
    }
  });
});

describe("error pages", () => {
  it("404 in the site's chrome, not indexed, briefly cacheable", async () => {
    const res = await site.fetch("/no/such/page");
    expect(res.status).toBe(404);
    expect(res.headers.get("cache-control")).toBe("public, max-age=60");
    const body = await res.text();
    expect(body).toContain('<meta name="robots" content="noindex">');
    expect(body).toContain('<a class="brand" href="/">佛山市禅城区陶瓷行业协会</a>');
    expect(body).not.toContain('rel="canonical"');
  });
});

describe("assets", () => {
  it("serves the stylesheet the pages link, immutable", async () => {
    const body = await (await site.fetch("/")).text();
    const href = /<link rel="stylesheet" href="([^"]+)">/.exec(body)![1]!;
    expect(href).toMatch(/^\/assets\/site\.[0-9a-f]{10}\.css$/);
    const res = await site.fetch(href);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/css; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(await res.text()).toContain("prefers-color-scheme: dark");
  });

  it("answers an asset with a stale fingerprint with 404", async () => {
    expect((await site.fetch("/assets/site.0000000000.css")).status).toBe(404);
  });
});

describe("crawlers", () => {
  it("/sitemap.xml indexes child sitemaps that list the home, every category, /feeds, the tags, the archive and every published article", async () => {
    const res = await site.fetch("/sitemap.xml");
    expect(res.headers.get("content-type")).toBe("application/xml; charset=utf-8");
    const locsOf = (xml: string) => [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
    const children = locsOf(await res.text());
    expect(children).toEqual([
      "https://www.chancheng-ceramics.example/sitemaps/pages.xml",
      "https://www.chancheng-ceramics.example/sitemaps/articles-1.xml",
    ]);
    const locs: string[] = [];
    for (const child of children) {
      const part = await site.fetch(new URL(child).pathname);
      expect(part.headers.get("content-type")).toBe("application/xml; charset=utf-8");
      locs.push(...locsOf(await part.text()));
    }
    // home, 7 categories, /feeds, /tags and the seed's 6 tags, /archive (the seed is undated: no
    // year or month), the seed.
    expect(locs).toHaveLength(1 + 7 + 1 + 1 + 6 + 1 + 1);
    expect(locs).toContain(`https://www.chancheng-ceramics.example/tags/${encodeURIComponent("南庄")}`);
    expect(locs).toContain(`https://www.chancheng-ceramics.example/articles/${seed.slug}`);
  });

  it("/robots.txt allows crawling and points to the sitemap", async () => {
    expect(await (await site.fetch("/robots.txt")).text()).toBe(
      "User-agent: *\nAllow: /\n\nSitemap: https://www.chancheng-ceramics.example/sitemap.xml\n",
    );
  });
});
