/**
 * The route error rule (issue 32 part 3; src/http/fail.ts): a route reports a bad parameter or a
 * missing resource only through its surface's `c.var.fail` (`badParam`, `notFound`), which writes
 * the 400 or 404 page, a feed's plain text or the API's problem. This test reads every file of
 * src/routes/ and fails on a line that makes such an error by hand: Hono's HTTPException, the
 * problem writer, a plain 4xx response, or the surface-less helpers that fail.ts replaced.
 */
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/project.ts";

/** What makes an error by hand, with the rule's words for it. */
const RULES: [RegExp, string][] = [
  [/\bHTTPException\b/, "an HTTPException made or imported by hand"],
  [/\bproblem(Response)?\(/, "an RFC 9457 problem written by hand"],
  [/(?<![.\w])(badParam|notFound|feedError)\(/, "a surface-less error helper (use c.var.fail)"],
  [/from "\.\.\/http\/(problem|fail)\.ts"/, "the error writers imported past src/http/index.ts"],
  [/plainResponse\([^)]*\b4\d\d\b/, "a 4xx response written by hand"],
  [/new Response\([^)]*status:\s*4\d\d\b/, "a 4xx response written by hand"],
];

/** Every line of `text` breaking the rule: "file:line: what — the line". Comments are prose. */
export function handMadeErrors(file: string, text: string): string[] {
  const found: string[] = [];
  text.split("\n").forEach((raw, i) => {
    const line = raw.trim();
    if (line.startsWith("*") || line.startsWith("//") || line.startsWith("/*")) return;
    const broken = RULES.find(([re]) => re.test(line));
    if (broken) found.push(`${file}:${i + 1}: ${broken[1]} — ${line}`);
  });
  return found;
}

async function routeFiles(): Promise<string[]> {
  const entries = await readdir(join(ROOT, "src/routes"), { withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)))
    .sort();
}

describe("the route error rule", () => {
  it("finds no error made by hand in src/routes/: each goes through c.var.fail", async () => {
    const files = await routeFiles();
    expect(files.length).toBeGreaterThan(5);
    const found: string[] = [];
    for (const file of files) found.push(...handMadeErrors(file, await readFile(join(ROOT, file), "utf8")));
    expect(found).toEqual([]);
  });

  it("bites on each way of making an error by hand", () => {
    const lines = [
      'import { HTTPException } from "hono/http-exception";',
      'throw new HTTPException(404, { message: "no such article" });',
      'problem(404, "No published article.");',
      'return problemResponse({ status: 400, detail: "bad" });',
      'badParam("page", "must be a whole number.");',
      'notFound("api", "No such article.");',
      'feedError(404, "No tag.");',
      'import { failOn } from "../http/fail.ts";',
      'return plainResponse("feed", 404, "No tag.\\n", MIME.text);',
      'return new Response("gone", { status: 404 });',
    ];
    const found = lines.map((line) => handMadeErrors("src/routes/x.ts", line));
    expect(found.map((f) => f.length)).toEqual(lines.map(() => 1));
  });

  it("lets a route report through its surface, and answer a redirect or a 200 itself", () => {
    const lines = [
      'return c.var.fail.notFound("no such article");',
      'if (raw === "") return fail.badParam("q", "is required.");',
      "const source = sources.section(slug) ?? c.var.fail.notFound(`no category ${slug}`);",
      'return plainResponse("page", 200, key, MIME.text, "ok");',
      "// A missing tag is a 404 (notFound(...) in the surface's format).",
    ];
    expect(lines.flatMap((line) => handMadeErrors("src/routes/x.ts", line))).toEqual([]);
  });
});
