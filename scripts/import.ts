/**
 * `npm run import -- <source> [--dry-run] [--category <name>] [--update] [--root DIR]`
 *
 * Moves an old site's articles into content/articles/ (docs/editing.md, "Moving the old site
 * in"). Sources so far: an RSS 2.0, Atom or JSON Feed file with the articles' full content. (A
 * folder mirroring the old site and a WordPress export are the next sources: issue 22.)
 *
 * Each article's id derives from its old URL, so importing again finds it: an article already
 * present is left as it is unless --update. --dry-run prints what would be written and writes
 * nothing. A source that cannot be read (missing, malformed XML with its line, not a feed) writes
 * nothing and exits 1; an item that cannot be imported (no title, no section) is reported and the
 * others go on. Run `npm run check` afterwards.
 */
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { parse } from "yaml";
import { formatInstant } from "./content/dates.ts";
import { readSource } from "./import/sources.ts";
import { planArticles, type Site } from "./import/write.ts";

function fail(message: string, code = 1): never {
  console.error(`import: ${message}\nimport: nothing was written.`);
  process.exit(code);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      "dry-run": { type: "boolean", default: false },
      category: { type: "string" },
      update: { type: "boolean", default: false },
      root: { type: "string", default: process.cwd() },
    },
  });
} catch (e) {
  fail(
    `${(e as Error).message}\n    usage: npm run import -- <feed file> [--dry-run] [--category 协会动态] [--update]`,
    2,
  );
}
const { values, positionals } = parsed;
const source = positionals[0];
if (!source) fail("name the source: npm run import -- old-site-feed.xml [--dry-run]", 2);

const root = values.root;
const site = parse(await readFile(join(root, "content/site.yaml"), "utf8")) as Site;
if (values.category && !site.categories.some((c) => c.name === values.category || c.slug === values.category))
  fail(
    `--category "${values.category}" is not a section of content/site.yaml: ${site.categories.map((c) => c.name).join(", ")}`,
    2,
  );
const category = site.categories.find((c) => c.name === values.category || c.slug === values.category)?.name;

let read;
try {
  read = await readSource(source);
} catch (e) {
  fail((e as Error).message, /not built yet/.test((e as Error).message) ? 2 : 1);
}

// What is there already: ids (an import finds its own articles again) and slugs (never taken twice).
const dir = join(root, "content/articles");
/** id → file name, and id → slug, of the articles already there. */
const present = new Map<string, string>();
const presentSlugs = new Map<string, string>();
const takenSlugs = new Set<string>();
for (const name of (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith(".md"))) {
  const head = (await readFile(join(dir, name), "utf8")).split("\n---", 1)[0]!;
  const id = /^id:\s*["']?([0-9a-f-]{36})/m.exec(head)?.[1];
  const slug = /^slug:\s*["']?([a-z0-9-]+)/m.exec(head)?.[1] ?? name.slice(0, -3);
  if (id) present.set(id, name);
  if (id) presentSlugs.set(id, slug);
  takenSlugs.add(slug);
}
const today = formatInstant(Date.now(), site.timeZone).slice(0, 10);
// An article already there keeps its slug (its URL), and links to it from new articles use it.
const { planned, skipped } = planArticles(read.items, site, {
  ...(category ? { category } : {}),
  takenSlugs,
  present: presentSlugs,
  today,
});

let written = 0;
let kept = 0;
const warnings = [...read.warnings, ...planned.flatMap((p) => p.warnings)];
for (const p of planned) {
  const existing = present.get(p.id);
  if (existing && !values.update) {
    kept++;
    continue;
  }
  const file = join(dir, existing ?? `${p.slug}.md`);
  if (values["dry-run"]) console.log(`import: would write content/articles/${existing ?? `${p.slug}.md`} (${p.title})`);
  else await writeFile(file, p.text);
  written++;
}
for (const line of skipped) console.error(`import: skipped ${line}`);
for (const line of read.skipped) console.error(`import: skipped ${line}`);
for (const line of warnings) console.error(`import: warning: ${line}`);
console.log(
  `import: ${read.kind}, ${read.items.length + read.skipped.length} item(s): ${written} ${values["dry-run"] ? "to write" : "written"}, ` +
    `${kept} already present${values.update ? "" : " (kept; --update rewrites them)"}, ${skipped.length + read.skipped.length} skipped, ` +
    `${warnings.filter((w) => w.includes("picture not imported")).length} picture(s) not imported` +
    (values["dry-run"] ? "; nothing written (--dry-run)" : "; now run npm run check"),
);
