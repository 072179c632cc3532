/**
 * Search on the site (/search) and in the API (/api/v1/search), in workerd: Chinese folding and
 * segmentation, ranking, snippets, visibility, bad input, caching; and the labelled set's floor.
 */
import { beforeAll, describe, expect, inject, it } from "vitest";
import { evaluate } from "../../support/search-quality.ts";
import { expectMatchesContract } from "../support/openapi.ts";
import { harness } from "./harness.ts";

const corpus = inject("searchCorpus");
const queries = inject("searchQueries");
const NOW = Date.parse("2026-11-27T12:00:00+08:00");
const ORIGIN = "https://search.example.org";
const SEED = "chancheng-2018-reform-four-towns";
const site = harness({ content: corpus, clock: () => NOW });
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let doc: any;

beforeAll(async () => {
  doc = await (await site.fetch("/api/v1/openapi.json")).json();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function api(q: string, extra = ""): Promise<{ status: number; body: any }> {
  const res = await site.fetch(`/api/v1/search?q=${encodeURIComponent(q)}${extra}`, {
    headers: { origin: "https://member.example" },
  });
  expect(res.headers.get("access-control-allow-origin")).toBe("*");
  const body = await res.json();
  expectMatchesContract(doc, "/search", res.status, res.headers.get("content-type")!, body);
  return { status: res.status, body };
}

const slugs = async (q: string, extra = "") => (await api(q, extra)).body.data.map((d: { slug: string }) => d.slug);

/** The marked substrings of an API item's snippet. */
const marks = (snippet: { text: string; matches: { offset: number; length: number }[] }) =>
  snippet.matches.map((m) => snippet.text.slice(m.offset, m.offset + m.length));

const page = async (query: string) => {
  const res = await site.fetch(`/search?${query}`);
  return { status: res.status, body: await res.text() };
};

describe("Chinese done right", () => {
  it("finds Simplified text from a Traditional query and marks the article's own characters", async () => {
    const { body } = await api("禪城");
    expect(body.data.map((d: { slug: string }) => d.slug).sort()).toEqual(
      ["export-report-2023", "traditional-hk-visit", SEED].sort(),
    );
    const seed = body.data.find((d: { slug: string }) => d.slug === SEED);
    expect(marks(seed.snippet)).toContain("禅城");
  });

  it("finds Traditional text from a Simplified query", async () => {
    const { body } = await api("知识产权");
    expect(body.data.map((d: { slug: string }) => d.slug)).toEqual(["legal-ip-seminar", "traditional-hk-visit"]);
    expect(marks(body.data[1].snippet)).toEqual(["知識產權"]);
  });

  it("matches full-width digits and Latin letters to their ASCII forms", async () => {
    expect(await slugs("２０２３年")).toEqual(["export-report-2023"]);
    expect(await slugs("ＧＤＰ")).toEqual(["export-report-2023"]);
    expect(await slugs("gdp")).toEqual(["export-report-2023"]);
  });

  it("finds a two-character word inside longer text, ranked title, then tag, then body", async () => {
    // 南庄 is in the industrial park's title, among the seed's tags and in the slab standard's body.
    expect(await slugs("南庄")).toEqual(["nanzhuang-industrial-park", SEED, "rock-slab-standard"]);
  });

  it("ranks equal matches newest first", async () => {
    // 陶艺 is in the body of both: the donation (2023-09-10) is newer than the exhibition (2023-06-18).
    expect(await slugs("陶艺")).toEqual(["charity-school-donation", "shiwan-figurine-art"]);
  });

  it("answers a one-character query", async () => {
    expect(await slugs("釉")).toEqual(["glaze-innovation", "talent-training-2025"]);
  });

  it("requires every term of a multi-term query", async () => {
    expect(await slugs("石湾 博览会")).toEqual(["ceramic-expo-2024", "traditional-hk-visit"]);
    expect(await slugs("石湾 碳达峰")).toEqual([]);
  });

  it("requires a quoted phrase to occur as written, not only its words", async () => {
    // The slab standard has 岩板 … 标准 apart; only the meeting report has 岩板标准 together.
    expect(await slugs("岩板 标准")).toEqual(["rock-slab-standard", "member-meeting-2025"]);
    expect(await slugs('"岩板标准"')).toEqual(["member-meeting-2025"]);
    expect(await slugs("「岩板标准」")).toEqual(["member-meeting-2025"]);
  });

  it("matches digits and Latin words inside Chinese text", async () => {
    expect(await slugs("2024年")).toEqual(["rock-slab-standard"]);
    expect(await slugs("54个")).toEqual(["ceramic-expo-2024", SEED]);
    expect(await slugs("MES系统")).toEqual(["smart-factory-visit"]);
  });

  it("ranks a title match over a body match", async () => {
    // 岩板 is the standard's title word; the others mention it in their body.
    const found = await slugs("岩板");
    expect(found[0]).toBe("rock-slab-standard");
    expect(found).toHaveLength(3);
  });

  it("passes the labelled set's floor (recall@10 ≥ 0.95, MRR ≥ 0.9, every no-answer query empty)", async () => {
    const quality = await evaluate(queries, async (q) => {
      const res = await site.fetch(`/api/v1/search?q=${encodeURIComponent(q)}&limit=10`);
      return ((await res.json()) as { data?: { slug: string }[] }).data?.map((d) => d.slug) ?? [];
    });
    expect(quality.queries).toBeGreaterThanOrEqual(40);
    expect(quality.misses).toEqual([]);
    expect(quality.recallAt10).toBeGreaterThanOrEqual(0.95);
    expect(quality.mrr).toBeGreaterThanOrEqual(0.9);
    expect(quality.noAnswer.passed).toBe(quality.noAnswer.total);
  });
});

describe("nothing unpublished is ever found", () => {
  it("never finds a draft", async () => {
    expect((await api("翡翠蓝图")).body.meta.total).toBe(0);
    expect((await page("q=翡翠蓝图")).body).toContain("没有找到与「翡翠蓝图」相关的文章");
  });

  it("finds a scheduled article only once its time has come", async () => {
    expect((await api("琥珀星图")).body.meta.total).toBe(0);
    const later = harness({ content: corpus, clock: () => Date.parse("2099-01-01T10:00:00+08:00") });
    const res = await later.fetch(`/api/v1/search?q=${encodeURIComponent("琥珀星图")}`);
    expect(((await res.json()) as { data: { slug: string }[] }).data.map((d) => d.slug)).toEqual([
      "scheduled-future-launch",
    ]);
  });
});

describe("GET /search", () => {
  it("shows the form alone without a query", async () => {
    const { status, body } = await page("");
    expect(status).toBe(200);
    expect(body).toContain('<h1 id="search-title">搜索</h1>');
    expect(body).not.toContain('class="found"');
  });

  it("lists results with the title, date as known, section and a marked snippet", async () => {
    const { status, body } = await page(`q=${encodeURIComponent("碳达峰")}`);
    expect(status).toBe(200);
    expect(body).toContain("找到 1 篇与「碳达峰」相关的文章");
    expect(body).toContain('<h2><a href="/articles/carbon-peak-plan">陶瓷行业<mark>碳达峰</mark>行动方案解读</a></h2>');
    expect(body).toContain('<time datetime="2025-06-30T10:00:00+08:00">');
    expect(body).toContain('<a href="/categories/outlook">行业前瞻</a>');
    expect(body).toContain("《建筑卫生陶瓷行业<mark>碳达峰</mark>行动方案》");
    expect(body).toContain('<meta name="robots" content="noindex">');
  });

  it("suggests tags when nothing is found", async () => {
    const { status, body } = await page(`q=${encodeURIComponent("航空母舰")}`);
    expect(status).toBe(200);
    expect(body).toContain('<ul class="tags" aria-label="常用标签">');
    expect(body).toContain(`<a href="/tags/${encodeURIComponent("会员企业")}" rel="tag">会员企业</a>`);
  });

  it("pages results and answers a page past the last with 404", async () => {
    // 瓷 is in 12 articles; the corpus site lists 20 per page.
    expect((await page(`q=${encodeURIComponent("瓷")}&page=1`)).status).toBe(200);
    expect((await page(`q=${encodeURIComponent("瓷")}&page=2`)).status).toBe(404);
    expect((await page(`q=${encodeURIComponent("瓷")}&page=x`)).status).toBe(400);
  });

  it("has a search box in the header of every page", async () => {
    const home = await (await site.fetch("/")).text();
    expect(home).toContain('<form class="search" role="search" aria-label="搜索" action="/search" method="get">');
  });
});

describe("bad input", () => {
  it("rejects an empty or whitespace query in the API with a problem naming q", async () => {
    for (const q of ["", "   ", "\u3000"]) {
      const { status, body } = await api(q);
      expect(status).toBe(400);
      expect(body.invalid_params[0].name).toBe("q");
    }
    const res = await site.fetch("/api/v1/search");
    expect(res.status).toBe(400);
  });

  it("rejects a query over 200 characters (400) on the site and in the API", async () => {
    const long = "瓷".repeat(201);
    const { status, body } = await api(long);
    expect(status).toBe(400);
    expect(body.detail).toContain("longer than 200 characters");
    expect((await page(`q=${encodeURIComponent(long)}`)).status).toBe(400);
    expect((await api("瓷".repeat(200))).status).toBe(200);
  });

  it("strips control characters and lone surrogates", async () => {
    expect(await slugs("南\u0000庄\u0007")).toEqual(await slugs("南庄"));
    const res = await site.fetch(`/api/v1/search?q=%E5%8D%97${encodeURIComponent("\u200b")}%E5%BA%84`);
    expect(res.status).toBe(200);
    const lone = await site.fetch(`/api/v1/search?q=${encodeURIComponent("出口")}%ED%A0%80`);
    expect(lone.status).toBe(200);
    expect(((await lone.json()) as { data: { slug: string }[] }).data.map((d) => d.slug)).toEqual([
      "export-report-2023",
    ]);
  });

  it("matches regex and HTML metacharacters literally and escapes them in the page", async () => {
    // Nothing but punctuation leaves nothing to search for: a 400 naming q, not a regex.
    const dots = await api(".*");
    expect(dots.status).toBe(400);
    expect(dots.body.invalid_params[0].name).toBe("q");
    expect(await slugs("(禅城)|*")).toEqual(await slugs("禅城"));
    expect(await slugs("99.9%")).toEqual(["glaze-innovation"]);
    const { status, body } = await page(`q=${encodeURIComponent('<script>alert(1)</script>"')}`);
    expect(status).toBe(200);
    expect(body).not.toContain("<script>alert(1)");
    expect(body).toContain("&lt;script&gt;alert(1)&lt;/script&gt;&quot;");
  });

  it("answers a page past the last with 404 in the API", async () => {
    expect((await api("瓷", "&page=99")).status).toBe(404);
  });

  it("never writes search results to KV, however many queries", async () => {
    for (let i = 0; i < 20; i++) await site.fetch(`/search?q=junk${i}`);
    for (let i = 0; i < 20; i++) await site.fetch(`/api/v1/search?q=junk${i}`);
    expect((await site.kvKeys()).filter((k) => k.includes("search"))).toEqual([]);
  });
});

describe("GET /api/v1/search", () => {
  it("answers in the list envelope with snippets, offsets and links", async () => {
    const { status, body } = await api("节能", "&limit=1");
    expect(status).toBe(200);
    expect(body.meta).toEqual({ page: 1, limit: 1, total: 3, pages: 3, query: "节能", dropped_terms: 0 });
    expect(body.links.next).toBe(`${ORIGIN}/api/v1/search?q=${encodeURIComponent("节能")}&page=2&limit=1`);
    const [first] = body.data;
    expect(first.slug).toBe("energy-saving-kiln");
    expect(first.url).toBe(`${ORIGIN}/articles/energy-saving-kiln`);
    expect(first.title_matches).toEqual([{ offset: 9, length: 2 }]);
    expect(first.title.slice(9, 11)).toBe("节能");
  });

  it("filters by category", async () => {
    expect(await slugs("节能", "&category=members")).toEqual(["energy-saving-kiln"]);
    expect((await api("节能", "&category=nope")).status).toBe(400);
  });
});
