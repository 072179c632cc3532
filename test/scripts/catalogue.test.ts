import { describe, expect, it } from "vitest";
import { CATALOGUE, formatIssue, issue, ISSUE_CODES } from "../../scripts/content/index.ts";

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
