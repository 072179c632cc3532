/**
 * `npm run import -- <source> [--dry-run] [--category <name>] [--map <file>] [--update]
 *   [--origin <old origin>] [--budget-seconds 5] [--budget-mb 5] [--root DIR]`
 *
 * Moves an old site's articles into content/articles/ (docs/editing.md, "Moving the old site
 * in"). Sources: an RSS 2.0, Atom or JSON Feed file with the articles' full content, or a folder
 * mirroring the old site (`wget --mirror`, or the folder wget was run in; --origin names the
 * old site when the folder is not named after its host), or a WordPress export (wxr.ts). --map is a YAML or
 * JSON file of old column names → sections, used when a page's own names match no section.
 *
 * Pictures whose files the source holds are copied into content/media/ (not with --dry-run);
 * the others are declared unavailable, each with a warning.
 *
 * Each article's id derives from its old URL, so importing again finds it: an article already
 * present is left as it is unless --update. --dry-run prints what would be written and writes
 * nothing. A source that cannot be read (missing, malformed XML with its line, not a feed) writes
 * nothing and exits 1; an item that cannot be imported (no title, no section) is reported and the
 * others go on. Run `npm run check` afterwards.
 *
 * Each page of a mirror may take 5 s to read and 5 MB, each item of a feed or export 5 MB, and
 * each page's or item's conversion to Markdown 5 s (issue 29; --budget-seconds and --budget-mb
 * change them): one over its budget is skipped, named, and the
 * others go on. Symbolic links in a mirror are not followed.
 */
import { createHash } from "node:crypto";
import { copyFile, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { parse } from "yaml";
import { formatInstant } from "./content/dates.ts";
import { frontMatterData } from "./content/frontmatter.ts";
import { readSource } from "./import/sources.ts";
import { BUDGET } from "./import/mirror.ts";
import { planArticlesWithin, type MediaPool, type Site } from "./import/write.ts";

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
      map: { type: "string" },
      origin: { type: "string" },
      update: { type: "boolean", default: false },
      "budget-seconds": { type: "string" },
      "budget-mb": { type: "string" },
      root: { type: "string", default: process.cwd() },
    },
  });
} catch (e) {
  fail(
    `${(e as Error).message}\n    usage: npm run import -- <feed file or mirror folder> [--dry-run] [--category 协会动态] [--map map.yaml] [--update] [--origin http://old.example.cn] [--budget-seconds 5] [--budget-mb 5]`,
    2,
  );
}
const { values, positionals } = parsed;
/** A budget option: a positive number, or the default (undefined). */
function budgetOption(name: "budget-seconds" | "budget-mb"): number | undefined {
  const given = values[name];
  if (given === undefined) return undefined;
  const value = Number(given);
  if (!Number.isFinite(value) || value <= 0)
    fail(`--${name} ${given}: give a positive number, such as --${name} ${name === "budget-mb" ? 20 : 30}`, 2);
  return value;
}
const budgetSeconds = budgetOption("budget-seconds");
const budgetMb = budgetOption("budget-mb");
const source = positionals[0];
if (!source) fail("name the source: npm run import -- old-site-feed.xml [--dry-run]", 2);

const root = values.root;
const site = parse(await readFile(join(root, "content/site.yaml"), "utf8")) as Site;
if (values.category && !site.categories.some((c) => c.name === values.category || c.slug === values.category))
  fail(
    `--category "${values.category}" is not a section of content/site.yaml: ${site.categories.map((c) => c.name).join(", ")}`,
    2,
  );
const fallbackSection = site.categories.find((c) => c.name === values.category || c.slug === values.category)?.name;

/** --map: old column or category names → sections, each target checked against site.yaml. */
const map = new Map<string, string>();
if (values.map) {
  let raw: unknown;
  try {
    raw = parse(await readFile(values.map, "utf8"));
  } catch (e) {
    fail(`--map ${values.map}: ${(e as Error).message}`, 2);
  }
  if (!raw || typeof raw !== "object" || Array.isArray(raw))
    fail(`--map ${values.map}: not a mapping of old names to sections ({ 行业资讯: 行业前瞻 })`, 2);
  for (const [from, to] of Object.entries(raw as Record<string, unknown>)) {
    const section = site.categories.find((c) => c.name === to || c.slug === to);
    if (!section)
      fail(
        `--map ${values.map}: "${from}" goes to "${String(to)}", which is not a section of content/site.yaml: ${site.categories.map((c) => c.name).join(", ")}`,
        2,
      );
    map.set(from, section.name);
  }
}

let read;
try {
  read = await readSource(source, {
    ...(values.origin ? { origin: values.origin } : {}),
    budget: {
      ...(budgetSeconds !== undefined ? { seconds: budgetSeconds } : {}),
      ...(budgetMb !== undefined ? { bytes: Math.round(budgetMb * 1024 * 1024) } : {}),
    },
    timeZone: site.timeZone,
    sections: site.categories.map((c) => c.name),
    progress: true,
  });
} catch (e) {
  fail((e as Error).message, /not built yet/.test((e as Error).message) ? 2 : 1);
}

for (const line of read.notes ?? []) console.log(`import: ${line}`);

// What is there already: ids (an import finds its own articles again) and slugs (never taken twice).
const dir = join(root, "content/articles");
/** id → file name, and id → slug, of the articles already there. */
const present = new Map<string, string>();
const presentSlugs = new Map<string, string>();
const takenSlugs = new Set<string>();
for (const name of (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith(".md"))) {
  // Read as the build reads it (frontmatter.ts): a line of a value that looks like `id: …` is not one.
  const data = frontMatterData(await readFile(join(dir, name), "utf8"));
  const id = typeof data?.id === "string" ? data.id : undefined;
  const slug = typeof data?.slug === "string" ? data.slug : name.slice(0, -3);
  if (id) present.set(id, name);
  if (id) presentSlugs.set(id, slug);
  takenSlugs.add(slug);
}
const today = formatInstant(Date.now(), site.timeZone).slice(0, 10);
// The pictures already in content/media/, by their bytes, so the same picture is never copied twice
// (read only when the source brings picture files).
const mediaDir = join(root, "content/media");
const media: MediaPool = new Map();
if (read.items.some((item) => item.pictures?.some((p) => p.file)))
  for (const name of await readdir(mediaDir).catch(() => [] as string[]))
    media.set(
      name,
      createHash("sha256")
        .update(await readFile(join(mediaDir, name)))
        .digest("hex"),
    );
// An article already there keeps its slug (its URL), and links to it from new articles use it.
// Each body's conversion is held to the time budget too (issue 29), in one worker for the import.
const { planned, skipped } = await planArticlesWithin(
  read.items,
  site,
  { ...(fallbackSection ? { fallbackSection } : {}), map, takenSlugs, present: presentSlugs, today, media },
  budgetSeconds ?? BUDGET.seconds,
);

let written = 0;
let kept = 0;
let copied = 0;
let unavailable = 0;
const warnings = [...read.warnings, ...planned.flatMap((p) => p.warnings)];
for (const p of planned) {
  const existing = present.get(p.id);
  if (existing && !values.update) {
    kept++;
    continue;
  }
  const file = join(dir, existing ?? `${p.slug}.md`);
  if (values["dry-run"]) {
    console.log(`import: would write content/articles/${existing ?? `${p.slug}.md`} (${p.title})`);
    for (const c of p.copies) console.log(`import: would copy ${c.from} to content/media/${c.to}`);
  } else {
    if (p.copies.length) await mkdir(mediaDir, { recursive: true });
    // Pictures first: an article is never there without its pictures.
    for (const c of p.copies) await copyFile(c.from, join(mediaDir, c.to));
    await writeFile(file, p.text);
  }
  copied += p.copies.length;
  unavailable += p.unavailable;
  written++;
}
for (const line of skipped) console.error(`import: skipped ${line}`);
for (const line of read.skipped) console.error(`import: skipped ${line}`);
for (const line of warnings) console.error(`import: warning: ${line}`);
console.log(
  `import: ${read.kind}, ${read.items.length + read.skipped.length} ${read.unit ?? "item"}(s): ${written} ${values["dry-run"] ? "to write" : "written"}, ` +
    `${kept} already present${values.update ? "" : " (kept; --update rewrites them)"}, ${skipped.length + read.skipped.length} skipped, ` +
    `${copied} picture(s) ${values["dry-run"] ? "to copy" : "copied"}, ${unavailable} picture(s) unavailable` +
    (values["dry-run"] ? "; nothing written (--dry-run)" : "; now run npm run check"),
);
