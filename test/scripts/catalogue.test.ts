import { describe, expect, it } from "vitest";
import {
  CATALOGUE,
  formatIssue,
  issue,
  ISSUE_CODES,
  type IssueCode,
  type IssueDetails,
} from "../../scripts/content/index.ts";

const where = { file: "content/articles/x.md", line: 3, column: 1, field: "title" };

describe("the catalogue of content problems", () => {
  it("has unique kebab-case codes", () => {
    expect(ISSUE_CODES.length).toBeGreaterThan(0);
    expect(new Set(ISSUE_CODES).size).toBe(ISSUE_CODES.length);
    for (const code of ISSUE_CODES) expect(code).toMatch(/^[a-z]+(?:-[a-z]+)*$/);
  });

  it("gives every code a severity, a message and a hint", () => {
    for (const code of ISSUE_CODES) {
      const kind = CATALOGUE[code];
      expect(["error", "warning"], code).toContain(kind.severity);
      for (const text of [kind.message, kind.hint]) {
        if (typeof text === "string") expect(text, code).toMatch(/\S/);
        else expect(typeof text, code).toBe("function");
      }
    }
  });

  it("writes an issue from its code, position and details", () => {
    expect(issue("duplicate-slug", { ...where, field: "slug" }, { slug: "x", other: "content/articles/y.md" })).toEqual(
      {
        code: "duplicate-slug",
        severity: "error",
        file: "content/articles/x.md",
        line: 3,
        column: 1,
        field: "slug",
        message: 'duplicate slug "x", also used by content/articles/y.md',
        hint: "every article needs its own URL: change the slug (or the file name)",
        zh: {
          field: "网址",
          message: "网址“x”已被 content/articles/y.md 使用",
          hint: "每篇文章须有自己的网址:请在“网址”中换一个,例如在末尾加上年份",
        },
      },
    );
  });

  it("prints as README shows, the code not printed", () => {
    expect(formatIssue(issue("required", where, {}))).toBe(
      "content/articles/x.md:3:1 title: Required\n    hint: add a line such as `title: 文章标题` to the front matter",
    );
    expect(formatIssue(issue("unknown-field", { ...where, field: "catgory" }, { guess: "category", known: [] }))).toBe(
      "warning content/articles/x.md:3:1 catgory: unknown field, ignored\n    hint: did you mean `category`?",
    );
  });
});

/** Details for every code, as the build gives them (typed: a new code must be added here). */
const SAMPLES: { [C in IssueCode]: { field: string; file?: string; details: IssueDetails[C] } } = {
  "site-missing": { field: "site", file: "content/site.yaml", details: undefined },
  "front-matter-missing": { field: "front matter", details: undefined },
  "front-matter-unclosed": { field: "front matter", details: undefined },
  "yaml-syntax": { field: "yaml", details: { message: "Nested mappings are not allowed", yamlCode: "BAD_INDENT" } },
  "duplicate-key": { field: "yaml", details: { message: "Map keys must be unique", yamlCode: "DUPLICATE_KEY" } },
  "yaml-warning": { field: "yaml", details: { message: "Unresolved tag", yamlCode: "TAG_RESOLVE_FAILED" } },
  "front-matter-not-map": { field: "front matter", details: undefined },
  "unknown-field": { field: "catgory", details: { guess: "category", known: ["title", "category"] } },
  required: { field: "title", details: {} },
  "wrong-type": { field: "tags", details: { message: "expected array, got string", expected: "array" } },
  "invalid-format": { field: "slug", details: { message: "must be lowercase ASCII letters" } },
  "out-of-range": {
    field: "title",
    details: { message: "must be at most 200 characters", origin: "string", maximum: 200 },
  },
  "unknown-key": { field: "source", details: { message: "unknown key link", keys: ["link"] } },
  "invalid-date": { field: "date", details: { message: "is not a valid date" } },
  "updated-required": { field: "updated", details: { message: "is required when the publication date is not known" } },
  "invalid-value": { field: "timeZone", file: "content/site.yaml", details: { message: "is not an IANA time zone" } },
  "invalid-tag": { field: "tags.0", details: { message: '"a/b" cannot be a tag', zh: "标签“a/b”中不能有“/”" } },
  "line-break": {
    field: "title",
    details: { message: "must be one line: it holds a line break (U+000A)", zh: "只能写一行,这里有换行(U+000A)" },
  },
  "invalid-slug": { field: "slug", details: { name: "Hello World" } },
  "unknown-category": { field: "category", details: { category: "协会动", guess: "协会动态", names: ["协会动态"] } },
  "duplicate-slug": { field: "slug", details: { slug: "x", other: "content/articles/y.md" } },
  "duplicate-id": { field: "id", details: { id: "0", other: "content/articles/y.md" } },
  "alias-invalid": { field: "aliases.0", details: { alias: "a b" } },
  "alias-shadows-route": { field: "aliases.0", details: { alias: "/articles/x" } },
  "alias-key-file": {
    field: "aliases.1",
    details: { alias: "/5f2b7c1e9a3d4b6f.txt", source: "wrangler.toml [env.production]" },
  },
  "alias-duplicate": { field: "aliases.0", details: { alias: "/a/1.html", other: "content/articles/y.md" } },
  "broken-link": { field: "body", details: { href: "/articles/nope", slugs: ["hui-yi"] } },
  "missing-media": { field: "body", details: { file: "huiyi.jpg", inline: false } },
  "image-not-placed": { field: "images", details: { file: "huiyi.jpg" } },
  "media-wrong-type": {
    field: "file",
    file: "content/media/a.png",
    details: { file: "a.png", expected: "PNG", found: "JPEG" },
  },
  "media-unsafe-svg": {
    field: "file",
    file: "content/media/a.svg",
    details: { file: "a.svg", what: "a <script> element" },
  },
  "media-name": {
    field: "file",
    file: "content/media/会场.gif",
    details: { file: "会场.gif", suggestion: "hui-chang.gif" },
  },
  "media-too-large": { field: "file", file: "content/media/a.jpg", details: { file: "a.jpg", mib: "30.0" } },
  "media-corrupt": {
    field: "file",
    file: "content/media/a.jpg",
    details: { file: "a.jpg", reason: "VipsJpeg: premature end" },
  },
  "media-too-many-pixels": { field: "file", file: "content/media/a.jpg", details: { file: "a.jpg", megapixels: "60" } },
  "media-cmyk": { field: "file", file: "content/media/a.jpg", details: { file: "a.jpg" } },
  "media-animated": { field: "file", file: "content/media/a.webp", details: { file: "a.webp", frames: 12 } },
  "image-alt-missing": { field: "body", details: { file: "huiyi.jpg" } },
  "ledger-invalid-json": { field: "ledger", file: "content/id-ledger.json", details: { reason: "Unexpected token" } },
  "ledger-id-changed": { field: "id", details: { title: "会员大会", from: "a", to: "b" } },
  "ledger-article-missing": {
    field: "id",
    file: "content/id-ledger.json",
    details: { title: "会员大会", slug: "hui-yi" },
  },
};

/**
 * What an editor's text must not hold: YAML or Markdown syntax (a map in braces, a `key: ` pair,
 * a heading's #, a Markdown image or link, code in backticks), a date pattern instead of an
 * example (YYYY-MM-DD), or a sentence in English (three Latin words in a row; file names, URLs
 * and example values such as Asia/Shanghai are single tokens).
 */
const NOT_FOR_EDITORS: readonly [string, RegExp][] = [
  ["a map in braces", /[{}]/],
  ["a `key: value` pair", /\b[A-Za-z_][A-Za-z0-9_]*: /],
  ["a date pattern", /YYYY|MM-DD|HH:mm/],
  ["Markdown heading marks", /(?:^|\s)#{1,6}(?:\s|$)/],
  ["a Markdown image or link", /!?\[[^\]]*\]\(/],
  ["code in backticks", /`/],
  ["a YAML list", /\[[^\]]*,[^\]]*\]/],
  ["English words", /\b[A-Za-z]{2,} [A-Za-z]{2,} [A-Za-z]{2,}\b/],
];

describe("the catalogue in Chinese, for editors", () => {
  const written = ISSUE_CODES.map((code) => {
    const sample = SAMPLES[code] as { field: string; file?: string; details: never };
    const where = { file: sample.file ?? "content/articles/x.md", line: 4, column: 1, field: sample.field };
    return { code, zh: issue(code, where, ...([sample.details] as [never])).zh! };
  });

  it("gives every code a Chinese message and hint", () => {
    for (const { code, zh } of written) {
      expect(zh.message, code).toMatch(/[\u4e00-\u9fff]/);
      expect(zh.hint, code).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("writes no YAML, Markdown, date pattern or English sentence in a message or hint", () => {
    const found = written.flatMap(({ code, zh }) =>
      NOT_FOR_EDITORS.flatMap(([what, re]) =>
        [zh.message, zh.hint].filter((t) => re.test(t)).map((t) => `${code}: ${what}: ${t}`),
      ),
    );
    expect(found).toEqual([]);
  });

  it("names the field by the label the desk shows, with an example value", () => {
    const where = { file: "content/articles/x.md", line: 4, column: 1, field: "date" };
    expect(issue("invalid-date", where, { message: "is not a valid date" }).zh).toEqual({
      field: "发布时间",
      message: "“发布时间”不是有效的日期",
      hint: "按“年-月-日 时:分”填写,例如 2026-03-18 09:30,也可只写日期,例如 2026-03-18;晚于现在即定时发布;原文未载明日期时,勾选“日期不详”,可填“不早于”的日期和说明",
    });
    expect(issue("required", { ...where, field: "title" }, {}).zh).toEqual({
      field: "标题",
      message: "请填写“标题”",
      hint: "在“标题”中填写,例如 协会召开第五届会员大会",
    });
    expect(issue("required", { ...where, field: "images.2.alt" }, {}).zh!.field).toBe("图片说明 › 图片描述(替代文字)");
  });

  it("prints in Chinese, the field by its label, or in English for developers", () => {
    const at = { ...where, field: "date" };
    const problem = issue("invalid-date", at, { message: "is not a valid date" });
    expect(formatIssue(problem, "zh").split("\n")[0]).toBe(
      "content/articles/x.md:3:1 发布时间:“发布时间”不是有效的日期",
    );
    expect(formatIssue(problem, "zh").split("\n")[1]).toMatch(/^ {4}提示:按“年-月-日 时:分”填写/);
    expect(formatIssue(problem, "en").split("\n")[0]).toBe("content/articles/x.md:3:1 date: is not a valid date");
    expect(formatIssue(issue("media-cmyk", at, { file: "a.jpg" }), "zh").startsWith("提醒 ")).toBe(true);
  });
});
