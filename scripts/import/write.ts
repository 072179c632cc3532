/**
 * Imported articles as the documented Markdown files: a permanent id derived from the old URL
 * (UUID v5, RFC 9562 §5.5, so importing again finds the same article), the section from what the
 * source says or `--category`, the date as the source states it (or the "not known" form), tags,
 * the old path as an alias (answered 301 by the worker), and the body converted to Markdown by
 * turndown with GitHub-flavoured tables. Pictures the source links are not imported (a warning
 * names each): never a broken <img>.
 */
import { createHash } from "node:crypto";
import { gfm } from "@joplin/turndown-plugin-gfm";
import TurndownService from "turndown";
import { stringify } from "yaml";
import { aliasKey, aliasShadowsRoute } from "../../src/content/aliases.ts";
import { formatInstant } from "../content/dates.ts";
import { slugify } from "../content/scaffold.ts";
import type { Imported } from "./imported.ts";

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
}

const turndown = new TurndownService({ headingStyle: "atx", bulletListMarker: "-", codeBlockStyle: "fenced" });
turndown.use(gfm);
// Pictures are not imported from a feed (they live on the old host): dropped, each reported.
turndown.addRule("no-pictures", { filter: "img", replacement: () => "" });
turndown.remove(["script", "style", "iframe"]);

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
  if (key === "/") return parsed.search ? `/${parsed.search}` : undefined;
  if (aliasShadowsRoute(key)) return undefined;
  return key + parsed.search;
}

/** An item's tags: its categories that are not sections of the site (those choose the section). */
function tagsOf(item: Imported, site: Site): string[] {
  const sections = new Set(site.categories.flatMap((c) => [c.name, c.slug]));
  return [...new Set(item.tags.filter((t) => !sections.has(t)))];
}

/** The section an item belongs to: a category it names that is a section, else the fallback. */
function sectionOf(item: Imported, site: Site, fallback: string | undefined): string | undefined {
  for (const name of item.categories) {
    const found = site.categories.find((c) => c.name === name || c.slug === name);
    if (found) return found.name;
  }
  return fallback;
}

/**
 * The files for `items`: an article already present (by id, in `present`) keeps its slug; a new
 * one's slug is made unique among the others and `takenSlugs` (a suffix, reported),
 * links between the imported pages rewritten to their new URLs. `today` (YYYY-MM-DD) is the
 * `updated` of an article whose publication date the source does not state.
 */
export function planArticles(
  items: readonly Imported[],
  site: Site,
  {
    category,
    takenSlugs,
    present = new Map(),
    today,
  }: { category?: string; takenSlugs: ReadonlySet<string>; present?: ReadonlyMap<string, string>; today: string },
): { planned: Planned[]; skipped: string[] } {
  const planned: Planned[] = [];
  const skipped: string[] = [];
  const slugs = new Set(takenSlugs);
  const newUrl = new Map<string, string>();
  const drafts: { item: Imported; id: string; slug: string; section: string; warnings: string[] }[] = [];
  for (const item of items) {
    const section = sectionOf(item, site, category);
    if (!section) {
      skipped.push(
        `${item.url}: no section (its categories ${JSON.stringify(item.categories)} match none; pass --category)`,
      );
      continue;
    }
    const warnings: string[] = [];
    const id = uuidv5(item.url);
    const base = slugify(item.title) || `article-${id.slice(0, 8)}`;
    let slug = present.get(id) ?? base;
    if (!present.has(id)) {
      for (let n = 2; slugs.has(slug); n++) slug = `${base}-${n}`;
      if (slug !== base) warnings.push(`${item.url}: the slug ${base} is taken, ${slug} chosen`);
    }
    slugs.add(slug);
    newUrl.set(item.url, `/articles/${slug}`);
    for (const m of item.html.matchAll(/<img\b[^>]*\bsrc="([^"]*)"/gi))
      warnings.push(`${item.url}: picture not imported (on the old host): ${m[1]}`);
    drafts.push({ item, id, slug, section, warnings });
  }
  for (const { item, id, slug, section, warnings } of drafts) {
    let body = turndown.turndown(item.html).trim();
    // Links to other imported pages go to their new URLs.
    for (const [old, now] of newUrl) body = body.split(`](${old})`).join(`](${now})`);
    const aliases = [...new Set([item.url, ...(item.aliases ?? [])].map(oldPath))].filter(
      (a): a is string => a !== undefined,
    );
    const fm: Record<string, unknown> = {
      id,
      title: item.title,
      slug,
      category: section,
      date:
        item.published !== undefined
          ? formatInstant(item.published, site.timeZone).slice(0, 16)
          : undatedFrom(item.url),
      ...(item.updated !== undefined
        ? { updated: formatInstant(item.updated, site.timeZone).slice(0, 16) }
        : item.published === undefined
          ? { updated: today }
          : {}),
      ...(item.summary ? { summary: item.summary } : {}),
      ...(item.source ? { source: item.source.url ? item.source : item.source.name } : {}),
      ...(item.author ? { author: item.author } : {}),
      ...(tagsOf(item, site).length ? { tags: tagsOf(item, site) } : {}),
      ...(item.draft ? { draft: true } : {}),
      ...(aliases.length ? { aliases } : {}),
    };
    const text = `---\n# Imported from ${item.url}\n${stringify(fm).trimEnd()}\n---\n\n${body}\n`;
    planned.push({ id, slug, url: item.url, title: item.title, text, warnings });
  }
  return { planned, skipped };
}
