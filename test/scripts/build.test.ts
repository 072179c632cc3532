import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildContent } from "../../scripts/content/index.ts";
import { toInstant } from "../../scripts/content/dates.ts";
import { deriveSummary } from "../../scripts/content/summary.ts";
import { expectInOrder } from "../support/order.ts";
import { FIXTURE_SITE, ROOT } from "../support/project.ts";
import { article, fixture, VALID_ARTICLE } from "./fixture.ts";

// A copy of ../shared/seed/000_491405fb3203b5c9.txt, the saved source page the seed article transcribes.
const SEED = "test/fixtures/seed-000_491405fb3203b5c9.txt";

describe("the seed article (the fixture site's copy)", async () => {
  const { model, issues } = await buildContent(FIXTURE_SITE);
  const seed = model!.articles.find((a) => a.id === "d28ca07e-5fb2-4162-9eff-eb6ca93cb236")!;

  it("builds, with the rest of the fixture site, without errors or warnings", () => {
    expect(issues).toEqual([]);
  });

  it("keeps every paragraph of the source, verbatim and in order", async () => {
    const source = await readFile(join(ROOT, SEED), "utf8");
    const paragraphs = source
      .split("来源:")[0]!
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l && !/^\d\.jpg$/.test(l))
      .slice(1); // the first line is the title
    expectInOrder(seed.html.replace(/<[^>]+>/g, ""), paragraphs);
    expect(paragraphs).toHaveLength(29);
  });

  it("records what is known of its date, and no more", () => {
    expect(seed.published).toEqual({
      kind: "unknown",
      notBefore: "2018-06-20",
      note: expect.stringContaining("6月20日"),
    });
    expect(seed.updated).toBe("2026-11-27T00:00:00+08:00");
  });

  it("has the four sections with their sub-headings", () => {
    expect(seed.headings.map((h) => `${h.level} ${h.text}`)).toEqual([
      "2 南庄",
      "3 探索农村党建新模式 推行“党员先锋+”工程",
      "2 石湾",
      "3 重点引进大健康等高端创新产业 与南海顺德错位融合",
      "2 张槎",
      "3 以军民融合深度发展领衔 加快新旧动能转换",
      "2 祖庙",
      "3 党建引领打造和谐共享社区",
    ]);
  });

  it("keeps the five picture positions without serving a broken image", () => {
    expect(seed.figures.map((f) => `${f.file}:${f.available}`)).toEqual([
      "1.jpg:false",
      "2.jpg:false",
      "3.jpg:false",
      "4.jpg:false",
      "5.jpg:false",
    ]);
    expect(seed.html).not.toContain("<img");
    expect(seed.html.match(/<!-- picture \d\.jpg: file not available -->/g)).toHaveLength(5);
  });

  it("takes title, source, category and slug from the front matter and file name", () => {
    expect(seed.title).toBe("佛山禅城全面深化改革,四镇街以何为破口?听镇街书记怎么说");
    expect(seed.source).toBe("南方号~佛山市~城市方法论");
    expect(seed.category).toBe("news");
    expect(seed.slug).toBe("chancheng-2018-reform-four-towns");
  });

  it("carries the site settings of the page's chrome", () => {
    expect(model!.site.name).toBe("佛山市禅城区陶瓷行业协会");
    expect(model!.site.categories.map((c) => c.name)).toEqual([
      "协会概况",
      "协会动态",
      "行业前瞻",
      "慈善公益",
      "法律咨询",
      "会员企业",
      "联系我们",
    ]);
    expect(model!.site.icp.number).toBe("粤ICP备11050138号");
    expect(model!.site.consumerRightsStation).toBe("消费维权服务站");
  });
});

describe("building articles", () => {
  it("converts a wall-clock date to an RFC 3339 instant in the site's time zone", async () => {
    const root = await fixture({ "articles/a.md": VALID_ARTICLE.replace("2026-01-05", "2026-01-05T09:30") });
    const { model } = await buildContent(root);
    expect(model!.articles[0]!.published).toEqual({ kind: "exact", iso: "2026-01-05T09:30:00+08:00" });
  });

  it("keeps an explicit offset's instant and prints it in the site's offset", () => {
    expect(toInstant("2026-01-05T00:00:00Z", "Asia/Shanghai")).toBe("2026-01-05T08:00:00+08:00");
    expect(toInstant("2026-07-01T12:00", "Europe/Berlin")).toBe("2026-07-01T12:00:00+02:00");
  });

  it("uses the file name as slug unless the front matter sets one", async () => {
    const root = await fixture({
      "articles/from-file.md": VALID_ARTICLE,
      "articles/other.md": article(
        "id: 22222222-2222-4222-8222-222222222222\ntitle: 第二篇\nslug: custom-slug\ncategory: news\ndate: 2026-01-06",
      ),
    });
    const { model } = await buildContent(root);
    expect(model!.articles.map((a) => a.slug)).toEqual(["custom-slug", "from-file"]);
  });

  it("sorts newest first", async () => {
    const root = await fixture({
      "articles/old.md": VALID_ARTICLE,
      "articles/new.md": article(
        "id: 22222222-2222-4222-8222-222222222222\ntitle: 新\ncategory: news\ndate: 2026-03-01",
      ),
    });
    const { model } = await buildContent(root);
    expect(model!.articles.map((a) => a.slug)).toEqual(["new", "old"]);
  });

  it("changes the content version when an article changes", async () => {
    const a = await buildContent(await fixture({ "articles/a.md": VALID_ARTICLE }));
    const b = await buildContent(await fixture({ "articles/a.md": VALID_ARTICLE.replace("正文第一段", "正文改过") }));
    const c = await buildContent(await fixture({ "articles/a.md": VALID_ARTICLE }));
    expect(a.model!.version).toMatch(/^[0-9a-f]{16}$/);
    expect(a.model!.version).not.toBe(b.model!.version);
    expect(a.model!.version).toBe(c.model!.version);
  });

  it("gives headings fragment ids, deduplicated", async () => {
    const root = await fixture({ "articles/a.md": VALID_ARTICLE + "\n## 南庄\n\n## 南庄\n" });
    const { model } = await buildContent(root);
    expect(model!.articles[0]!.html).toContain('<h2 id="南庄">南庄</h2>\n<h2 id="南庄-2">南庄</h2>');
  });

  it("makes a figure of a picture on its own line, with its intrinsic size, length and caption", async () => {
    const png = await readFile(join(ROOT, "test/fixtures/pixel-3x2.png"));
    const root = await fixture({
      "media/photo.png": png,
      "articles/a.md": VALID_ARTICLE + '\n![会场全景](photo.png "会员大会现场")\n',
    });
    const { model, issues } = await buildContent(root);
    expect(issues).toEqual([]);
    // Published as derived variants (3 px wide: no larger width exists), the first picture eager.
    expect(model!.articles[0]!.html).toMatch(
      /^<figure><picture><source type="image\/avif" srcset="\/media\/photo-3\.[0-9a-f]{10}\.avif 3w" sizes="[^"]+"><source type="image\/webp" srcset="\/media\/photo-3\.[0-9a-f]{10}\.webp 3w" sizes="[^"]+"><img src="\/media\/photo-3\.[0-9a-f]{10}\.png" srcset="[^"]+" sizes="[^"]+" alt="会场全景" width="3" height="2" fetchpriority="high"><\/picture><figcaption>会员大会现场<\/figcaption><\/figure>$/m,
    );
    const [figure] = model!.articles[0]!.figures;
    // What is published travels with it: link previews and feed enclosures need its name, size and length.
    expect(figure).toMatchObject({
      file: "photo.png",
      alt: "会场全景",
      caption: "会员大会现场",
      available: true,
      width: 3,
      height: 2,
    });
    expect(figure!.src).toMatch(/^photo-3\.[0-9a-f]{10}\.png$/);
    expect(figure!.bytes).toBeGreaterThan(0);
  });

  it("escapes raw HTML in Markdown instead of passing it through", async () => {
    const root = await fixture({ "articles/a.md": VALID_ARTICLE + "\n<script>alert(1)</script> & ]]>\n" });
    const { model } = await buildContent(root);
    expect(model!.articles[0]!.html).toContain("<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; ]]&gt;</p>");
  });
});

describe("derived summaries", () => {
  it("cut by characters, not words, and end with an ellipsis", () => {
    const text = "陶".repeat(200);
    expect(deriveSummary(text, 10)).toBe(`${"陶".repeat(10)}…`);
  });

  it("join Chinese paragraphs without a space and keep short text whole", () => {
    expect(deriveSummary("第一段。\n第二段。", 120)).toBe("第一段。第二段。");
  });

  it("never split a letter from its combining mark", () => {
    expect(deriveSummary("e\u0301".repeat(5), 2)).toBe("e\u0301e\u0301…");
  });

  it("never split an emoji or combined character", () => {
    expect(deriveSummary("👨‍👩‍👧".repeat(5), 2)).toBe("👨‍👩‍👧👨‍👩‍👧…");
  });
});
