/**
 * `npm run new -- --title "标题" [--category 协会动态] [--slug my-slug] [--date 2026-12-01T09:00]`
 *
 * Scaffolds content/articles/<slug>.md with a permanent id, today's date in the site's time
 * zone (or --date), the section (--category, the front matter's word) and the optional fields as
 * comments. Checks everything first and writes nothing on any problem; never overwrites.
 */
import { randomUUID } from "node:crypto";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { parse } from "yaml";
import { formatInstant, isDateInput, toInstant } from "./content/dates.ts";
import { articleTemplate, slugify } from "./content/scaffold.ts";
import { frontMatterData, lineBreakIn } from "./content/frontmatter.ts";
import { SLUG_RE } from "./content/schema.ts";

function fail(message: string, fix: string, code = 1): never {
  console.error(`new: ${message}\n    fix: ${fix}`);
  process.exit(code);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      title: { type: "string" },
      category: { type: "string" },
      slug: { type: "string" },
      date: { type: "string" },
      root: { type: "string", default: process.cwd() },
    },
  }));
} catch (e) {
  fail(
    (e as Error).message,
    'npm run new -- --title "标题" [--category 协会动态] [--slug my-slug] [--date YYYY-MM-DD]',
    2,
  );
}
const root = values.root;
const title = values.title?.trim();
if (!title) fail("--title is required", 'npm run new -- --title "协会召开2026年会员大会"', 2);
const titleBreak = lineBreakIn(title);
if (titleBreak)
  fail(
    `the title ${JSON.stringify(title)} holds a line break (U+${titleBreak.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}); a title is one line`,
    'write it on one line: npm run new -- --title "协会召开2026年会员大会"',
    2,
  );

const site = parse(await readFile(join(root, "content/site.yaml"), "utf8")) as {
  timeZone: string;
  categories: { slug: string; name: string }[];
};
const sectionInput =
  values.category ?? site.categories.find((c) => c.slug === "news")?.name ?? site.categories[0]!.name;
const section = site.categories.find((c) => c.name === sectionInput || c.slug === sectionInput);
if (!section) {
  fail(`unknown category "${sectionInput}"`, `use one of: ${site.categories.map((c) => c.name).join(", ")}`);
}

const slug = values.slug ?? slugify(title);
if (!slug)
  fail(
    `the title "${title}" gives no usable slug`,
    "pass one: --slug my-article-name (lowercase letters, digits, hyphens)",
  );
if (!SLUG_RE.test(slug))
  fail(
    `"${slug}" is not a valid slug`,
    "use lowercase ASCII letters, digits and single hyphens, e.g. --slug member-meeting-2026",
  );

const dir = join(root, "content/articles");
const file = join(dir, `${slug}.md`);
for (const name of (await readdir(dir)).filter((n) => n.endsWith(".md"))) {
  const text = await readFile(join(dir, name), "utf8");
  const own = frontMatterData(text)?.slug;
  const taken = typeof own === "string" ? own : name.slice(0, -3);
  if (taken === slug) {
    fail(`an article already has the slug "${slug}" (content/articles/${name})`, `choose another: --slug ${slug}-2`);
  }
}

const today = formatInstant(Date.now(), site.timeZone).slice(0, 10);
const date = values.date ?? today;
if (!isDateInput(date)) fail(`--date "${date}" is not a date`, "write YYYY-MM-DD or YYYY-MM-DDTHH:mm (site time zone)");

const text = articleTemplate({ id: randomUUID(), title, category: section.name, date });
try {
  await writeFile(file, text, { flag: "wx" }); // never overwrite
} catch (e) {
  if ((e as NodeJS.ErrnoException).code === "EEXIST")
    fail(`content/articles/${slug}.md exists`, `choose another slug: --slug ${slug}-2`);
  throw e;
}
console.log(`new: content/articles/${slug}.md → /articles/${slug} (${section.name}, ${date})`);
const instant = Date.parse(toInstant(date, site.timeZone));
if (instant > Date.now())
  console.log(
    `new: scheduled — it appears by itself on ${toInstant(date, site.timeZone)}; until then it is visible only in npm run dev`,
  );
console.log("new: write the text, then run npm run check");
