import { describe, expect, it } from "vitest";
import { buildContent } from "../../scripts/content/index.ts";
import { formatLedger } from "../../scripts/content/ledger.ts";
import { article, fixture, VALID_ARTICLE } from "./fixture.ts";

const FIRST = "11111111-1111-4111-8111-111111111111";
const ledger = formatLedger({ [FIRST]: { slug: "first", title: "第一篇" } });

describe("the id ledger", () => {
  it("fails naming the article when a published article's id changes", async () => {
    const changed = VALID_ARTICLE.replace(FIRST, "22222222-2222-4222-8222-222222222222");
    const { model, issues } = await buildContent(
      await fixture({ "id-ledger.json": ledger, "articles/first.md": changed }),
    );
    expect(model).toBeUndefined();
    expect(issues).toEqual([
      expect.objectContaining({
        severity: "error",
        file: "content/articles/first.md",
        line: 2,
        field: "id",
        message: `the id of "第一篇" changed from ${FIRST} to 22222222-2222-4222-8222-222222222222`,
        hint: `ids are permanent (feed readers would show the article twice): restore id: ${FIRST}`,
      }),
    ]);
  });

  it("fails naming the article when a published article disappears", async () => {
    const other = article("id: 33333333-3333-4333-8333-333333333333\ntitle: 别的\ncategory: news\ndate: 2026-01-06");
    const { model, issues } = await buildContent(
      await fixture({ "id-ledger.json": ledger, "articles/other.md": other }),
    );
    expect(model).toBeUndefined();
    expect(issues).toEqual([
      expect.objectContaining({
        file: "content/id-ledger.json",
        line: 2,
        field: FIRST,
        message: 'the published article "第一篇" (/articles/first) is gone',
      }),
    ]);
  });

  it("records new published articles, but not drafts", async () => {
    const draft = article(
      "id: 44444444-4444-4444-8444-444444444444\ntitle: 草稿\ncategory: news\ndate: 2026-01-07\ndraft: true",
    );
    const result = await buildContent(
      await fixture({
        "id-ledger.json": ledger,
        "articles/first.md": VALID_ARTICLE,
        "articles/new.md": VALID_ARTICLE.replace(FIRST, "55555555-5555-4555-8555-555555555555"),
        "articles/draft.md": draft,
      }),
    );
    expect(result.issues).toEqual([]);
    expect(Object.keys(result.ledger!)).toEqual([FIRST, "55555555-5555-4555-8555-555555555555"]);
  });

  it("needs no write when nothing is new", async () => {
    const result = await buildContent(await fixture({ "id-ledger.json": ledger, "articles/first.md": VALID_ARTICLE }));
    expect(result.model).toBeDefined();
    expect(result.ledger).toBeUndefined();
  });

  it("keeps one id per line, sorted", () => {
    expect(formatLedger({ b: { slug: "b", title: "B" }, a: { slug: "a", title: "A" } })).toBe(
      '{\n  "a": {"slug":"a","title":"A"},\n  "b": {"slug":"b","title":"B"}\n}\n',
    );
  });
});
