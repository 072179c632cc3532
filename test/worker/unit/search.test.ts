/** The search pieces on their own: folding, query parsing, snippets, plain text, the index format. */
import { describe, expect, it } from "vitest";
import { intersect } from "../../../src/content/search/engine.ts";
import { fold, foldText, sourceRange } from "../../../src/content/search/fold.ts";
import { decodeShard, postingsOf, searchPath, shardOf } from "../../../src/content/search/format.ts";
import { writeSearchIndex, type IndexBlocks } from "../../../scripts/content/search-index.ts";
import { isQueryProblem, MAX_LOOKUPS, parseQuery, type Query } from "../../../src/content/search/query.ts";
import { snippet } from "../../../src/content/search/snippet.ts";
import { plainText } from "../../../src/content/search/text.ts";
import { makeArticle } from "../model.ts";

const parsed = (q: string): Query => {
  const out = parseQuery(q);
  if (isQueryProblem(out)) throw new Error(out.message);
  return out;
};

describe("fold", () => {
  it("folds full-width forms, Latin case and Traditional characters", () => {
    expect(foldText("２０１８年ＧＤＰ")).toBe("2018年gdp");
    expect(foldText("禪城區陶瓷業")).toBe("禅城区陶瓷业");
    expect(foldText("裡")).toBe("里");
  });

  it("drops control and format characters and lone surrogates", () => {
    expect(foldText("南\u0000庄\u200b\ud800")).toBe("南庄");
  });

  it("keeps positions when every character folds to one (no position table)", () => {
    const f = fold("Ａ禪城");
    expect(f.text).toBe("a禅城");
    expect(f.origin).toBeNull();
    expect(sourceRange(f, 1, 3)).toEqual([1, 3]);
  });

  it("maps folded positions back to the source when folding expands or drops characters", () => {
    const f = fold("㈱\u200b禪城");
    expect(f.text).toBe("(株)禅城");
    expect([...f.origin!]).toEqual([0, 0, 0, 2, 3]);
    expect(sourceRange(f, 3, 5)).toEqual([2, 4]);
  });

  it("folds characters outside the Basic Multilingual Plane whole", () => {
    expect(fold("𠀀Ａ").text).toBe("𠀀a");
  });
});

describe("parseQuery", () => {
  it("keeps an unknown two-character name together as one term", () => {
    expect(parsed("禪城").terms).toEqual([{ text: "禅城", lookups: ["禅城"], phrase: false }]);
  });

  it("splits Latin words and digits from Chinese", () => {
    expect(parsed("2018年").terms.map((t) => t.text)).toEqual(["2018", "年"]);
  });

  it("reads quoted phrases in ASCII, curly and corner quotes", () => {
    for (const q of ['"岩板标准"', "“岩板标准”", "「岩板标准」", "『岩板标准』"]) {
      expect(parsed(q).terms).toEqual([{ text: "岩板标准", lookups: ["岩板", "板标", "标准"], phrase: true }]);
    }
  });

  it("gives equivalent spellings one canonical key", () => {
    expect(parsed("  禪城  ＧＤＰ ").key).toBe(parsed("gdp 禅城").key);
  });

  it("reports an empty query and one over 200 characters", () => {
    expect(parseQuery("  .,;  ")).toMatchObject({ code: "query-empty" });
    expect(parseQuery("a".repeat(201))).toMatchObject({ code: "query-too-long" });
  });

  it("bounds the index terms a long query looks up", () => {
    const q = parsed("陶瓷行业协会会员企业参加博览会展示岩板大板瓷砖智能卫浴新产品");
    expect(q.terms.flatMap((t) => t.lookups).length + q.joins.length).toBeLessThanOrEqual(MAX_LOOKUPS);
  });
});

describe("snippet", () => {
  it("marks the source's characters for a folded match and cuts around it", () => {
    const text = `${"前".repeat(200)}香港陶瓷業界代表團到訪禪城${"后".repeat(200)}`;
    const s = snippet(text, parsed("禅城"));
    expect(s.text.startsWith("…")).toBe(true);
    expect(s.text.endsWith("…")).toBe(true);
    expect(s.matches).toHaveLength(1);
    const [offset, length] = s.matches[0]!;
    expect(s.text.slice(offset, offset + length)).toBe("禪城");
  });

  it("marks a term's pieces when the term itself is not contiguous", () => {
    const s = snippet("禅城区的城区改造", parsed("禅城区"));
    expect(s.matches.map(([o, l]) => s.text.slice(o, o + l))).toEqual(["禅城区", "城区"]);
  });
});

describe("plainText", () => {
  it("keeps inline text together, breaks blocks and decodes references", () => {
    expect(plainText("<p><strong>禅</strong>城 &amp; &#x4E2D;</p><!-- x --><p>二</p>")).toBe("禅城 & 中\n二");
  });
});

describe("the index format", () => {
  it("round-trips postings with their fields through a shard", () => {
    const articles = [
      makeArticle({ slug: "a", title: "陶瓷", html: "<p>正文</p>" }),
      makeArticle({ slug: "b", title: "其他", tags: ["陶瓷"], html: "<p>陶瓷</p>" }),
    ];
    const { manifest, files } = writeSearchIndex(articles, new Set());
    const shard = decodeShard(files.get(searchPath.shard(shardOf("陶瓷", manifest.shards)))!);
    const p = postingsOf(shard, "陶瓷")!;
    expect([...p.ranks]).toEqual([0, 1]);
    // a: title (8); b: tag (2) and body (1).
    expect([...p.fields]).toEqual([8, 3]);
    expect(postingsOf(shard, "不存在")).toBeUndefined();
  });

  it("writes the same bytes from kept blocks as from scratch, indexing again only a changed block", () => {
    const texts = [
      "陶瓷博览会开幕",
      "禅城陶瓷企业",
      "石湾公仔",
      "岩板标准发布",
      "陶瓷出口增长",
      "节能窑炉",
      "慈善捐赠",
    ];
    const articles = texts.map((t, i) =>
      makeArticle({ slug: `a${i}`, title: t, tags: i % 2 ? ["陶瓷"] : [], html: `<p>${t}。第${i}篇 ceramic ${i}</p>` }),
    );
    const kept = new Map<string, Uint8Array>();
    let made = 0;
    const blocks: IndexBlocks = {
      keyOf: (a) => JSON.stringify([a.title, a.tags, a.html]),
      get: (b) => kept.get(JSON.stringify(b)),
      set: (b, bytes) => {
        made++;
        kept.set(JSON.stringify(b), bytes);
      },
    };
    const pending = new Set([5]);
    const fresh = writeSearchIndex(articles, pending).files;
    // Blocks of 3: 0–2, 3–5, 6.
    expect(writeSearchIndex(articles, pending, blocks, 3).files).toEqual(fresh);
    expect(made).toBe(3);
    expect(writeSearchIndex(articles, pending, blocks, 3).files).toEqual(fresh);
    expect(made).toBe(3);
    const edited = articles.map((a, i) => (i === 4 ? { ...a, title: "陶瓷出口再创新高" } : a));
    expect(writeSearchIndex(edited, pending, blocks, 3).files).toEqual(writeSearchIndex(edited, pending).files);
    expect(made).toBe(4);
  });

  it("intersects postings, keeping the fields both share", () => {
    const a = { ranks: Uint32Array.of(1, 3, 5), fields: Uint8Array.of(8, 1, 3) };
    const b = { ranks: Uint32Array.of(3, 5, 7), fields: Uint8Array.of(8, 2, 1) };
    const both = intersect(a, b);
    expect([...both.ranks]).toEqual([3, 5]);
    // 3: title in one, body in the other → no common field, counted as body; 5: tag in both.
    expect([...both.fields]).toEqual([1, 2]);
  });
});
