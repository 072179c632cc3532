/**
 * Which tag names can be a URL path segment (/tags/<tag>): issue 25 found /tags/.. linked, which a
 * browser resolves to /. What `npm run check` refuses, and what it keeps accepting.
 */
import { describe, expect, it } from "vitest";
import { articleSchema, tagProblem } from "../../scripts/content/schema.ts";

describe("tag names", () => {
  it("refuses dot segments, URL delimiters, control characters, lone surrogates and invisible names", () => {
    const refused = [
      ".",
      "..",
      "a/b",
      "/",
      "a\\b",
      "a?b",
      "?",
      "a#b",
      "#",
      "a\nb",
      "\u0000",
      "a\u007fb",
      "\u0085",
      "\uD800",
      "\u200b\u200d",
      "\ufeff\u2060",
    ];
    for (const tag of refused) expect(tagProblem(tag), JSON.stringify(tag)).toBeDefined();
  });

  it("accepts what editors write: words, spaces inside, punctuation that a URL encodes", () => {
    const accepted = [
      "陶瓷",
      "南庄",
      "C++",
      "A & B",
      "100%",
      "...",
      ".a",
      "a.",
      "a..b",
      "展会 2026",
      "佛山·禅城",
      "e=mc²",
      "😀",
    ];
    for (const tag of accepted) expect(tagProblem(tag), JSON.stringify(tag)).toBeUndefined();
  });

  it("is checked on the trimmed name, and an empty one is the schema's 'must not be empty' alone", () => {
    const parse = (tags: string[]) =>
      articleSchema.safeParse({
        id: "11111111-1111-4111-8111-111111111111",
        title: "标题",
        category: "协会动态",
        date: "2026-01-05",
        tags,
      });
    expect(parse([" .. "]).error?.issues.map((i) => i.message)).toEqual([
      '".." cannot be a tag: a browser reads /tags/.. as /',
    ]);
    expect(parse(["   "]).error?.issues.map((i) => i.message)).toEqual(["must not be empty"]);
    expect(parse([" 陶瓷 "]).data?.tags).toEqual(["陶瓷"]);
  });
});
