/**
 * The content build: reads content/, validates everything against the schema, collects every
 * problem (never stopping at the first), compiles Markdown, and returns the model the worker
 * serves. Pure apart from reading files; writing the generated module is write.ts's job.
 *
 * The steps, in order: the site settings (`readSite`), the pictures (`readMedia`), each article
 * file on its own (article.ts `compileArticles`: front matter, validation, Markdown; on every
 * thread, threads.ts), the checks across articles (`ArticleIndex`: duplicate slugs and ids;
 * `resolveLinks`: links between articles; `checkIds`: the id ledger), and the order
 * (`newestFirst`). The content version hashes the build's code → site → media → articles, in that
 * order.
 */
import { aliasShadowsRoute } from "../../src/content/aliases.ts";
import { createHash, type Hash } from "node:crypto";
import { join, relative } from "node:path";
import type { Article, ContentModel, SiteSettings } from "../../src/content/model.ts";
import type { ArticleEntry, CompiledFile, CompileTask } from "./article.ts";
import type { ArticleOutputs } from "./outputs.ts";
import { CACHE_BUCKETS, cacheBucket, codeHash, openArticleCache } from "./cache.ts";
import { issue } from "./catalogue.ts";
import { listFiles, readText } from "./files.ts";
import { parseYaml } from "./frontmatter.ts";
import type { ContentIssue } from "./issues.ts";
import { checkLedger, readLedger, type Ledger, type LedgerCheck } from "./ledger.ts";
import { escapeHtml } from "./markdown.ts";
import { mediaFingerprints, readMedia } from "./media.ts";
import { schemaIssues, siteSchema, type SiteFile } from "./schema.ts";
import { buildPool, threadsFor } from "./threads.ts";
import { feedId, feedIdName } from "../../src/content/ids.ts";

export interface BuildResult {
  /** Undefined when any error was found: broken content never half-renders. */
  model?: ContentModel;
  issues: ContentIssue[];
  /** The id ledger with this build's new articles, when it needs writing. */
  ledger?: Ledger;
  /** public/media/ (with the model): each published name and the path its bytes come from. */
  mediaFiles?: ReadonlyMap<string, string>;
  /** What the build's threads made of each article for the store's writer (`WriteOptions.outputs`). */
  outputs?: ReadonlyMap<Article, ArticleOutputs>;
}

export interface BuildOptions {
  /** Threads to compile articles on (threads.ts `threadsFor`): by default one per core. */
  threads?: number;
}

/**
 * Files per compile task: small enough that the threads finish together (four tasks each at
 * least), large enough that a message per task costs nothing beside compiling it.
 */
function taskSize(files: number, threads: number): number {
  return Math.max(1, Math.min(256, Math.ceil(files / (threads * 4))));
}

/**
 * The model of `contentDir` under `root`, with every problem found (each with its catalogue
 * code). Reads each part once, then checks across articles; any error leaves the model out.
 */
export async function buildContent(
  root: string,
  contentDir = "content",
  options: BuildOptions = {},
): Promise<BuildResult> {
  const build: Build = {
    root,
    dir: join(root, contentDir),
    rel: (path) => relative(root, path).split("\\").join("/"),
    issues: [],
    hash: createHash("sha256"),
  };
  const { issues } = build;
  // The threads start first: they load their code while this one reads the site and the pictures.
  const names = (await listFiles(join(build.dir, "articles"))).filter((n) => n.endsWith(".md")).sort();
  const pool = buildPool(threadsFor(names.length, options.threads));
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

  // Each article's own result depends on the site besides its file, and on the pictures it looked
  // up: cached on the site, and valid while those pictures are as they were (adding a photo
  // compiles the articles that name it, not the archive). Articles are read and compiled on every
  // thread (threads.ts), some buckets of files per task; results are taken in file order.
  const cache = await openArticleCache(root, JSON.stringify(site ?? null));
  // A task holds whole buckets of the cache (cache.ts), so each bucket's file has one writer.
  const buckets = Array.from({ length: CACHE_BUCKETS }, () => [] as string[]);
  for (const name of names) buckets[cacheBucket(name)]!.push(name);
  const tasks: CompileTask[] = [];
  const size = taskSize(names.length, pool.threads);
  let chunk: string[] = [];
  for (const [b, bucket] of buckets.entries()) {
    chunk.push(...bucket);
    if (chunk.length < size && b < buckets.length - 1) continue;
    if (chunk.length)
      tasks.push({ kind: "compile", root, dir: join(build.dir, "articles"), names: chunk, site, media, cache });
    chunk = [];
  }
  const byName = new Map<string, CompiledFile>();
  for (const [t, files] of (await pool.run(tasks)).entries()) {
    tasks[t]!.names.forEach((name, i) => byName.set(name, files[i]!));
  }
  const compiled = names.map((name) => byName.get(name)!);
  const index = new ArticleIndex();
  const outputs = new Map<Article, ArticleOutputs>();
  for (const [i, file] of compiled.entries()) {
    // Each name and text (by its digest) feeds the content hash, in name order.
    build.hash.update(`article\0${names[i]}\0${file.sha256}\0`);
    issues.push(...file.result.issues);
    const { entry } = file.result;
    if (!entry) continue;
    issues.push(...index.add(entry));
    if (file.outputs) outputs.set(entry.article, file.outputs);
  }
  for (const entry of index.entries) {
    const html = entry.article.html;
    issues.push(...resolveLinks(entry, index));
    // Its record, feed size and index key were made of the HTML before its links were resolved.
    if (entry.article.html !== html) outputs.delete(entry.article);
  }
  if (!site || hasErrors(issues)) return { issues };

  const ledger = await checkIds(root, index.entries);
  issues.push(...ledger.issues);
  if (hasErrors(issues)) return { issues };

  const articles = index.entries.map((e) => e.article).sort(newestFirst);
  const model = { site, articles, version: build.hash.digest("hex").slice(0, 16) };
  return { model, mediaFiles, issues, ledger: ledger.updated, outputs };
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
