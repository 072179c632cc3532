/**
 * Imported articles as the documented Markdown files: a permanent id derived from the old URL
 * (UUID v5, RFC 9562 §5.5, so importing again finds the same article), the section from what the
 * source says or `--category`, the date as the source states it (or the "not known" form), tags,
 * the old path as an alias (answered 301 by the worker), and the body converted to Markdown by
 * turndown with GitHub-flavoured tables (tables.ts). Every picture becomes a figure: one whose file the source
 * holds (a mirror) is to be copied into content/media/ under a name the check accepts; any other
 * is declared `unavailable` in `images:` (a warning names each): never a broken <img>.
 */
import { createHash } from "node:crypto";
import { aliasKey, aliasShadowsRoute } from "../../src/content/aliases.ts";
import { formatInstant } from "../content/dates.ts";
import { lineBreakIn, writeYaml } from "../content/frontmatter.ts";
import { MEDIA_NAME_RE } from "../content/media-check.ts";
import { slugify } from "../content/scaffold.ts";
import { MEDIA_FILE_RE } from "../../src/content/summary.ts";
import { paths } from "../../src/content/urls.ts";
import { Budgeted } from "./budget.ts";
import type { Imported } from "./imported.ts";
import { markdownConverter, normalUrl, type Converted, type ToConvert } from "./markdown.ts";

/** RFC 9562 §6.6: the namespace for names that are URLs. */
const URL_NAMESPACE = "6ba7b811-9dad-11d1-80b4-00c04fd430c8";

/** A name-based UUID (version 5, SHA-1) of `name` in `namespace` (RFC 9562 §5.5). */
export function uuidv5(name: string, namespace = URL_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ""), "hex");
  const hash = createHash("sha1").update(ns).update(name, "utf8").digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export interface Site {
  timeZone: string;
  categories: { slug: string; name: string }[];
}

export interface Planned {
  id: string;
  slug: string;
  url: string;
  title: string;
  /** The Markdown file's text. */
  text: string;
  warnings: string[];
  /** Pictures to copy into content/media/ when this article is written (`to`: a name there). */
  copies: { from: string; to: string }[];
  /** How many of its pictures are declared unavailable. */
  unavailable: number;
}

/**
 * The pictures of content/media/: name → SHA-256 of the bytes (hex). Names planned for this
 * import are added as they are chosen, so two pictures never share one.
 */
export type MediaPool = Map<string, string>;

/** A name content/media/ accepts for `base`: itself when plain, else an ASCII one; `.ext` kept. */
function mediaNameFor(base: string, ext: string): string {
  const asIs = `${base.replace(/\.[^.]*$/, "")}.${ext}`;
  // Kept only when Markdown and the check take it as it is (no spaces, brackets, quotes).
  const plain = /^[\p{L}\p{N}_.-]+$/u.test(asIs) && MEDIA_NAME_RE.test(asIs);
  const published = /^(?:gif|svg)$/i.test(ext) ? MEDIA_FILE_RE.test(asIs) : true;
  return plain && published ? asIs : `${slugify(base.replace(/\.[^.]*$/, "")) || "picture"}.${ext.toLowerCase()}`;
}

/**
 * Picture names never given twice: `take(name, free)` gives `name`, else `name-N.ext`, N counting
 * on from the last suffix given for that name (issue 29: counting from 2 each time was quadratic
 * in the pictures of one name). Sound because a name `free` refuses stays refused: the names
 * taken only grow, and each name given is taken before the next call.
 */
class PictureNames {
  readonly #next = new Map<string, number>();

  take(name: string, free: (n: string) => boolean): string {
    if (free(name)) return name;
    const dot = name.lastIndexOf(".");
    const numbered = (n: number) => `${name.slice(0, dot)}-${n}${name.slice(dot)}`;
    let n = this.#next.get(name) ?? 2;
    while (!free(numbered(n))) n++;
    this.#next.set(name, n + 1);
    return numbered(n);
  }
}

const PICTURE_EXT = /\.(jpe?g|png|gif|webp|avif|svg)$/i;

/**
 * The extension of a picture that is not brought in, as far as anything says it: its address's
 * last segment (`last`, decoded), else the type its bytes say in the source (`fromSource`), else a
 * query naming its format or file (WeChat's `640?wx_fmt=png`, `show.php?file=a.gif`); undefined
 * when nothing does (`getimage.php?id=5`).
 */
function pictureExtOf(last: string, url: string, fromSource: string | undefined): string | undefined {
  const own = PICTURE_EXT.exec(last)?.[1];
  if (own) return own;
  if (fromSource) return fromSource;
  let params: URLSearchParams;
  try {
    params = new URL(url).searchParams;
  } catch {
    return undefined;
  }
  for (const value of params.values()) {
    const named = /^(?:.*\.)?(jpe?g|png|gif|webp|avif|svg)$/i.exec(value.trim())?.[1];
    if (named) return named.toLowerCase();
  }
  return undefined;
}

/**
 * What an old URL says of an undated page's date: DedeCMS-style paths carry the day the page was
 * made (`/a/2018/0621/123.html`, `/2018/06/21/…`), so it was published on or after it. Only a
 * real calendar day counts; nothing is invented when the path says nothing.
 */
export function undatedFrom(url: string): { notBefore?: string; note: string } {
  const path = new URL(url).pathname;
  const m = /\/((?:19|20)\d{2})\/?(\d{2})\/?(\d{2})\//.exec(path);
  const day = m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
  const real = day !== undefined && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day);
  return real
    ? { notBefore: day, note: `原文未载明发布日期;旧地址 ${path} 含日期 ${day},故发布时间不早于此日。` }
    : { note: `原文未载明发布日期(导入自 ${url})` };
}

/**
 * The alias an old URL gives: its path in normal form (aliases.ts) with its query as written (a
 * dynamic page's identity: /plus/view.php?aid=123, WordPress's /?p=123); none for the old home
 * page or a path the site's own routes answer.
 */
export function oldPath(url: string): string | undefined {
  const parsed = new URL(url);
  const key = aliasKey(parsed.pathname);
  if (!key) return undefined;
  if (key === paths.home) return parsed.search ? paths.home + parsed.search : undefined;
  if (aliasShadowsRoute(key)) return undefined;
  return key + parsed.search;
}

/**
 * Why an item cannot be imported as it is, naming it, or undefined. Its link is written into its
 * file (the id, its alias, the note of where it came from), so it must be a URL as its source has
 * it: no control character (the URL parser would silently drop a line break or tab, turning the
 * text into another address). Title, author, source and tags are one line each on every page
 * (frontmatter.ts `lineBreakIn`): one with a line break is refused here, as the check would refuse it.
 */
function refusal(item: Imported, site: Site): string | undefined {
  const control = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.exec(item.url)?.[0];
  if (control)
    return `${JSON.stringify(item.url)}: its link holds the control character ${codePoint(control)}, so it is not a URL; the item is not imported`;
  // Where the source has it (item 3 of a feed): a link that is no address names nothing.
  const where = item.position ? `${item.position} (${JSON.stringify(item.url)})` : JSON.stringify(item.url);
  try {
    new URL(item.url);
  } catch {
    return `${where}: its link is not a URL; the item is not imported`;
  }
  const fields: [string, string | undefined][] = [
    ["title", item.title],
    ["author", item.author],
    ["source", item.source?.name],
    ...tagsOf(item, site).map((tag): [string, string] => ["tag", tag]),
  ];
  for (const [field, value] of fields) {
    const found = value === undefined ? undefined : lineBreakIn(value);
    if (found)
      return `${item.url}: a line break (${codePoint(found)}) in its ${field} ${JSON.stringify(value)}: title, author, source and each tag are one line; the item is not imported`;
  }
  return undefined;
}

const codePoint = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;

/** An item's tags: its categories that are not sections of the site (those choose the section). */
function tagsOf(item: Imported, site: Site): string[] {
  const sections = new Set(site.categories.flatMap((c) => [c.name, c.slug]));
  return [...new Set(item.tags.filter((t) => !sections.has(t)))];
}

/**
 * The section an item belongs to: a category it names that is a section, else one that `map`
 * (--map: old column → section) sends to a section, else the fallback (--category).
 */
function sectionOf(
  item: Imported,
  site: Site,
  map: ReadonlyMap<string, string>,
  fallback: string | undefined,
): string | undefined {
  const section = (name: string | undefined) =>
    name === undefined ? undefined : site.categories.find((c) => c.name === name || c.slug === name)?.name;
  for (const name of item.categories) if (section(name)) return section(name);
  for (const name of item.categories) if (section(map.get(name))) return section(map.get(name));
  return fallback;
}

/**
 * Slugs never given twice: `take(base)` gives `base`, else `base-N`, N counting on from the last
 * suffix given for that base (issue 29: counting from 2 each time, 20,000 items with one title
 * took 76 s), so each slug is found in constant time on average.
 */
export class SlugPool {
  readonly #taken: Set<string>;
  readonly #next = new Map<string, number>();

  constructor(taken: Iterable<string>) {
    this.#taken = new Set(taken);
  }

  /** `slug` marked as taken (an article already present keeps its own). */
  add(slug: string): void {
    this.#taken.add(slug);
  }

  /** `base` if free, else the first free `base-N` from the last N given for it; taken from then on. */
  take(base: string): string {
    let slug = base;
    if (this.#taken.has(slug)) {
      let n = this.#next.get(base) ?? 2;
      while (this.#taken.has(`${base}-${n}`)) n++;
      slug = `${base}-${n}`;
      this.#next.set(base, n + 1);
    }
    this.#taken.add(slug);
    return slug;
  }
}

/** What `planArticles` is told besides the items and the site (see there). */
export interface PlanOptions {
  /** The section of an item whose own categories and `map` name none (--category), by name. */
  fallbackSection?: string;
  map?: ReadonlyMap<string, string>;
  takenSlugs: ReadonlySet<string>;
  present?: ReadonlyMap<string, string>;
  today: string;
  media?: MediaPool;
}

/** What planning gives: the files to write, and each item not imported, named, with why. */
export interface Plan {
  planned: Planned[];
  skipped: string[];
}

/**
 * The files for `items`: an article already present (by id, in `present`) keeps its slug; a new
 * one's slug is made unique among the others and `takenSlugs` (a suffix, reported),
 * links between the imported pages rewritten to their new URLs. `today` (YYYY-MM-DD) is the
 * `updated` of an article whose publication date the source does not state. `media` (the pictures
 * already in content/media/) is where the pictures' names are chosen: the same bytes keep the
 * name they have there; a different file with a taken name gets a suffix. Each body is converted
 * in this process, with no time budget (`planArticlesWithin` gives one).
 */
export function planArticles(items: readonly Imported[], site: Site, options: PlanOptions): Plan {
  const steps = planning(items, site, options);
  let convert: ((job: ToConvert) => Converted) | undefined;
  let step = steps.next();
  while (!step.done) {
    convert ??= markdownConverter(step.value.newUrl);
    let answer: Converted;
    try {
      answer = convert(step.value.job);
    } catch (e) {
      // A library failing on one body (issue 29): planning names that item and goes on.
      step = steps.throw(e);
      continue;
    }
    step = steps.next(answer);
  }
  return step.value;
}

/**
 * `planArticles` with each body's conversion held to a time budget (issue 29: "each page and each
 * item has a time and size budget"): turndown runs in one worker for the whole import
 * (markdown-worker.ts), and an item whose conversion takes longer than `seconds` is stopped and
 * skipped, named with its position (item 3, entry 3, a mirror page's path); the others are written.
 */
export async function planArticlesWithin(
  items: readonly Imported[],
  site: Site,
  options: PlanOptions,
  seconds: number,
): Promise<Plan> {
  const steps = planning(items, site, options);
  let worker: Budgeted<ToConvert, Converted> | undefined;
  try {
    let step = steps.next();
    while (!step.done) {
      worker ??= new Budgeted(new URL("./markdown-worker.ts", import.meta.url), [...step.value.newUrl]);
      let outcome;
      try {
        outcome = await worker.run(step.value.job, seconds * 1000);
      } catch (e) {
        step = steps.throw(e);
        continue;
      }
      step = steps.next("over" in outcome ? { overSeconds: seconds } : outcome.done);
    }
    return step.value;
  } finally {
    await worker?.close();
  }
}

/** A body's conversion asked of the driver, with the new URLs its links may lead to. */
interface ConversionAsked {
  job: ToConvert;
  newUrl: ReadonlyMap<string, string>;
}

/** A conversion stopped for running over its time budget. */
class OverBudget extends Error {
  constructor(seconds: number) {
    super(`over budget: not converted to Markdown within ${seconds} s (--budget-seconds gives an item more time)`);
  }
}

/**
 * The planning itself, one module's rules for both drivers: it asks for each conversion (yields)
 * and is answered with its result, or with the budget it ran over.
 */
function* planning(
  items: readonly Imported[],
  site: Site,
  { fallbackSection, map = new Map(), takenSlugs, present = new Map(), today, media = new Map() }: PlanOptions,
): Generator<ConversionAsked, Plan, Converted | { overSeconds: number }> {
  const planned: Planned[] = [];
  const skipped: string[] = [];
  const slugs = new SlugPool(takenSlugs);
  /** Old URL (normal form) → new URL; and which old URL took each slug, to name both on a clash. */
  const newUrl = new Map<string, string>();
  const slugOwner = new Map<string, string>();
  const byDigest = new Map([...media].map(([name, digest]) => [digest, name]));
  /** Names declared unavailable in this import: a picture copied later must not take one. */
  const declared = new Set<string>();
  const copiedNames = new PictureNames();
  const drafts: { item: Imported; id: string; slug: string; section: string; warnings: string[] }[] = [];
  for (const item of items) {
    const refused = refusal(item, site);
    if (refused) {
      skipped.push(refused);
      continue;
    }
    const section = sectionOf(item, site, map, fallbackSection);
    if (!section) {
      // At most 10 named: a hostile export gave one post 50,000 categories, a 1.5 MB line.
      const more = item.categories.length - 10;
      skipped.push(
        `${item.url}: no section (its categories ${JSON.stringify(item.categories.slice(0, 10))}${more > 0 ? ` and ${more} more` : ""} match none; pass --category or --map)`,
      );
      continue;
    }
    const warnings: string[] = [];
    const id = uuidv5(item.url);
    const base = slugify(item.title) || `article-${id.slice(0, 8)}`;
    const kept = present.get(id);
    const slug = kept ?? slugs.take(base);
    if (kept !== undefined) slugs.add(kept);
    else if (slug !== base)
      warnings.push(
        `${item.url}: the slug ${base} is taken${slugOwner.has(base) ? ` by ${slugOwner.get(base)}` : ""}, ${slug} chosen`,
      );
    slugOwner.set(slug, item.url);
    newUrl.set(normalUrl(item.url), paths.article(slug));
    drafts.push({ item, id, slug, section, warnings });
  }
  for (const { item, id, slug, section, warnings } of drafts) {
    try {
      planned.push(yield* planOne(item, id, slug, section, warnings));
    } catch (e) {
      if (e instanceof OverBudget) {
        skipped.push(`${item.position ?? item.url} (${item.title}): ${e.message}`);
        continue;
      }
      // An item a library cannot convert (issue 29) is named with its place in the source, and
      // the others go on.
      skipped.push(`${item.position ?? item.url} (${item.title}): cannot be imported: ${(e as Error).message}`);
    }
  }
  return { planned, skipped };

  /** `job` converted by the driver; throws OverBudget when it was stopped. */
  function* converted(job: ToConvert): Generator<ConversionAsked, Converted, Converted | { overSeconds: number }> {
    const answer = yield { job, newUrl };
    if ("overSeconds" in answer) throw new OverBudget(answer.overSeconds);
    return answer;
  }

  function* planOne(
    item: Imported,
    id: string,
    slug: string,
    section: string,
    warnings: string[],
  ): Generator<ConversionAsked, Planned, Converted | { overSeconds: number }> {
    const images: { file: string; alt: string; unavailable: true }[] = [];
    const copies: { from: string; to: string }[] = [];
    const unavailableAs = new Map<string, string>();
    /** This article's names declared unavailable (another article may declare the same). */
    const declaredHere = new Set<string>();
    /** Those no article before this one declared (given back if this one is stopped). */
    const declaredFirst: string[] = [];
    const declaredNames = new PictureNames();
    // Each listed picture by its src, the first listing of one kept (read once, not per picture).
    const pictures = new Map<string, NonNullable<Imported["pictures"]>[number]>();
    for (const p of item.pictures ?? []) if (!pictures.has(p.src)) pictures.set(p.src, p);
    const onPicture = (src: string, alt: string): string => {
      let url: string;
      try {
        url = new URL(src, item.url).href;
      } catch {
        url = src;
      }
      const known = pictures.get(url);
      let name: string;
      if (unavailableAs.has(url))
        name = unavailableAs.get(url)!; // placed twice, declared once
      else if (known?.file) {
        const { path, digest } = known.file;
        const ext = known.file.name.slice(known.file.name.lastIndexOf(".") + 1);
        // The same bytes keep the name they already have (no second copy).
        name =
          byDigest.get(digest) ??
          copiedNames.take(mediaNameFor(known.file.name, ext), (n) => !media.has(n) && !declared.has(n));
        if (!media.has(name)) {
          media.set(name, digest);
          byDigest.set(digest, name);
          copies.push({ from: path, to: name });
        }
      } else {
        const segment = new URL(url, "http://invalid/").pathname.split("/").pop() ?? "";
        let last = segment;
        try {
          last = decodeURIComponent(segment);
        } catch {
          // A malformed escape: the name as written.
        }
        const ext = pictureExtOf(last, url, known?.type);
        // Never a name a real picture has: the build shows a file that exists even when declared.
        // Articles may share one (each declares its own), so 1.jpg stays 1.jpg in each.
        name = declaredNames.take(
          mediaNameFor(last || "picture", ext ?? "jpg"),
          (n) => !media.has(n) && !declaredHere.has(n),
        );
        images.push({ file: name, alt, unavailable: true });
        declaredHere.add(name);
        unavailableAs.set(url, name);
        if (!declared.has(name)) declaredFirst.push(name);
        declared.add(name);
        warnings.push(
          `${item.url}: picture ${known?.unavailable ?? "not imported (on the old host)"}: ${url}; declared unavailable as ${name}` +
            (ext ? "" : " (its type is not known: named .jpg)"),
        );
      }
      const target = /[\s()<>]/.test(name) ? `<${name}>` : name;
      return `\n\n![${alt.replace(/([[\]\\])/g, "\\$1")}](${target})\n\n`;
    };
    // Pictures are named here, in the order turndown met them (the names of content/media/ are
    // this process's), then the body converted again with each picture's Markdown in its place.
    const first = yield* converted({ html: item.html, base: item.url });
    let body = first.markdown;
    if (first.pictures.length) {
      const answers = first.pictures.map(({ src, alt }) => onPicture(src, alt));
      try {
        body = (yield* converted({ html: item.html, base: item.url, answers })).markdown;
      } catch (e) {
        // Stopped (over budget) after its pictures were named: the names it took are given back,
        // so another article with the same picture copies it rather than pointing at a copy this
        // skipped one would have made.
        for (const { to } of copies) {
          byDigest.delete(media.get(to)!);
          media.delete(to);
        }
        for (const name of declaredFirst) declared.delete(name);
        throw e;
      }
    }
    const aliases = [...new Set([item.url, ...(item.aliases ?? [])].map(oldPath))].filter(
      (a): a is string => a !== undefined,
    );
    const fm: Record<string, unknown> = {
      id,
      title: item.title,
      slug,
      category: section,
      date:
        item.publishedLocal ??
        (item.published !== undefined
          ? formatInstant(item.published, site.timeZone).slice(0, 16)
          : undatedFrom(item.url)),
      ...(item.updatedLocal !== undefined
        ? { updated: item.updatedLocal }
        : item.updated !== undefined
          ? { updated: formatInstant(item.updated, site.timeZone).slice(0, 16) }
          : item.published === undefined && item.publishedLocal === undefined
            ? { updated: today }
            : {}),
      ...(item.summary ? { summary: item.summary } : {}),
      ...(item.source ? { source: item.source.url ? item.source : item.source.name } : {}),
      ...(item.author ? { author: item.author } : {}),
      ...(tagsOf(item, site).length ? { tags: tagsOf(item, site) } : {}),
      ...(images.length ? { images } : {}),
      ...(item.draft ? { draft: true } : {}),
      ...(aliases.length ? { aliases } : {}),
    };
    // Everything above the body through the YAML writer, the note of the old URL too (a comment:
    // the writer starts each of its lines with #), so no text of the source becomes a key.
    const yaml = writeYaml(fm, { before: ` Imported from ${new URL(item.url).href}` });
    const text = `---\n${yaml.trimEnd()}\n---\n\n${body}\n`;
    return { id, slug, url: item.url, title: item.title, text, warnings, copies, unavailable: images.length };
  }
}
