import { describe, expect, it } from "vitest";
import { configure } from "../../src/config.ts";
import { harness, tierOf } from "./harness.ts";
import { content, makeArticle, makeModel } from "./model.ts";

/** An app configured from these bindings, as src/index.ts configures the worker. */
function configured(bindings: Parameters<typeof configure>[1]) {
  const { manifest, ...rest } = configure(content, bindings);
  return harness({ content: manifest, ...rest });
}

describe("per-environment configuration", () => {
  it("takes the canonical origin from SITE_ORIGIN", async () => {
    const app = configured({ SITE_ORIGIN: "https://staging.example.org" });
    const body = await (await app.fetch("/feed.xml")).text();
    expect(body).toContain("<link>https://staging.example.org/</link>");
    expect(body).not.toContain("chancheng-ceramics.example");
  });

  it("keeps site.yaml's origin and logs when SITE_ORIGIN is not an origin", () => {
    const logs: string[] = [];
    const config = configure(content, { SITE_ORIGIN: "staging.example.org/path" }, (l) => logs.push(l));
    expect(config.manifest.site.origin).toBe("https://www.chancheng-ceramics.example");
    expect(JSON.parse(logs[0]!)).toMatchObject({ level: "error", value: "staging.example.org/path" });
  });

  it("sets the memory tier's bound from RENDER_CACHE_MEMORY_BYTES (0 disables it)", async () => {
    expect(configure(content, { RENDER_CACHE_MEMORY_BYTES: "0" }).cache).toEqual({ memoryBytes: 0 });
    expect(configure(content, { RENDER_CACHE_MEMORY_BYTES: " 1048576 " }).cache).toEqual({ memoryBytes: 1048576 });
    const app = configured({ RENDER_CACHE_MEMORY_BYTES: "0" });
    await app.fetch("/");
    expect(tierOf(await app.fetch("/"))).toBe("kv");
  });

  it("refuses an empty or invalid number at startup, naming the variable, instead of reading it as 0", () => {
    expect(() => configure(content, { RENDER_CACHE_MEMORY_BYTES: "" })).toThrow(
      'RENDER_CACHE_MEMORY_BYTES must be a whole number of bytes (0 turns the memory tier off) from 0 to 999999999; got "".',
    );
    expect(() => configure(content, { RENDER_CACHE_MEMORY_BYTES: "lots" })).toThrow(
      /^RENDER_CACHE_MEMORY_BYTES .*got "lots"\.$/,
    );
    expect(() => configure(content, { RENDER_CACHE_KV_WRITES_PER_MINUTE: "-1" })).toThrow(
      /^RENDER_CACHE_KV_WRITES_PER_MINUTE must be a whole number of writes a minute, or "Infinity"/,
    );
    expect(configure(content, { RENDER_CACHE_KV_WRITES_PER_MINUTE: "Infinity" }).cache).toEqual({
      kvWritesPerMinute: Infinity,
    });
  });

  it("turns preview on only for PREVIEW=true", () => {
    expect(configure(content, { PREVIEW: "true" }).preview).toBe(true);
    expect(configure(content, { PREVIEW: "1" }).preview).toBe(false);
    expect(configure(content, {}).preview).toBe(false);
  });
});

describe("local preview", () => {
  const model = makeModel([
    makeArticle({ slug: "draft", title: "草稿文章", draft: true }),
    makeArticle({ slug: "later", title: "定时文章", published: { kind: "exact", iso: "2099-01-01T08:00:00+08:00" } }),
    makeArticle({ slug: "out", title: "已发布" }),
  ]);

  it("shows drafts and scheduled articles, marked", async () => {
    const app = harness({ content: model, preview: true });
    const home = await (await app.fetch("/")).text();
    expect(home).toContain('<a href="/articles/draft">草稿文章</a> <mark class="badge">草稿</mark>');
    expect(home).toContain('<a href="/articles/later">定时文章</a> <mark class="badge">定时发布</mark>');
    expect((await app.fetch("/articles/draft")).status).toBe(200);
  });

  it("puts a not-public banner above a draft's and a scheduled article's page, and none on a public one", async () => {
    const app = harness({ content: model, preview: true });
    const banner = (html: string) => /<p class="preview-banner" role="note">(.*?)<\/p>/.exec(html)?.[1];
    expect(banner(await (await app.fetch("/articles/draft")).text())).toBe(
      "草稿:读者看不到这篇文章。取消“草稿”并部署之后才会公开。",
    );
    expect(banner(await (await app.fetch("/articles/later")).text())).toBe(
      "定时发布:读者在 2099年1月1日 之前看不到这篇文章(部署之后到时自动出现)。",
    );
    expect(await (await app.fetch("/articles/out")).text()).not.toContain("preview-banner");
    // Without preview (every deployed build) the page of a public article never has it either.
    expect(await (await harness({ content: model }).fetch("/articles/out")).text()).not.toContain("preview-banner");
  });

  // A production build (the tests' own) has no reload script: the test gives the app one.
  const previewScript = {
    path: "/assets/preview-reload.0123456789.js",
    type: "text/javascript; charset=utf-8",
    body: "/* reload */",
  };

  it("adds the live-reload script, which polls the build's version", async () => {
    const app = harness({ content: model, preview: true, previewScript });
    const res = await app.fetch("/");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const src = /<script src="(\/assets\/preview-reload\.[0-9a-f]+\.js)" defer><\/script>\n<\/head>/.exec(
      await res.text(),
    )![1]!;
    expect((await app.fetch(src)).status).toBe(200);
    expect(await (await app.fetch("/__preview/version")).text()).toBe(`${app.renderVersion}-preview:${model.version}`);
  });

  it("is off by default: no drafts, no script, no version route", async () => {
    const app = harness({ content: model });
    const home = await (await app.fetch("/")).text();
    expect(home).not.toContain("草稿文章");
    expect(home).not.toContain("定时文章");
    expect(home).not.toContain("preview-reload");
    expect((await app.fetch("/articles/draft")).status).toBe(404);
    expect((await app.fetch("/__preview/version")).status).toBe(404);
  });
});
