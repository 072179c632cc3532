import { describe, expect, it } from "vitest";
import { buildContent, formatIssue } from "../../scripts/content/index.ts";
import { article, fixture, VALID_ARTICLE } from "./fixture.ts";

const ID = "id: 22222222-2222-4222-8222-222222222222";

async function errorsOf(files: Record<string, string>) {
  const { model, issues } = await buildContent(await fixture(files));
  return {
    model,
    errors: issues.filter((i) => i.severity === "error"),
    warnings: issues.filter((i) => i.severity === "warning"),
  };
}

describe("content errors name file, line, column and field", () => {
  it("reports a missing title at the start of the front matter", async () => {
    const { model, errors } = await errorsOf({
      "articles/no-title.md": article(`${ID}\ncategory: 协会动态\ndate: 2026-01-05`),
    });
    expect(model).toBeUndefined();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      file: "content/articles/no-title.md",
      line: 2,
      column: 1,
      field: "title",
      message: "Required",
    });
    expect(formatIssue(errors[0]!)).toBe(
      "content/articles/no-title.md:2:1 title: Required\n    hint: add a line such as `title: 文章标题` to the front matter",
    );
  });

  it("reports a wrong type at the value's line", async () => {
    const { errors } = await errorsOf({
      "articles/wrong-type.md": article(`${ID}\ntitle: 标题\ncategory: 协会动态\ndate: 2026-01-05\ntags: 陶瓷`),
    });
    expect(errors).toEqual([
      expect.objectContaining({
        file: "content/articles/wrong-type.md",
        line: 6,
        column: 7,
        field: "tags",
        message: 'expected array, got string "陶瓷"',
      }),
    ]);
  });

  it("reports a date that does not exist", async () => {
    const { errors } = await errorsOf({
      "articles/bad-date.md": article(`${ID}\ntitle: 标题\ncategory: 协会动态\ndate: 2026-02-30`),
    });
    expect(errors).toEqual([
      expect.objectContaining({
        file: "content/articles/bad-date.md",
        line: 5,
        column: 7,
        field: "date",
        message: "is not a valid date",
      }),
    ]);
  });

  it("reports an unknown category with the allowed ones", async () => {
    const { errors } = await errorsOf({
      "articles/bad-category.md": article(`${ID}\ntitle: 标题\ncategory: 协会新闻\ndate: 2026-01-05`),
    });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: 4, column: 11, field: "category", message: 'unknown category "协会新闻"' });
    expect(errors[0]!.hint).toContain("categories: 协会动态, 行业前瞻 (content/site.yaml)");
  });

  it("reports a duplicate slug on the second file, naming the first", async () => {
    const { errors } = await errorsOf({
      "articles/first.md": VALID_ARTICLE,
      "articles/second.md": article(`${ID}\ntitle: 第二篇\nslug: first\ncategory: 协会动态\ndate: 2026-01-06`),
    });
    expect(errors).toEqual([
      expect.objectContaining({
        file: "content/articles/second.md",
        line: 4,
        column: 7,
        field: "slug",
        message: 'duplicate slug "first", also used by content/articles/first.md',
      }),
    ]);
  });

  it("reports a duplicate id on the second file, naming the first", async () => {
    const { errors } = await errorsOf({
      "articles/a.md": VALID_ARTICLE,
      "articles/b.md": VALID_ARTICLE.replace("第一篇", "复制的文章"),
    });
    expect(errors).toEqual([
      expect.objectContaining({
        file: "content/articles/b.md",
        line: 2,
        column: 5,
        field: "id",
        message: 'duplicate id "11111111-1111-4111-8111-111111111111", also used by content/articles/a.md',
      }),
    ]);
  });

  it("requires `updated` when the publication date is not known", async () => {
    const { errors } = await errorsOf({
      "articles/undated.md": article(`${ID}\ntitle: 标题\ncategory: 协会动态\ndate: { notBefore: 2018-06-20 }`),
    });
    expect(errors).toEqual([
      expect.objectContaining({
        file: "content/articles/undated.md",
        line: 2,
        field: "updated",
        message: "is required when the publication date is not known",
      }),
    ]);
  });

  it("reports a YAML syntax error at its line", async () => {
    const { errors } = await errorsOf({
      "articles/bad-yaml.md": article(`${ID}\ntitle: 标题: 副标题\ncategory: 协会动态\ndate: 2026-01-05`),
    });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: "content/articles/bad-yaml.md", line: 3, field: "yaml" });
    expect(errors[0]!.message).toBe("Nested mappings are not allowed in compact mappings");
  });

  it("warns about an unknown key and suggests the known one, without failing", async () => {
    const { model, errors, warnings } = await errorsOf({
      "articles/typo.md": VALID_ARTICLE.replace("date: 2026-01-05", "date: 2026-01-05\ncatgory: 行业前瞻"),
    });
    expect(errors).toEqual([]);
    expect(model?.articles).toHaveLength(1);
    expect(warnings).toEqual([
      expect.objectContaining({
        file: "content/articles/typo.md",
        line: 6,
        column: 1,
        field: "catgory",
        message: "unknown field, ignored",
        hint: "did you mean `category`?",
      }),
    ]);
  });

  it("collects the errors of every file before stopping", async () => {
    const { errors } = await errorsOf({
      "articles/a.md": article(`${ID}\ncategory: 协会动态\ndate: 2026-01-05`),
      "articles/b.md": article(`id: 33333333-3333-4333-8333-333333333333\ntitle: B\ncategory: 协会动态\ndate: someday`),
      "articles/c.md": "no front matter here\n",
    });
    expect(errors.map((e) => `${e.file}:${e.line} ${e.field}`)).toEqual([
      "content/articles/a.md:2 title",
      "content/articles/b.md:5 date",
      "content/articles/c.md:1 front matter",
    ]);
  });

  it("reports a picture whose file is missing and not declared unavailable", async () => {
    const { errors } = await errorsOf({
      "articles/pic.md": VALID_ARTICLE + "\n![](photo.jpg)\n",
    });
    expect(errors).toEqual([
      expect.objectContaining({
        file: "content/articles/pic.md",
        line: 10,
        field: "body",
        message: "picture photo.jpg is not in content/media/",
      }),
    ]);
  });

  it("reports an invalid site origin in site.yaml", async () => {
    const { errors } = await errorsOf({
      "site.yaml": (await import("./fixture.ts")).SITE_YAML.replace("https://news.example.org", "news.example.org/"),
      "articles/a.md": VALID_ARTICLE,
    });
    expect(errors).toEqual([
      expect.objectContaining({ file: "content/site.yaml", line: 3, column: 9, field: "origin" }),
    ]);
  });
});

describe("links between articles", () => {
  it("reports a link to an article that does not exist, at its line", async () => {
    const { errors } = await errorsOf({
      "articles/a.md": VALID_ARTICLE + "\n见[另一篇](missing.md)和[第三篇](/articles/nope)。\n",
    });
    expect(errors.map((e) => `${e.file}:${e.line} ${e.field}: ${e.message}`)).toEqual([
      "content/articles/a.md:10 body: broken link to missing.md: no such article",
      "content/articles/a.md:10 body: broken link to /articles/nope: no such article",
    ]);
  });

  it("rewrites a link to another article's file to its URL", async () => {
    const { model, errors } = await errorsOf({
      "articles/a.md": VALID_ARTICLE + "\n见[另一篇](b.md#part)。\n",
      "articles/b.md": article(`${ID}\ntitle: B\nslug: bee\ncategory: 协会动态\ndate: 2026-01-06`),
    });
    expect(errors).toEqual([]);
    expect(model!.articles.find((a) => a.slug === "from-file" || a.file.endsWith("a.md"))!.html).toContain(
      '<a href="/articles/bee#part">另一篇</a>',
    );
  });
});

describe("pictures inside text", () => {
  it("must exist in content/media/ too", async () => {
    const { errors } = await errorsOf({ "articles/a.md": VALID_ARTICLE + "\n文字 ![图](gone.png) 文字\n" });
    expect(errors).toEqual([
      expect.objectContaining({
        file: "content/articles/a.md",
        line: 10,
        field: "body",
        message: "picture gone.png is not in content/media/",
      }),
    ]);
  });
});
