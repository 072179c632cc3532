/**
 * The content build: reads content/, validates everything against the schema, collects every
 * problem (never stopping at the first), compiles Markdown, and returns the model the worker
 * serves. Pure apart from reading files; writing the generated module is write.ts's job.
 *
 * The steps, in order: the site settings (`readSite`), the pictures (`readMedia`), the article
 * files (`readArticleFiles`), each article on its own (`readArticle`: front matter, then
 * `validateArticle`, then Markdown), the checks across articles (`ArticleIndex`: duplicate slugs
 * and ids; `resolveLinks`: links between articles; `checkIds`: the id ledger), and the order
 * (`newestFirst`). The content version hashes the build's code → site → media → articles, in that
 * order.
 */
import { aliasKey, aliasShadowsRoute } from "../../src/content/aliases.ts";
import { createHash, type Hash } from "node:crypto";
import { basename, join, relative } from "node:path";
import type { Article, ContentModel, Figure, Published, SiteSettings } from "../../src/content/model.ts";
import { codeHash, openArticleCache } from "./cache.ts";
import { issue } from "./catalogue.ts";
import { toInstant } from "./dates.ts";
import { listFiles, mapLimit, readText } from "./files.ts";
import { parseYaml, splitFrontMatter, type ParsedYaml, type Position } from "./frontmatter.ts";
import { closest, type ContentIssue } from "./issues.ts";
import { checkLedger, readLedger, type Ledger, type LedgerCheck } from "./ledger.ts";
import { compileMarkdown, escapeHtml, figureOf, type InternalLink, type MediaLookup } from "./markdown.ts";
import { MediaLookups, mediaFingerprints, readMedia } from "./media.ts";
import { encodeQr } from "./qr.ts";
import {
  ARTICLE_KEYS,
  articleSchema,
  schemaIssues,
  siteSchema,
  SLUG_RE,
  type ArticleFrontMatter,
  type SiteFile,
} from "./schema.ts";
import { deriveSummary } from "./summary.ts";
import { feedId, feedIdName } from "../../src/content/ids.ts";

export interface BuildResult {
  /** Undefined when any error was found: broken content never half-renders. */
  model?: ContentModel;
  issues: ContentIssue[];
  /** The id ledger with this build's new articles, when it needs writing. */
  ledger?: Ledger;
  /** public/media/ (with the model): each published name and the path its bytes come from. */
  mediaFiles?: ReadonlyMap<string, string>;
}

/**
 * The model of `contentDir` under `root`, with every problem found (each with its catalogue
 * code). Reads each part once, then checks across articles; any error leaves the model out.
 */
export async function buildContent(root: string, contentDir = "content"): Promise<BuildResult> {
  const build: Build = {
    root,
    dir: join(root, contentDir),
    rel: (path) => relative(root, path).split("\\").join("/"),
    issues: [],
    hash: createHash("sha256"),
  };
  const { issues } = build;
  // The build's code first: the same files built by other code may make other HTML, and the
  // version keys every cached render (KV), which must not outlive the HTML it was made from.
  build.hash.update(`code\0${await codeHash()}\0`);
  // Each of these feeds the content hash: keep them in this order.
  const site = await readSite(build);
  const {
    media,
    digests,
    files: mediaFiles,
    issues: mediaIssues,
  } = await readMedia(root, join(build.dir, "media"), build.rel);
  // A picture's part of the version is what is published of it (its variants' names carry their
  // bytes' digests), so a change in how pictures are made changes the version too.
  const fingerprint = mediaFingerprints(media);
  for (const [name, sha256] of digests) build.hash.update(`media\0${name}\0${sha256}\0${fingerprint(name)}\0`);
  issues.push(...mediaIssues);
  const files = await readArticleFiles(build);

  // Each article's own result depends on the site besides its file, and on the pictures it looked
  // up: cached on the site, and valid while those pictures are as they were (adding a photo
  // compiles the articles that name it, not the archive).
  const cache = await openArticleCache<Compiled>(root, JSON.stringify(site ?? null));
  const keys = cache ? files.map((f) => cache.key(f.name, f.source)) : [];
  const cached = cache ? await cache.read(keys) : [];
  const fresh: [string, string][] = [];
  const index = new ArticleIndex();
  for (const [i, file] of files.entries()) {
    let result = cached[i];
    if (result && !result.media?.every(([name, print]) => fingerprint(name) === print)) result = undefined;
    if (!result) {
      const own: ContentIssue[] = [];
      const lookups = new MediaLookups(media, fingerprint);
      const entry = readArticle(file, site, lookups, own);
      result = { entry: entry ?? null, issues: own, media: lookups.used() };
      // Serialised now: the checks across articles rewrite links in the article's HTML later.
      if (cache) fresh.push([keys[i]!, JSON.stringify(result)]);
    }
    issues.push(...result.issues);
    if (result.entry) issues.push(...index.add(result.entry));
  }
  await cache?.write(fresh);
  for (const entry of index.entries) issues.push(...resolveLinks(entry, index));
  if (!site || hasErrors(issues)) return { issues };

  const ledger = await checkIds(root, index.entries);
  issues.push(...ledger.issues);
  if (hasErrors(issues)) return { issues };

  const articles = index.entries.map((e) => e.article).sort(newestFirst);
  const model = { site, articles, version: build.hash.digest("hex").slice(0, 16) };
  return { model, mediaFiles, issues, ledger: ledger.updated };
}

/** What the reading steps share: where content/ is, the problems found so far, the content hash. */
interface Build {
  /** The project root. */
  root: string;
  dir: string;
  /** `path` relative to the project root, with forward slashes: content/articles/x.md */
  rel(path: string): string;
  issues: ContentIssue[];
  /** The content version: build code → site → media → articles. */
  hash: Hash;
}

/** One article file as read: its name in content/articles/, its path for reports, its text. */
interface ArticleFile {
  name: string;
  file: string;
  source: string;
}

/** One article's own result, as the cache keeps it. */
interface Compiled {
  entry: ArticleEntry | null;
  issues: ContentIssue[];
  /** The content/media/ names it looked up, with a fingerprint of what it found (media.ts). */
  media: [name: string, fingerprint: string][];
}

/** One article that passed its own checks, with what the checks across articles need. */
interface ArticleEntry {
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

const hasErrors = (issues: readonly ContentIssue[]) => issues.some((i) => i.severity === "error");

/**
 * content/site.yaml: parsed and validated against the site schema, with the feeds' permanent ids
 * derived from the site's id. Undefined when it is missing or has errors (reported).
 */
async function readSite(build: Build): Promise<SiteSettings | undefined> {
  const path = join(build.dir, "site.yaml");
  const file = build.rel(path);
  const source = await readText(path);
  if (source === undefined) {
    build.issues.push(issue("site-missing", { file, line: 1, column: 1, field: "site" }));
    return undefined;
  }
  build.hash.update(`site\0${source}\0`);
  const yaml = parseYaml(source, file, 1);
  build.issues.push(...yaml.issues);
  if (hasErrors(yaml.issues)) return undefined;
  const parsed = siteSchema.safeParse(yaml.data ?? {}, { reportInput: true });
  if (!parsed.success) {
    build.issues.push(...schemaIssues(parsed.error, yaml, file));
    return undefined;
  }
  return withFeedIds(parsed.data);
}

/** Every feed's permanent `urn:uuid:` id: the whole site's, and one per category (tags': at runtime). */
async function withFeedIds(data: SiteFile): Promise<SiteSettings> {
  const feedIds: Record<string, string> = { all: await feedId(data.id, feedIdName.all()) };
  for (const c of data.categories) feedIds[c.slug] = await feedId(data.id, feedIdName.category(c.slug));
  return { ...data, feedIds };
}

/**
 * content/articles/*.md, sorted by name, read concurrently (bounded). Each name and text feeds
 * the content hash, in name order.
 */
async function readArticleFiles(build: Build): Promise<ArticleFile[]> {
  const dir = join(build.dir, "articles");
  const names = (await listFiles(dir)).filter((n) => n.endsWith(".md")).sort();
  const sources = await mapLimit(names, 64, (name) => readText(join(dir, name)));
  return names.map((name, index) => {
    const source = sources[index]!;
    build.hash.update(`article\0${name}\0${source}\0`);
    return { name, file: build.rel(join(dir, name)), source };
  });
}

/**
 * One article on its own: front matter, validation (`validateArticle`), Markdown compiled to
 * HTML, and the article the model holds. Undefined when its front matter cannot be used (the
 * problems are reported); problems in the body are reported and the article is still returned.
 */
function readArticle(
  file: ArticleFile,
  site: SiteSettings | undefined,
  media: MediaLookup,
  issues: ContentIssue[],
): ArticleEntry | undefined {
  const front = readFrontMatter(file, issues);
  if (!front) return undefined;
  const valid = validateArticle(file, front, site, issues);
  if (!valid) return undefined;
  const { fm, slug, category } = valid;
  const { split, yaml } = front;

  const compiled = compileMarkdown({
    body: split.body,
    bodyLine: split.bodyLine,
    file: file.file,
    images: fm.images,
    media,
  });
  issues.push(...compiled.issues);
  const cover = fm.image
    ? coverOf(fm.image, compiled.figures, media, { file: file.file, ...yaml.locate(["image"]) }, issues)
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
    category,
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
    qr: encodeQr(`${site?.origin ?? ""}/articles/${slug}`),
    file: file.file,
    html: compiled.html,
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
 * The thumbnail chosen in front matter (`image:`): a file in content/media/, its alt given there or
 * taken from its figure in the body. Undefined, reported, when the file is not there.
 */
function coverOf(
  image: NonNullable<ArticleFrontMatter["image"]>,
  figures: readonly Figure[],
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
  const alt = (typeof image === "object" ? image.alt : "") || figures.find((f) => f.file === file)?.alt || "";
  if (!alt.trim()) issues.push(issue("image-alt-missing", where, { file }));
  return figureOf(file, alt, undefined, media.get(file));
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
 * schema, a slug (the file name unless `slug` is set), and a category the site has (by name or
 * slug; its slug is kept). Undefined when anything is wrong (reported).
 */
function validateArticle(
  { name, file }: ArticleFile,
  { split, yaml, data }: FrontMatter,
  site: SiteSettings | undefined,
  issues: ContentIssue[],
): { fm: ArticleFrontMatter; slug: string; category: string } | undefined {
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
  if (!site) return { fm, slug, category: fm.category };
  const found = site.categories.find((c) => c.name === fm.category || c.slug === fm.category);
  if (!found) {
    const names = site.categories.map((c) => c.name);
    const guess = closest(fm.category, [...names, ...site.categories.map((c) => c.slug)]);
    const where = { file, ...yaml.locate(["category"]), field: "category" };
    issues.push(issue("unknown-category", where, { category: fm.category, guess, names }));
    return undefined;
  }
  return { fm, slug, category: found.slug };
}

/**
 * The articles read so far, by slug, id and file name. Adding one reports a slug or id an
 * earlier article already has (the earlier one keeps it).
 */
class ArticleIndex {
  readonly entries: ArticleEntry[] = [];
  readonly bySlug = new Map<string, Article>();
  readonly byId = new Map<string, Article>();
  /** File name in content/articles/ → slug, for links written as `other.md`. */
  readonly fileSlugs = new Map<string, string>();
  /** Old URL (normal form) → the file whose alias it is. */
  readonly aliases = new Map<string, string>();

  add(entry: ArticleEntry): ContentIssue[] {
    const issues: ContentIssue[] = [];
    const { article } = entry;
    for (const { alias, key, at } of entry.aliases) {
      const where = { file: article.file, ...at, field: "aliases" };
      const other = key === undefined ? undefined : this.aliases.get(key);
      if (key === undefined) issues.push(issue("alias-invalid", where, { alias }));
      else if (aliasShadowsRoute(key)) issues.push(issue("alias-shadows-route", where, { alias }));
      else if (other !== undefined && other !== article.file)
        issues.push(issue("alias-duplicate", where, { alias, other }));
      else this.aliases.set(key, article.file);
    }
    const sameSlug = this.bySlug.get(article.slug);
    if (sameSlug) {
      const where = { file: article.file, ...entry.slugAt, field: "slug" };
      issues.push(issue("duplicate-slug", where, { slug: article.slug, other: sameSlug.file }));
    } else this.bySlug.set(article.slug, article);
    const sameId = this.byId.get(article.id);
    if (sameId) {
      const where = { file: article.file, ...entry.idAt, field: "id" };
      issues.push(issue("duplicate-id", where, { id: article.id, other: sameId.file }));
    } else this.byId.set(article.id, article);
    this.fileSlugs.set(entry.name, article.slug);
    this.entries.push(entry);
    return issues;
  }
}

/**
 * Links between articles: `other.md` becomes `/articles/<its slug>` in the HTML; a link to an
 * article that does not exist is an error at its line.
 */
function resolveLinks({ article, links }: ArticleEntry, { fileSlugs, bySlug }: ArticleIndex): ContentIssue[] {
  const issues: ContentIssue[] = [];
  for (const link of links) {
    const [target = "", fragment] = link.href.split("#");
    const slug = target.startsWith("/articles/")
      ? target.slice("/articles/".length)
      : fileSlugs.get(target.replace(/^\.\//, ""));
    if (slug === undefined || !bySlug.has(slug)) {
      const where = { file: article.file, line: link.line, column: 1, field: "body" };
      issues.push(issue("broken-link", where, { href: link.href, slugs: [...bySlug.keys()] }));
    } else if (!target.startsWith("/articles/")) {
      const resolved = `/articles/${slug}${fragment ? `#${fragment}` : ""}`;
      article.html = article.html.split(`href="${escapeHtml(link.href)}"`).join(`href="${escapeHtml(resolved)}"`);
    }
  }
  return issues;
}

/**
 * The id ledger against this build's published articles (drafts excluded, scheduled ones
 * included): a recorded id that changed or whose article is gone is an error.
 */
async function checkIds(root: string, entries: readonly ArticleEntry[]): Promise<LedgerCheck> {
  const stored = await readLedger(root);
  const idLines = new Map(entries.map((e) => [e.article, e.idAt.line]));
  const published = entries.map((e) => e.article).filter((a) => !a.draft);
  const checked = checkLedger(stored.ledger, stored.source, published, (a) => idLines.get(a) ?? 1);
  return { issues: [...stored.issues, ...checked.issues], updated: checked.updated };
}

/** Newest first; an unknown date sorts by the earliest day it allows, then by id for stability. */
export function newestFirst(a: Article, b: Article): number {
  const key = (x: Article) =>
    x.published.kind === "exact" ? Date.parse(x.published.iso) : Date.parse(x.published.notBefore ?? "1970-01-01");
  return key(b) - key(a) || a.id.localeCompare(b.id);
}
