/**
 * An article body's outline (scripts/content/markdown.ts, Outline) and its derived summary
 * (scripts/content/summary.ts), built from content the tests write: whatever heading levels the
 * Markdown uses, the page's headings start at <h2> under the title's <h1> and skip no level; a
 * summary keeps a heading and the list under it apart.
 */
import { describe, expect, it } from "vitest";
import { buildContent } from "../../scripts/content/index.ts";
import { fixture } from "./fixture.ts";

const HEAD = `---
id: 11111111-1111-4111-8111-111111111111
title: 第一篇
category: 协会动态
date: 2026-01-05
---

`;

async function built(body: string) {
  const root = await fixture({ "articles/a.md": HEAD + body });
  const { model, issues } = await buildContent(root);
  const article = model!.articles[0]!;
  return { article, errors: issues.filter((i) => i.severity === "error") };
}

/** The headings of `html` in order, as `h2 text`. */
const headingsOf = (html: string) =>
  [...html.matchAll(/<(h[1-6])[^>]*>([^<]*)<\/h[1-6]>/g)].map((m) => `${m[1]} ${m[2]}`);

describe("the body's outline under the title", () => {
  it("renders a WordPress post that starts at ### from <h2>, levels in order", async () => {
    const { article, errors } = await built(
      "### 会议议程\n\n开幕。\n\n#### 上午\n\n报告。\n\n#### 下午\n\n讨论。\n\n### 会议决议\n\n通过。\n",
    );
    expect(errors).toEqual([]);
    expect(headingsOf(article.html)).toEqual(["h2 会议议程", "h3 上午", "h3 下午", "h2 会议决议"]);
    expect(article.headings.map((h) => [h.level, h.text])).toEqual([
      [2, "会议议程"],
      [3, "上午"],
      [3, "下午"],
      [2, "会议决议"],
    ]);
  });

  it("accepts # (the toolbar's 标题 1) as a section, and renders ## → ##### without a skipped level", async () => {
    const { article, errors } = await built("# 一\n\n甲。\n\n## 二\n\n乙。\n\n##### 三\n\n丙。\n\n###### 四\n\n丁。\n");
    expect(errors).toEqual([]);
    expect(headingsOf(article.html)).toEqual(["h2 一", "h3 二", "h4 三", "h4 四"]);
  });

  it("keeps an article written from ## as it is", async () => {
    const { article } = await built("## 一\n\n甲。\n\n### 二\n\n乙。\n\n## 三\n\n丙。\n");
    expect(headingsOf(article.html)).toEqual(["h2 一", "h3 二", "h2 三"]);
  });

  it("returns to <h2> for a heading written above every open one", async () => {
    const { article } = await built("### 一\n\n甲。\n\n## 二\n\n乙。\n\n### 三\n\n丙。\n");
    expect(headingsOf(article.html)).toEqual(["h2 一", "h2 二", "h3 三"]);
  });
});

describe("the derived summary", () => {
  it("keeps a heading and the list under it apart", async () => {
    const { article } = await built("## 会议议程\n\n- 会议由会长主持\n- 审议工作报告\n");
    expect(article.summary).toBe("会议议程 会议由会长主持 审议工作报告");
  });

  it("joins sentences after full-width punctuation, and a wrapped Chinese line, without a space", async () => {
    const { article } = await built("协会召开\n会员大会。\n\n会议选举理事会。\n");
    expect(article.summary).toBe("协会召开会员大会。会议选举理事会。");
  });
});
