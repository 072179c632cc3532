/**
 * One article on its own, from its file: front matter, validation, Markdown, the article the model
 * holds, with every problem found in it. Nothing here looks at another article, so articles are
 * compiled in any order, on any of the build's threads (`compileArticles`, threads.ts), with the
 * same result; the checks across articles are build.ts's.
 */
import { createHash } from "node:crypto";
import { basename, join, relative } from "node:path";
import { aliasKey } from "../../src/content/aliases.ts";
import type { Article, Figure, Published, SiteSettings } from "../../src/content/model.ts";
import { paths, url } from "../../src/content/urls.ts";
import { articleCache, cacheBucket, type CacheAt } from "./cache.ts";
import { issue } from "./catalogue.ts";
import { toInstant } from "./dates.ts";
import { readTextSync } from "./files.ts";
import { parseYaml, splitFrontMatter, type ParsedYaml, type Position } from "./frontmatter.ts";
import { closest, type ContentIssue } from "./issues.ts";
import {
  compileMarkdown,
  coverHtml,
  figureOf,
  thumbOf,
  type InternalLink,
  type MediaLookup,
  type MediaSize,
} from "./markdown.ts";
import { MediaLookups, mediaFingerprints } from "./media.ts";
import { articleOutputs, type ArticleOutputs } from "./outputs.ts";
import { encodeQr } from "./qr.ts";
import { ARTICLE_KEYS, articleSchema, schemaIssues, SLUG_RE, type ArticleFrontMatter } from "./schema.ts";
import { deriveSummary } from "./summary.ts";

/** Some of content/articles/ to compile: a task for one of the build's threads (threads.ts). */
export interface CompileTask {
  kind: "compile";
  /** The project root (problems name files relative to it) and content/articles/ in it. */
  root: string;
  dir: string;
  names: string[];
  site: SiteSettings | undefined;
  media: ReadonlyMap<string, MediaSize>;
  /** The build's cache of compiled articles (cache.ts), when it has one. */
  cache?: CacheAt;
  /** Texts to compile instead of what the files hold (build.ts `BuildOptions.stage`), by name. */
  sources?: Record<string, string>;
}

/**
 * One file compiled: its text's SHA-256 (the content version hashes it), its own result, and what
 * the store's writer makes of its article (when there is one and a site).
 */
export interface CompiledFile {
  sha256: string;
  result: Compiled;
  outputs?: ArticleOutputs;
}

/**
 * Each file of `task`, in order: read, then taken from the cache when its text, the site and the
 * pictures it looked up are as they were, else compiled (and the result cached).
 */
export function compileArticles(task: CompileTask): CompiledFile[] {
  const { root, dir, names, site, media } = task;
  const cache = task.cache && articleCache<Compiled>(task.cache);
  const fingerprint = mediaFingerprints(media);
  const sources = names.map((name) => task.sources?.[name] ?? readTextSync(join(dir, name))!);
  const digests = sources.map((source) => createHash("sha256").update(source).digest("hex"));
  const keys = cache ? names.map((name, i) => cache.key(name, digests[i]!)) : [];
  // The task holds whole buckets of the cache (build.ts): each is read once and written whole.
  const buckets = names.map(cacheBucket);
  const stored = new Map<number, Map<string, { key: string; result: Compiled }>>();
  const storedOf = (b: number) => stored.get(b) ?? stored.set(b, cache!.read(b)).get(b)!;
  const entries = new Map<number, [name: string, key: string, json: () => string | Uint8Array][]>();
  const changed = new Set<number>();
  const out = names.map((name, i): CompiledFile => {
    const b = buckets[i]!;
    const kept = cache && storedOf(b).get(name);
    let result = kept && kept.key === keys[i] ? kept.result : undefined;
    if (result && !result.media?.every(([file, print]) => fingerprint(file) === print)) result = undefined;
    const hit = result !== undefined;
    if (!result) {
      const own: ContentIssue[] = [];
      const lookups = new MediaLookups(media, fingerprint);
      const file = relative(root, join(dir, name)).split("\\").join("/");
      const seen: { front?: FrontFields } = {};
      const entry = readArticle({ name, file, source: sources[i]! }, site, lookups, own, (f) => (seen.front = f));
      result = { entry: entry ?? null, issues: own, media: lookups.used(), ...seen };
      changed.add(b);
    }
    const article = result.entry?.article;
    const outputs = article && site ? articleOutputs(article, site) : undefined;
    if (cache) {
      // Serialised now, before the checks across articles rewrite links in the article's HTML.
      // A result read from the bucket is serialised again only if the bucket is rewritten.
      const made = hit ? undefined : outputs ? cacheEntry(result, outputs.record) : JSON.stringify(result);
      const json = () => made ?? JSON.stringify(result);
      (entries.get(b) ?? entries.set(b, []).get(b)!).push([name, keys[i]!, json]);
    }
    return { sha256: digests[i]!, result, ...(outputs ? { outputs } : {}) };
  });
  for (const [b, list] of entries) {
    // Unchanged unless one of its articles was compiled again, or one it held is gone.
    if (changed.has(b) || storedOf(b).size !== list.length) {
      cache!.write(
        b,
        list.map(([name, key, json]) => [name, key, json()] as const),
      );
    }
  }
  return out;
}

/** Stands for the article in a cache entry's JSON until its record takes its place. */
const RECORD = "\u0000record\u0000";
const encoder = new TextEncoder();

/**
 * A result's cache entry, its JSON as bytes, made around the article's record (its JSON already,
 * for its pack): the article's text is serialised once, not once more for the cache.
 */
function cacheEntry(result: Compiled, record: Uint8Array): Uint8Array {
  const json = JSON.stringify({ ...result, entry: { ...result.entry, article: RECORD } });
  const at = json.indexOf(JSON.stringify(RECORD));
  const head = encoder.encode(json.slice(0, at));
  const tail = encoder.encode(json.slice(at + JSON.stringify(RECORD).length));
  const bytes = new Uint8Array(head.byteLength + record.byteLength + tail.byteLength);
  bytes.set(head);
  bytes.set(record, head.byteLength);
  bytes.set(tail, head.byteLength + record.byteLength);
  return bytes;
}

const hasErrors = (issues: readonly ContentIssue[]) => issues.some((i) => i.severity === "error");

/** One article file as read: its name in content/articles/, its path for reports, its text. */
export interface ArticleFile {
  name: string;
  file: string;
  source: string;
}

/** One article's own result, as the cache keeps it. */
export interface Compiled {
  entry: ArticleEntry | null;
  issues: ContentIssue[];
  /** The content/media/ names it looked up, with a fingerprint of what it found (media.ts). */
  media: [name: string, fingerprint: string][];
  /**
   * Its front matter's title, category, date, draft and tags as written (not validated), when the
   * front matter is a YAML map: the desk's list and tag suggestions show these
   * (scripts/desk/backend.ts) without reading the file again (issue 30, the desk at archive size).
   */
  front?: FrontFields;
}

/**
 * The front-matter fields the desk's list shows and its tag suggestions count, as written; a field
 * not written is absent.
 */
export type FrontFields = Partial<Record<"title" | "category" | "date" | "draft" | "tags", unknown>>;
const FRONT_FIELDS = ["title", "category", "date", "draft", "tags"] as const;
/** A string, a boolean, a list of strings (tags) or a map of strings (a date not known): what JSON keeps exactly. */
const keptAsIs = (v: unknown): boolean =>
  typeof v === "string" ||
  typeof v === "boolean" ||
  (Array.isArray(v) && v.every((x) => typeof x === "string")) ||
  (v !== null &&
    typeof v === "object" &&
    !Array.isArray(v) &&
    Object.getPrototypeOf(v) === Object.prototype &&
    Object.values(v).every((x) => typeof x === "string"));

/** One article that passed its own checks, with what the checks across articles need. */
export interface ArticleEntry {
  name: string;
  article: Article;
  /** Where its `id` is (or the front matter's start), for duplicate ids and the ledger. */
  idAt: Position;
  /** Where its `slug` is (or, when the file name is the slug, the front matter's start). */
  slugAt: Position;
  /** Its old URLs as written, their normal form (undefined: not a path), and where each is. */
  aliases: { alias: string; key: string | undefined; at: Position }[];
  links: InternalLink[];
}

/**
 * One article on its own: front matter, validation (`validateArticle`), Markdown compiled to
 * HTML, and the article the model holds. Undefined when its front matter cannot be used (the
 * problems are reported); problems in the body are reported and the article is still returned.
 */
export function readArticle(
  file: ArticleFile,
  site: SiteSettings | undefined,
  media: MediaLookup,
  issues: ContentIssue[],
  /** Told the front matter's fields the desk lists (`FrontFields`) when it is a YAML map. */
  listed?: (fields: FrontFields) => void,
): ArticleEntry | undefined {
  const front = readFrontMatter(file, issues);
  if (!front) return undefined;
  // An empty front matter (no map written) is one the desk cannot read, and a field JSON would
  // not keep as it is (a number, .inf) one it reads from the file: nothing to tell it then.
  const data = front.yaml.data as Record<string, unknown> | null | undefined;
  if (listed && data !== null && typeof data === "object") {
    const fields = FRONT_FIELDS.filter((k) => Object.hasOwn(data, k)).map((k) => [k, data[k]] as const);
    if (fields.every(([, v]) => keptAsIs(v))) listed(Object.fromEntries(fields));
  }
  const valid = validateArticle(file, front, site, issues);
  if (!valid) return undefined;
  const { fm, slug, section } = valid;
  const { split, yaml } = front;

  const compiled = compileMarkdown({
    body: split.body,
    bodyLine: split.bodyLine,
    file: file.file,
    images: fm.images,
    ...(fm.image ? { cover: typeof fm.image === "string" ? fm.image : fm.image.file } : {}),
    media,
  });
  issues.push(...compiled.issues);
  const cover = fm.image
    ? coverOf(fm.image, compiled.figures, fm.images, media, { file: file.file, ...yaml.locate(["image"]) }, issues)
    : undefined;
  const timeZone = site?.timeZone ?? "UTC";
  const published: Published =
    typeof fm.date === "string"
      ? { kind: "exact", iso: toInstant(fm.date, timeZone) }
      : { kind: "unknown", ...fm.date };

  const article: Article = {
    id: fm.id,
    slug,
    title: fm.title,
    category: section,
    summary: fm.summary ?? deriveSummary(compiled.text),
    ...(typeof fm.source === "string" ? { source: fm.source } : {}),
    ...(typeof fm.source === "object" ? { source: fm.source.name, sourceUrl: fm.source.url } : {}),
    ...(fm.author ? { author: fm.author } : {}),
    tags: fm.tags,
    published,
    ...(fm.updated ? { updated: toInstant(fm.updated, timeZone) } : {}),
    draft: fm.draft,
    headings: compiled.headings,
    figures: compiled.figures,
    ...(cover ? { cover } : {}),
    qr: encodeQr(url({ origin: site?.origin ?? "" }, paths.article(slug))),
    file: file.file,
    html: compiled.html,
    // The cover above the body, unless the body places it itself (it would show twice).
    ...(cover && !compiled.figures.some((f) => f.file === cover.file)
      ? { coverHtml: coverHtml(cover.file, cover.alt, media.get(cover.file)) }
      : {}),
  };
  const aliases: ArticleEntry["aliases"] = fm.aliases.map((alias, i) => ({
    alias,
    key: aliasKey(alias),
    at: yaml.locate(["aliases", i]),
  }));
  const keys = aliases.flatMap((a) => (a.key ? [a.key] : []));
  if (keys.length) article.aliases = [...new Set(keys)];
  return {
    name: file.name,
    article,
    idAt: yaml.locate(["id"]),
    slugAt: yaml.locate(fm.slug ? ["slug"] : []),
    aliases,
    links: compiled.links,
  };
}

/**
 * The cover chosen in front matter (`image:`): a file in content/media/, its alt given there, in
 * its images: declaration or by its figure in the body. Undefined, reported, when the file is not
 * there. It carries its small variant for the lists' thumbnails.
 */
function coverOf(
  image: NonNullable<ArticleFrontMatter["image"]>,
  figures: readonly Figure[],
  declared: ArticleFrontMatter["images"],
  media: MediaLookup,
  at: { file: string; line: number; column: number },
  issues: ContentIssue[],
): Figure | undefined {
  const file = typeof image === "string" ? image : image.file;
  const where = { ...at, field: "image" };
  if (!media.has(file)) {
    issues.push(issue("missing-media", where, { file, inline: true }));
    return undefined;
  }
  const alt =
    (typeof image === "object" ? image.alt : "") ||
    declared.find((d) => d.file === file)?.alt ||
    figures.find((f) => f.file === file)?.alt ||
    "";
  if (!alt.trim()) issues.push(issue("image-alt-missing", where, { file }));
  const thumb = thumbOf(media.get(file));
  return { ...figureOf(file, alt, undefined, media.get(file)), ...(thumb ? { thumb } : {}) };
}

interface FrontMatter {
  split: Exclude<ReturnType<typeof splitFrontMatter>, { error: unknown }>;
  yaml: ParsedYaml;
  /** The front matter's fields, not yet validated. */
  data: object;
}

/** The front matter split from the body and parsed: a YAML map, else undefined (reported). */
function readFrontMatter({ file, source }: ArticleFile, issues: ContentIssue[]): FrontMatter | undefined {
  const split = splitFrontMatter(source);
  if ("error" in split) {
    issues.push(issue(split.error, { file, line: split.line, column: 1, field: "front matter" }));
    return undefined;
  }
  const yaml = parseYaml(split.yaml ?? "", file, split.yamlLine);
  issues.push(...yaml.issues);
  if (hasErrors(yaml.issues)) return undefined;
  const data = yaml.data ?? {};
  if (typeof data !== "object" || Array.isArray(data)) {
    issues.push(issue("front-matter-not-map", { file, line: split.yamlLine, column: 1, field: "front matter" }));
    return undefined;
  }
  return { split, yaml, data };
}

/**
 * The front matter against the article schema and the site: unknown fields (warnings), the
 * schema, a slug (the file name unless `slug` is set), and a section the site has (its `category`,
 * by name or slug; the section's slug is kept). Undefined when anything is wrong (reported).
 */
function validateArticle(
  { name, file }: ArticleFile,
  { split, yaml, data }: FrontMatter,
  site: SiteSettings | undefined,
  issues: ContentIssue[],
): { fm: ArticleFrontMatter; slug: string; section: string } | undefined {
  for (const key of Object.keys(data)) {
    if (ARTICLE_KEYS.includes(key)) continue;
    const where = { file, ...yaml.locateKey(key), field: key };
    issues.push(issue("unknown-field", where, { guess: closest(key, ARTICLE_KEYS), known: ARTICLE_KEYS }));
  }
  const parsed = articleSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) {
    issues.push(...schemaIssues(parsed.error, yaml, file));
    return undefined;
  }
  const fm = parsed.data;
  const slug = fm.slug ?? basename(name, ".md");
  if (!fm.slug && !SLUG_RE.test(slug)) {
    const where = { file, line: split.yamlLine, column: 1, field: "slug" };
    issues.push(issue("invalid-slug", where, { name: basename(name, ".md") }));
    return undefined;
  }
  if (!site) return { fm, slug, section: fm.category };
  const found = site.categories.find((c) => c.name === fm.category || c.slug === fm.category);
  if (!found) {
    const names = site.categories.map((c) => c.name);
    const guess = closest(fm.category, [...names, ...site.categories.map((c) => c.slug)]);
    const where = { file, ...yaml.locate(["category"]), field: "category" };
    issues.push(issue("unknown-category", where, { category: fm.category, guess, names }));
    return undefined;
  }
  return { fm, slug, section: found.slug };
}
