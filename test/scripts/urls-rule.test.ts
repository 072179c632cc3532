/**
 * The URL rule (issue 32; src/content/urls.ts): every URL of the site is written by `paths` and
 * `url(site, path, query?)`. This test reads every TypeScript file of src/ and scripts/ and fails
 * on a line that builds one by hand: an origin joined to a path (`origin + …`, `${…origin}/…`,
 * `${…origin}${…}`) or a path written as a template string (`/archive/${year}`,
 * `href="/tags/${…}"`) anywhere but urls.ts. Route patterns (`/categories/:slug/${file}`) are
 * the router's table, not URLs, and comments are prose.
 */
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/project.ts";

/** The one module allowed to join them. */
const BUILDER = "src/content/urls.ts";

/**
 * Lines that look like the site's URLs and are not, each with why. Keyed by file and the line's
 * text, so an edit of the line brings it back to review.
 */
const NOT_THE_SITES: Record<string, string> = {
  // The importer reads another site: its old URLs are compared and rebuilt in that site's origin.
  "scripts/import/markdown.ts:return key === undefined ? parsed.href : parsed.origin + key;":
    "an old site's URL in the form links are compared in",
  'scripts/import/mirror.ts:const url = new URL(`${origin}/${path.replace(/^\\/+/, "")}`);':
    "an old site's URL rebuilt from its mirror's file path",
  // The desk is Decap's single-page app: its routes are Decap's, not the site's.
  'scripts/screenshots.ts:["desk-edit-1280.png", `/collections/articles/entries/${path.split("/").pop()}`],':
    "a route of the desk (Decap), not of the site",
};

/** What builds a URL by hand, with the rule's words for it. */
const RULES: [RegExp, string][] = [
  [/\borigin\s*\+/, "an origin joined to a path with +"],
  [/\$\{[^`}]*\borigin\}(\/|\$\{)/, "an origin joined to a path in a template string"],
  [/`\/[\w.-]*(\/[\w.-]*)*\$\{/, "a path written as a template string"],
  [/="\/[\w.-]*(\/[\w.-]*)*\$\{/, "a path written into an attribute by a template string"],
];

async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(join(ROOT, dir), { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(".ts") && !e.name.endsWith(".d.ts"))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)))
    .filter((p) => !p.startsWith("src/generated/"))
    .sort();
}

/** Every line of `files` breaking the rule: "file:line: what — the line". */
export function handMadeUrls(file: string, text: string): string[] {
  if (file === BUILDER) return [];
  const found: string[] = [];
  text.split("\n").forEach((raw, i) => {
    const line = raw.trim();
    if (line.startsWith("*") || line.startsWith("//") || line.startsWith("/*")) return;
    if (NOT_THE_SITES[`${file}:${line}`]) return;
    for (const [re, what] of RULES) {
      const m = re.exec(line);
      // A route pattern names its parameters with ':' (Hono): the router's table, not a URL.
      if (m && !line.slice(m.index).split("`")[1]?.includes("/:")) {
        found.push(`${file}:${i + 1}: ${what} — ${line}`);
        break;
      }
    }
  });
  return found;
}

describe("the URL rule", () => {
  it("finds no URL built by hand in src/ or scripts/: every one comes from src/content/urls.ts", async () => {
    const found: string[] = [];
    for (const file of [...(await sources("src")), ...(await sources("scripts"))]) {
      found.push(...handMadeUrls(file, await readFile(join(ROOT, file), "utf8")));
    }
    expect(found).toEqual([]);
  });

  it("bites on each way of building a URL by hand", () => {
    const lines = [
      "const a = site.origin + path;",
      "const b = `${site.origin}/articles/${slug}`;",
      "const c = `${origin}${path}`;",
      "const d = `/archive/${year}`;",
      'const e = `<a href="/tags/${tag}">`;',
      "const f = `/${key}.txt`;",
    ];
    expect(handMadeUrls("src/render/x.ts", lines.join("\n"))).toHaveLength(lines.length);
  });

  it("lets urls.ts, route patterns, comments and other sites' URLs be", () => {
    const lines = [
      "app.get(`/categories/:slug/${file}`, handler);",
      " * e.g. `/archive/${year}` in a comment",
      "return `https://service.weibo.com/share/share.php?${query}`;",
      "const path = paths.archive(year);",
    ];
    expect(handMadeUrls("src/routes/x.ts", lines.join("\n"))).toEqual([]);
    expect(handMadeUrls(BUILDER, "const a = `/archive/${year}`;")).toEqual([]);
  });
});
