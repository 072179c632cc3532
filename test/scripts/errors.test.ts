import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { buildContent, CATALOGUE, formatIssue, ISSUE_CODES, type ContentIssue } from "../../scripts/content/index.ts";
import { formatLedger } from "../../scripts/content/ledger.ts";
import { keyFileAliases } from "../../scripts/deploy/key-file-aliases.ts";
import { article, fixture, frames, SITE_YAML, VALID_ARTICLE } from "./fixture.ts";

const ID = "id: 22222222-2222-4222-8222-222222222222";
const FIRST = "11111111-1111-4111-8111-111111111111";

/** Every issue the tests below met, for the catalogue's last test. */
const seen: ContentIssue[] = [];

async function errorsOf(files: Record<string, string | null>) {
  const { model, issues } = await buildContent(await fixture(files));
  seen.push(...issues);
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
      code: "required",
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
        code: "wrong-type",
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
        code: "invalid-date",
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
    expect(errors[0]).toMatchObject({
      code: "unknown-category",
      line: 4,
      column: 11,
      field: "category",
      message: 'unknown category "协会新闻"',
    });
    expect(errors[0]!.hint).toContain("categories: 协会动态, 行业前瞻 (content/site.yaml)");
  });

  it("reports a duplicate slug on the second file, naming the first", async () => {
    const { errors } = await errorsOf({
      "articles/first.md": VALID_ARTICLE,
      "articles/second.md": article(`${ID}\ntitle: 第二篇\nslug: first\ncategory: 协会动态\ndate: 2026-01-06`),
    });
    expect(errors).toEqual([
      expect.objectContaining({
        code: "duplicate-slug",
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
        code: "duplicate-id",
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
        code: "updated-required",
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
    expect(errors[0]).toMatchObject({
      code: "yaml-syntax",
      file: "content/articles/bad-yaml.md",
      line: 3,
      field: "yaml",
    });
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
        code: "unknown-field",
        severity: "warning",
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
    expect(errors.map((e) => e.code)).toEqual(["required", "invalid-date", "front-matter-missing"]);
  });

  it("reports a picture whose file is missing and not declared unavailable", async () => {
    const { errors } = await errorsOf({
      "articles/pic.md": VALID_ARTICLE + "\n![](photo.jpg)\n",
    });
    expect(errors).toEqual([
      expect.objectContaining({
        code: "missing-media",
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
      expect.objectContaining({
        code: "invalid-format",
        file: "content/site.yaml",
        line: 3,
        column: 9,
        field: "origin",
      }),
    ]);
  });
});

describe("old URLs (aliases)", () => {
  it("refuses an alias under one of the site's own addresses, and a duplicate, each at its line", async () => {
    const { errors } = await errorsOf({
      "articles/a.md": article(
        `${ID}\ntitle: 甲\ncategory: 协会动态\ndate: 2026-01-05\naliases:\n  - /a/1.html\n  - /articles/old`,
      ),
      "articles/b.md": article(
        `id: 33333333-3333-4333-8333-333333333333\ntitle: 乙\ncategory: 协会动态\ndate: 2026-01-06\naliases: [/a/1.html/, /a/%E6.html]`,
      ),
    });
    expect(errors.map((e) => `${e.file}:${e.line} ${e.code} ${e.field}: ${e.message}`)).toEqual([
      'content/articles/a.md:8 alias-shadows-route aliases: alias "/articles/old" falls under one of this site\'s own addresses',
      'content/articles/b.md:6 alias-duplicate aliases: alias "/a/1.html/" is also an old URL of content/articles/a.md',
      'content/articles/b.md:6 alias-invalid aliases: alias "/a/%E6.html" is not a path this site can answer',
    ]);
  });
});

describe("old URLs of dynamic pages (aliases with a query)", () => {
  it("accepts one old page per query: aid=123 and aid=124 are two old pages, and /?p=7 is allowed", async () => {
    const { model, errors } = await errorsOf({
      "articles/a.md": article(
        `${ID}\ntitle: 甲\ncategory: 协会动态\ndate: 2026-01-05\naliases:\n  - /plus/view.php?aid=123\n  - /?p=7`,
      ),
      "articles/b.md": article(
        `id: 33333333-3333-4333-8333-333333333333\ntitle: 乙\ncategory: 协会动态\ndate: 2026-01-06\naliases:\n  - /plus/view.php?aid=124&typeid=5\n  - /plus/view.php`,
      ),
    });
    expect(errors).toEqual([]);
    expect(model!.articles.map((a) => [a.slug, a.aliases])).toEqual([
      ["b", ["/plus/view.php?aid=124&typeid=5", "/plus/view.php"]],
      ["a", ["/plus/view.php?aid=123", "/?p=7"]],
    ]);
  });

  it("refuses the same query twice (in any order), a query alias under another route, an undecodable query", async () => {
    const { errors } = await errorsOf({
      "articles/a.md": article(
        `${ID}\ntitle: 甲\ncategory: 协会动态\ndate: 2026-01-05\naliases:\n  - /plus/view.php?aid=123&typeid=5\n  - /feed.xml?id=1`,
      ),
      "articles/b.md": article(
        `id: 33333333-3333-4333-8333-333333333333\ntitle: 乙\ncategory: 协会动态\ndate: 2026-01-06\naliases:\n  - /plus/view.php?typeid=5&aid=123#top\n  - /x.php?a=%0A`,
      ),
    });
    expect(errors.map((e) => `${e.file}:${e.line} ${e.code} ${e.field}: ${e.message}`)).toEqual([
      'content/articles/a.md:8 alias-shadows-route aliases: alias "/feed.xml?id=1" falls under one of this site\'s own addresses',
      'content/articles/b.md:7 alias-duplicate aliases: alias "/plus/view.php?typeid=5&aid=123#top" is also an old URL of content/articles/a.md',
      'content/articles/b.md:8 alias-invalid aliases: alias "/x.php?a=%0A" is not a path this site can answer',
    ]);
  });
});

describe("the 公安联网备案 entry", () => {
  it("names the field of a malformed number, at its line", async () => {
    const { errors } = await errorsOf({
      "site.yaml": `${SITE_YAML}publicSecurity: { number: 公网安备123, url: "https://beian.mps.gov.cn/" }\n`,
      "articles/a.md": VALID_ARTICLE,
    });
    expect(errors).toEqual([
      expect.objectContaining({
        code: "invalid-format",
        file: "content/site.yaml",
        line: 12,
        column: 27,
        field: "publicSecurity.number",
      }),
    ]);
  });

  it("accepts the number as issued with its record's link", async () => {
    const { errors, model } = await errorsOf({
      "site.yaml": `${SITE_YAML}publicSecurity: { number: 粤公网安备44060402000123号, url: "https://beian.mps.gov.cn/#/query/webSearch?code=44060402000123" }\n`,
      "articles/a.md": VALID_ARTICLE,
    });
    expect(errors).toEqual([]);
    expect(model!.site.publicSecurity).toEqual({
      number: "粤公网安备44060402000123号",
      url: "https://beian.mps.gov.cn/#/query/webSearch?code=44060402000123",
    });
  });
});

describe("the WebSub hub", () => {
  it("refuses a hub that is not https", async () => {
    const { errors } = await errorsOf({
      "site.yaml": `${(await import("./fixture.ts")).SITE_YAML}websub: http://hub.example.org/\n`,
      "articles/a.md": VALID_ARTICLE,
    });
    expect(errors).toEqual([
      expect.objectContaining({
        code: "invalid-format",
        file: "content/site.yaml",
        line: 12,
        field: "websub",
        message: "must be an https:// URL of a WebSub hub, e.g. https://pubsubhubbub.appspot.com/",
      }),
    ]);
  });
});

describe("one-line fields", () => {
  it("line-break: a title or a tag with a line break in it, at its line, the hint in Chinese", async () => {
    const { model, errors } = await errorsOf({
      "articles/lines.md": article(
        `${ID}\ntitle: |-\n  协会召开\n  理事会\ncategory: 协会动态\ndate: 2026-01-05\ntags: [陶瓷, "会员\\n---"]`,
      ),
    });
    expect(model).toBeUndefined();
    expect(errors.map((e) => [e.code, e.file, e.line, e.column, e.field, e.zh!.message])).toEqual([
      ["line-break", "content/articles/lines.md", 3, 8, "title", "只能写一行,这里有换行(U+000A)"],
      ["line-break", "content/articles/lines.md", 8, 12, "tags.1", "只能写一行,这里有换行(U+000A)"],
    ]);
    expect(errors.map((e) => e.zh!.hint)).toEqual([
      "把标题写成一行,不要换行,例如:协会召开第五届会员大会",
      "把标签写成一行,不要换行,例如:会员大会",
    ]);
    expect(errors.map((e) => [e.message, e.hint])).toEqual([
      ["must be one line: it holds a line break (U+000A)", "write the title on one line, without line breaks"],
      ["must be one line: it holds a line break (U+000A)", "write the tags on one line, without line breaks"],
    ]);
  });
});

describe("tags that cannot be part of a URL", () => {
  it("invalid-tag: . and .., a slash, a control character, each at its line", async () => {
    const { model, errors } = await errorsOf({
      "articles/tags.md": article(
        `${ID}\ntitle: 标题\ncategory: 协会动态\ndate: 2026-01-05\ntags:\n  - 陶瓷\n  - ".."\n  - "."\n  - 展会/论坛\n  - "a\\tb"\n  - 南庄`,
      ),
    });
    expect(model).toBeUndefined();
    expect(errors.map((e) => [e.code, e.file, e.line, e.column, e.field, e.message])).toEqual([
      [
        "invalid-tag",
        "content/articles/tags.md",
        8,
        5,
        "tags.1",
        '".." cannot be a tag: a browser reads /tags/.. as /',
      ],
      [
        "invalid-tag",
        "content/articles/tags.md",
        9,
        5,
        "tags.2",
        '"." cannot be a tag: a browser reads /tags/. as /tags/',
      ],
      [
        "invalid-tag",
        "content/articles/tags.md",
        10,
        5,
        "tags.3",
        '"展会/论坛" cannot be a tag: "/" would end its part of the URL /tags/<tag>',
      ],
      [
        "invalid-tag",
        "content/articles/tags.md",
        11,
        5,
        "tags.4",
        '"a\\tb" cannot be a tag: it holds the control character U+0009',
      ],
    ]);
    expect(formatIssue(errors[0]!)).toBe(
      'content/articles/tags.md:8:5 tags.1: ".." cannot be a tag: a browser reads /tags/.. as /\n' +
        "    hint: a tag is part of its page's address (/tags/<tag>): write it as a word or phrase, without / \\ ? # or control characters, and not as . or ..",
    );
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
    expect(errors.map((e) => e.code)).toEqual(["broken-link", "broken-link"]);
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
        code: "missing-media",
        file: "content/articles/a.md",
        line: 10,
        field: "body",
        message: "picture gone.png is not in content/media/",
        hint: "add content/media/gone.png",
      }),
    ]);
  });
});

describe("the other kinds of problem, by code", () => {
  it("site-missing: content/site.yaml is missing", async () => {
    const { model, errors } = await errorsOf({ "site.yaml": null, "articles/a.md": VALID_ARTICLE });
    expect(model).toBeUndefined();
    expect(errors).toEqual([
      expect.objectContaining({ code: "site-missing", file: "content/site.yaml", line: 1, field: "site" }),
    ]);
  });

  it("front-matter-unclosed: no second '---' line", async () => {
    const { errors } = await errorsOf({ "articles/a.md": `---\n${ID}\ntitle: 标题\n\n正文。\n` });
    expect(errors).toEqual([
      expect.objectContaining({
        code: "front-matter-unclosed",
        file: "content/articles/a.md",
        line: 1,
        field: "front matter",
        message: "the front matter is not closed by a '---' line",
      }),
    ]);
  });

  it("front-matter-not-map: the front matter is a list", async () => {
    const { errors } = await errorsOf({ "articles/a.md": "---\n- 标题\n---\n\n正文。\n" });
    expect(errors).toEqual([expect.objectContaining({ code: "front-matter-not-map", line: 2, field: "front matter" })]);
  });

  it("duplicate-key: a key written twice", async () => {
    const { errors } = await errorsOf({
      "articles/a.md": article(`${ID}\ntitle: 标题\ntitle: 又一个\ncategory: 协会动态\ndate: 2026-01-05`),
    });
    expect(errors).toEqual([
      expect.objectContaining({
        code: "duplicate-key",
        line: 4,
        field: "yaml",
        hint: "each key may appear once; delete one of them",
      }),
    ]);
  });

  it("yaml-warning: a YAML tag the build does not know, a warning", async () => {
    const { model, errors, warnings } = await errorsOf({
      "articles/a.md": article(`${ID}\ntitle: !foo 标题\ncategory: 协会动态\ndate: 2026-01-05`),
    });
    expect(errors).toEqual([]);
    expect(model?.articles).toHaveLength(1);
    expect(warnings).toEqual([
      expect.objectContaining({ code: "yaml-warning", severity: "warning", line: 3, field: "yaml" }),
    ]);
  });

  it("invalid-format, out-of-range, wrong-type: each at its field", async () => {
    const { errors } = await errorsOf({
      "articles/a.md": article(`id: NOT-A-UUID\ntitle: ""\ncategory: 协会动态\ndate: 2026-01-05\ndraft: yes`),
    });
    expect(errors.map((e) => `${e.code} ${e.field}: ${e.message}`)).toEqual([
      "invalid-format id: must be a lowercase UUID",
      "out-of-range title: must not be empty",
      'wrong-type draft: expected boolean, got string "yes"',
    ]);
  });

  it("unknown-key: a key a strict map does not have", async () => {
    const { errors } = await errorsOf({
      "articles/a.md": article(
        `${ID}\ntitle: 标题\ncategory: 协会动态\ndate: 2026-01-05\nimages: [{ file: a.jpg, alt: 图, size: 3 }]`,
        "![](a.jpg)\n",
      ),
    });
    expect(errors).toContainEqual(
      expect.objectContaining({ code: "unknown-key", field: "images.0", message: "unknown key size" }),
    );
  });

  it("invalid-value: a site setting no pattern describes (the time zone)", async () => {
    const { errors } = await errorsOf({
      "site.yaml": SITE_YAML.replace("Asia/Shanghai", "Asia/Foshan"),
      "articles/a.md": VALID_ARTICLE,
    });
    expect(errors).toEqual([
      expect.objectContaining({
        code: "invalid-value",
        file: "content/site.yaml",
        line: 5,
        field: "timeZone",
        message: "is not an IANA time zone such as Asia/Shanghai",
      }),
    ]);
  });

  it("a problem at a field without a hint of its own gets its code's default hint", async () => {
    const { errors } = await errorsOf({
      "site.yaml": SITE_YAML.replace(/^name: .*\n/m, ""),
      "articles/a.md": VALID_ARTICLE,
    });
    expect(errors).toEqual([
      expect.objectContaining({
        code: "required",
        file: "content/site.yaml",
        field: "name",
        message: "Required",
        hint: "add it to content/site.yaml (docs/editing.md lists the site settings)",
      }),
    ]);
  });

  it("invalid-slug: a file name that cannot be a URL, without slug:", async () => {
    const { errors } = await errorsOf({ "articles/Bad Name.md": VALID_ARTICLE });
    expect(errors).toEqual([
      expect.objectContaining({
        code: "invalid-slug",
        file: "content/articles/Bad Name.md",
        line: 2,
        field: "slug",
        message: 'the file name "Bad Name" is not a valid slug',
      }),
    ]);
  });

  it("image-not-placed: a declared picture the body does not show, a warning", async () => {
    const { errors, warnings } = await errorsOf({
      "articles/a.md": article(
        `${ID}\ntitle: 标题\ncategory: 协会动态\ndate: 2026-01-05\nimages: [{ file: a.jpg, alt: 图, unavailable: true }]`,
      ),
    });
    expect(errors).toEqual([]);
    expect(warnings).toEqual([
      expect.objectContaining({
        code: "image-not-placed",
        field: "images",
        message: "a.jpg is declared but not placed in the body",
        hint: "place it where it belongs with a line ![](a.jpg)",
      }),
    ]);
  });
});

describe("the id ledger's problems, by code", () => {
  const ledger = formatLedger({ [FIRST]: { slug: "first", title: "第一篇" } });

  it("ledger-id-changed", async () => {
    const { errors } = await errorsOf({
      "id-ledger.json": ledger,
      "articles/first.md": VALID_ARTICLE.replace(FIRST, "22222222-2222-4222-8222-222222222222"),
    });
    expect(errors).toEqual([
      expect.objectContaining({ code: "ledger-id-changed", file: "content/articles/first.md", line: 2, field: "id" }),
    ]);
  });

  it("ledger-article-missing", async () => {
    const { errors } = await errorsOf({
      "id-ledger.json": ledger,
      "articles/other.md": VALID_ARTICLE.replace(FIRST, "33333333-3333-4333-8333-333333333333"),
    });
    expect(errors).toEqual([
      expect.objectContaining({
        code: "ledger-article-missing",
        file: "content/id-ledger.json",
        line: 2,
        field: FIRST,
      }),
    ]);
  });

  it("ledger-invalid-json", async () => {
    const { errors } = await errorsOf({ "id-ledger.json": "{ not json", "articles/a.md": VALID_ARTICLE });
    expect(errors).toEqual([
      expect.objectContaining({
        code: "ledger-invalid-json",
        file: "content/id-ledger.json",
        line: 1,
        field: "ledger",
        hint: "restore it from git: `git checkout -- content/id-ledger.json`",
      }),
    ]);
    expect(errors[0]!.message).toMatch(/^is not valid JSON \(.+\)$/);
  });
});

describe("the source of a republished article", () => {
  it("takes a name and the original's URL", async () => {
    const { model, errors } = await errorsOf({
      "articles/a.md": VALID_ARTICLE.replace(
        "date: 2026-01-05",
        "date: 2026-01-05\nsource: { name: 南方号, url: https://example.com/a }",
      ),
    });
    expect(errors).toEqual([]);
    expect([model!.articles[0]!.source, model!.articles[0]!.sourceUrl]).toEqual(["南方号", "https://example.com/a"]);
  });

  it("refuses a source URL that is not http(s)", async () => {
    const { errors } = await errorsOf({
      "articles/a.md": VALID_ARTICLE.replace(
        "date: 2026-01-05",
        "date: 2026-01-05\nsource: { name: 南方号, url: javascript:alert(1) }",
      ),
    });
    expect(errors.map((e) => [e.file, e.field, e.line])).toEqual([["content/articles/a.md", "source.url", 6]]);
  });
});

describe("files in content/media/", () => {
  it("media-wrong-type: a file whose bytes are not the image its name says", async () => {
    const { errors } = await errorsOf({
      "articles/a.md": VALID_ARTICLE,
      "media/photo.png": "<html><script>1</script>",
    });
    expect(errors).toEqual([
      {
        code: "media-wrong-type",
        severity: "error",
        file: "content/media/photo.png",
        line: 1,
        column: 1,
        field: "media",
        message: "the file is not a PNG image (its bytes are markup (HTML or XML))",
        hint: "export it again in the format its name says, or rename it to match (content/media/photo.png)",
        zh: {
          field: "图片文件",
          message: "文件内容不是 PNG 图片(实际是网页或 XML 文本)",
          hint: "用图片软件把 photo.png 重新导出为文件名所示的格式,或改用与内容相符的文件名",
        },
      },
    ]);
  });

  it("media-unsafe-svg: an SVG with a script, named at its line", async () => {
    const svg = `<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg">\n<circle r="4"/>\n<script>alert(1)</script>\n</svg>\n`;
    const { errors } = await errorsOf({ "articles/a.md": VALID_ARTICLE, "media/logo.svg": svg });
    expect(errors).toEqual([
      expect.objectContaining({
        code: "media-unsafe-svg",
        file: "content/media/logo.svg",
        line: 4,
        message: "the SVG carries a <script> element, which would run or load with the site's origin when opened",
      }),
    ]);
  });

  it("media-unsafe-svg: event handlers, javascript: URLs and references to other sites, each named", async () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" onload="x()">\n<a href="javascript:x()"><image href="https://evil.example/a.png"/></a>\n</svg>\n`;
    const { errors } = await errorsOf({ "articles/a.md": VALID_ARTICLE, "media/bad.svg": svg });
    expect(errors.map((e) => [e.code, e.line, e.message.split(",")[0]])).toEqual([
      ["media-unsafe-svg", 1, "the SVG carries an event handler attribute (on…=)"],
      ["media-unsafe-svg", 2, "the SVG carries a javascript: URL"],
      ["media-unsafe-svg", 2, "the SVG carries a reference to another resource (href/src with a scheme or //)"],
    ]);
  });

  it("media-corrupt, media-too-many-pixels, media-cmyk, media-too-large, image-alt-missing: a truncated picture, a decompression bomb, a CMYK photo, a huge file and a missing alt", async () => {
    const photo = await sharp({ create: { width: 400, height: 300, channels: 3, background: "#8a6c3c" } })
      .jpeg()
      .toBuffer();
    const bomb = await sharp({ create: { width: 8000, height: 7000, channels: 3, background: "#ffffff" } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    const cmyk = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#336699" } })
      .toColourspace("cmyk")
      .jpeg()
      .toBuffer();
    const huge = Buffer.concat([Buffer.from("GIF89a"), Buffer.alloc(26 * 1024 * 1024)]);
    const root = await fixture({
      "media/broken.jpg": photo.subarray(0, 600),
      "media/bomb.png": bomb,
      "media/print.jpg": cmyk,
      "media/huge.gif": huge,
      "articles/a.md": article(
        "id: 11111111-1111-4111-8111-111111111111\ntitle: 图\ncategory: 协会动态\ndate: 2026-01-05",
        "![](print.jpg)\n",
      ),
    });
    const { issues } = await buildContent(root);
    seen.push(...issues);
    expect(issues.map((i) => `${i.code} ${i.file}:${i.line}`).sort()).toEqual(
      [
        "image-alt-missing content/articles/a.md:8",
        "media-cmyk content/media/print.jpg:1",
        "media-corrupt content/media/broken.jpg:1",
        "media-too-large content/media/huge.gif:1",
        "media-too-many-pixels content/media/bomb.png:1",
      ].sort(),
    );
    expect(issues.find((i) => i.code === "media-too-many-pixels")!.message).toBe(
      "the picture has 56 megapixels, over the 50 the build decodes",
    );
  });

  it("media-animated: an animated WebP is refused (its variants would be stills), its frames counted", async () => {
    const animated = await sharp(await frames(32), { join: { animated: true } })
      .webp()
      .toBuffer();
    const root = await fixture({ "articles/a.md": VALID_ARTICLE, "media/spin.webp": animated });
    const { issues } = await buildContent(root);
    seen.push(...issues);
    expect(issues.map((i) => [i.code, i.file, i.line, i.message, i.hint])).toEqual([
      [
        "media-animated",
        "content/media/spin.webp",
        1,
        "the picture is animated (3 frames): only a GIF is published animated, and resized stills would lose the motion",
        "save content/media/spin.webp as a GIF (published as it is, animation kept) or as a still picture",
      ],
    ]);
  });

  it("media-name: a GIF named in Chinese cannot be served as it is; an ASCII name is suggested", async () => {
    const gif = await sharp({ create: { width: 4, height: 4, channels: 3, background: "#8a2c1c" } })
      .gif()
      .toBuffer();
    const root = await fixture({ "articles/a.md": VALID_ARTICLE, "media/动画 1.gif": gif });
    const { issues } = await buildContent(root);
    seen.push(...issues);
    expect(issues.map((i) => [i.code, i.file, i.line, i.hint])).toEqual([
      [
        "media-name",
        "content/media/动画 1.gif",
        1,
        "rename content/media/动画 1.gif to dong-hua-1.gif and write that name in the article (photos may keep any name)",
      ],
    ]);
  });

  it("accepts a plain SVG drawing and a real PNG", async () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><path d="M0 0h4v4z" fill="#8a2c1c"/></svg>\n`;
    const png = await (
      await import("node:fs/promises")
    ).readFile(new URL("../fixtures/pixel-3x2.png", import.meta.url));
    const root = await fixture({ "articles/a.md": VALID_ARTICLE, "media/ok.svg": svg, "media/ok.png": png });
    const { issues } = await buildContent(root);
    expect(issues.filter((i) => i.severity === "error")).toEqual([]);
  });
});

/** The tests under a task (a file or a suite), with how this run treats them. */
type Task = { mode: string; tasks?: Task[] };
const testsUnder = (task: Task): Task[] => (task.tasks ? task.tasks.flatMap(testsUnder) : [task]);

describe("an old URL on IndexNow's key file (scripts/deploy/key-file-aliases.ts)", () => {
  it("alias-key-file: at the alias's line, in both languages", async () => {
    const key = "5f2b7c1e9a3d4b6f8c0e";
    const root = await fixture({
      "articles/a.md": article(
        `${ID}\ntitle: 旧说明\ncategory: 协会动态\ndate: 2026-01-05\naliases:\n  - /old.txt\n  - /${key}.txt`,
      ),
    });
    const { model } = await buildContent(root);
    const issues = await keyFileAliases(root, model!, [{ key, source: "wrangler.toml" }]);
    seen.push(...issues);
    expect(issues.map((i) => [i.code, i.line, i.field, i.zh!.field, i.zh!.message])).toEqual([
      [
        "alias-key-file",
        8,
        "aliases",
        "旧网址",
        `旧网址“/${key}.txt”是 IndexNow 密钥文件的地址(密钥在 wrangler.toml 中设置):网站先回答密钥文件,这个旧网址永远不会跳转到文章`,
      ],
    ]);
  });
});

// Last in this file: it reads what the tests above met.
describe("the catalogue, against the tests above", () => {
  it("every code is produced by at least one test", (ctx) => {
    // With a filter (-t, .only) some tests above did not run: nothing to conclude.
    if (testsUnder(ctx.task.file).some((t) => t.mode === "skip")) ctx.skip();
    const produced = new Set(seen.map((i) => i.code));
    expect(ISSUE_CODES.filter((code) => !produced.has(code))).toEqual([]);
  });

  it("every issue met has a code, the catalogue's severity, and a hint", () => {
    for (const issue of seen) {
      expect(issue.code, formatIssue(issue)).toBeDefined();
      expect(issue.severity, formatIssue(issue)).toBe(CATALOGUE[issue.code!].severity);
      expect(issue.hint, formatIssue(issue)).toMatch(/\S/);
    }
  });
});
