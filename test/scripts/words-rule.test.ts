/**
 * The words rule (issue 32, "Words"; docs/architecture.md, "Words"): a navigation group is a
 * section (栏目) in the code. The older word, category, stays only where it is public or stored:
 * a field or parameter named by the URL, the API, the front matter, site.yaml or the store's files
 * (`Article.category`, `SiteSettings.categories`, `counts.categories`, `categoryRank`, the API's
 * `category`), which are property names. This test parses every TypeScript and JavaScript file of
 * src/, scripts/, test/ and bench/ and fails on a name the code itself declares (a variable, parameter, function,
 * class, type or method) that says category.
 */
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/project.ts";

/** The older word, in any case and form (category, categories, categoryName, NavCategory). */
const OLD_WORD = /categor/i;

/**
 * Declared names that keep the older word because they name someone else's thing: the RSS and
 * Atom `<category>` elements a feed item is filed under (src/render/feeds/view.ts).
 */
const KEPT = new Set(["itemCategories"]);

/**
 * The import reads other sites' words: a WordPress export's and a feed's `categories` are the old
 * site's own labels (`Imported.categories`), which the import turns into a section or tags.
 */
const kept = (file: string, name: string) =>
  KEPT.has(name) || (/^(scripts\/import\/|test\/scripts\/import)/.test(file) && name === "categories");

/** The name a declaration introduces in its file's scope, if it is one the code chooses. */
function declaredName(node: ts.Node): ts.Identifier | undefined {
  if (
    ts.isVariableDeclaration(node) ||
    ts.isParameter(node) ||
    ts.isFunctionDeclaration(node) ||
    ts.isClassDeclaration(node) ||
    ts.isInterfaceDeclaration(node) ||
    ts.isTypeAliasDeclaration(node) ||
    ts.isEnumDeclaration(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isMethodSignature(node)
  ) {
    return node.name && ts.isIdentifier(node.name) ? node.name : undefined;
  }
  // `const { category } = …` declares a local named category; `{ category: slug }` declares slug.
  if (ts.isBindingElement(node) && ts.isIdentifier(node.name)) return node.name;
  return undefined;
}

/** Every declared name of `text` that says category: "file:line: name". */
export function oldWords(file: string, text: string): string[] {
  const kind = file.endsWith(".js") ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    const name = declaredName(node);
    if (name && OLD_WORD.test(name.text) && !kept(file, name.text)) {
      const line = source.getLineAndCharacterOfPosition(name.getStart(source)).line + 1;
      found.push(`${file}:${line}: ${name.text}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The project's code: src/, scripts/, its tests and benchmarks, without the build's generated module. */
async function codeFiles(): Promise<string[]> {
  const files: string[] = [];
  for (const dir of ["src", "scripts", "test", "bench"]) {
    const entries = await readdir(join(ROOT, dir), { recursive: true, withFileTypes: true });
    for (const e of entries) {
      const path = relative(ROOT, join(e.parentPath, e.name));
      if (e.isFile() && /\.(ts|js)$/.test(e.name) && !path.startsWith("src/generated/")) files.push(path);
    }
  }
  return files.sort();
}

describe("the words rule", () => {
  it("finds no name declared in the code that says category where the glossary says section", async () => {
    const files = await codeFiles();
    expect(files.length).toBeGreaterThan(200);
    const found: string[] = [];
    for (const file of files) found.push(...oldWords(file, await readFile(join(ROOT, file), "utf8")));
    expect(found).toEqual([]);
  });

  it("bites on each kind of declared name, and not on the public fields and parameters", () => {
    const text = [
      "export interface NavCategory { slug: string; name: string }",
      "type CategoryJson = { slug: string };",
      "function categoryName(site: Site, slug: string) { return slug; }",
      "const byCategory = new Map();",
      "const { category } = valid;",
      "list(now, (category?: string) => category);",
      "const store = { category(slug: string) { return slug; } };",
      "interface Store { category(slug: string): Section }",
      // Public or stored names, and a local that takes one of them under the glossary's word:
      "const article = { category: section, categoryRank: 3 };",
      "const { category: slug } = filters;",
      "const total = counts.categories[slug] ?? site.categories.length;",
      'app.get("/categories/:slug", (c) => c.req.query("category"));',
      "export function itemCategories(site: Site) { return []; }",
    ].join("\n");
    expect(oldWords("example.ts", text)).toEqual([
      "example.ts:1: NavCategory",
      "example.ts:2: CategoryJson",
      "example.ts:3: categoryName",
      "example.ts:4: byCategory",
      "example.ts:5: category",
      "example.ts:6: category",
      "example.ts:7: category",
      "example.ts:8: category",
    ]);
  });

  it("lets the import name an old site's categories, and only them", () => {
    const text =
      "const categories = terms.filter((c) => c.attrs.domain === 'category');\nconst category = categories[0];";
    expect(oldWords("scripts/import/wxr.ts", text)).toEqual(["scripts/import/wxr.ts:2: category"]);
    expect(oldWords("scripts/content/pack.ts", text)).toEqual([
      "scripts/content/pack.ts:1: categories",
      "scripts/content/pack.ts:2: category",
    ]);
  });

  it("reads the desk's and the embed's browser scripts as JavaScript", () => {
    expect(oldWords("admin.js", "const category = fields.find((f) => f.name === 'category');")).toEqual([
      "admin.js:1: category",
    ]);
  });
});
