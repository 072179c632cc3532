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
import { paths } from "../../src/content/urls.ts";
import { readFileSync, statSync } from "node:fs";
import type { ArticleEntry, CompiledFile, CompileTask, FrontFields } from "./article.ts";
import type { ArticleOutputs } from "./outputs.ts";
import { CACHE_BUCKETS, cacheBucket, codeHash, openArticleCache, type CacheAt } from "./cache.ts";
import {
  asEntry,
  readManifest,
  storedArticle,
  unchanged,
  writeManifest,
  type BucketEntries,
  type Manifest,
  type SourceEntry,
} from "./manifest.ts";
import type { MediaSize } from "./markdown.ts";
import { packRecord } from "./pack.ts";
import { feedItemBytes } from "../../src/render/feeds/size.ts";
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
  /** Why an incremental build compiled everything (the manifest was unusable), in one line. */
  note?: string;
  /** How many article files this build read and compiled. */
  compiled?: number;
  /**
   * Each article file as this incremental build knew it: its size and time as stat saw them before
   * it was read, when, and its text's SHA-256 (last-build.ts keeps them to tell a build that would
   * change nothing). Absent when a file went during the build, or the build was not incremental.
   */
  sources?: ReadonlyMap<string, SourceEntryStat>;
}

/** What a build knew of one article file (`BuildResult.sources`). */
export type SourceEntryStat = Pick<SourceEntry, "size" | "mtimeMs" | "statAt" | "sha256">;

export interface BuildOptions {
  /** Threads to compile articles on (threads.ts `threadsFor`): by default one per core. */
  threads?: number;
  /**
   * Read and keep the manifest of sources (manifest.ts): files as they were are not read again,
   * and the model's articles from it carry no body (their records are in `outputs`). What
   * `npm run build` and `npm run dev` do; off, every file is read (tests, the desk's staged check).
   */
  incremental?: boolean;
  /**
   * One article file as it would be (`text` in content/articles/`name`), checked with the rest as
   * they are on disk, without writing it or the manifest (the desk's save: its problems are the
   * ones `npm run check` would report once it is written). With `incremental`, the other files
   * come from the manifest as usual: the check compiles this one file.
   */
  stage?: { name: string; text: string };
  /**
   * Article files' sizes and times taken already, before anything was read (last-build.ts, which
   * looked at them first): not taken again. Files not in it are stat'ed as usual.
   */
  stats?: ReadonlyMap<string, Stat>;
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
  const articlesDir = join(build.dir, "articles");
  const { stage } = options;
  const listed = (await listFiles(articlesDir)).filter((n) => n.endsWith(".md"));
  const names = (stage && !listed.includes(stage.name) ? [...listed, stage.name] : listed).sort();
  // The threads start first, while this one reads the site and the pictures (they load their
  // code meanwhile); an incremental build knows only later whether it needs them at all.
  if (!options.incremental) buildPool(threadsFor(names.length, options.threads));
  // The build's code first: the same files built by other code may make other HTML, and the
  // version keys every cached render (KV), which must not outlive the HTML it was made from.
  const code = await codeHash();
  build.hash.update(`code\0${code}\0`);
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
  // up. The manifest of sources (manifest.ts) keeps it for a file whose size and time are as they
  // were: such a file is not read again (an incremental build).
  const siteJson = JSON.stringify(site ?? null);
  const keyed = { code, site: createHash("sha256").update(siteJson).digest("hex"), dir: contentDir };
  const read = options.incremental ? readManifest(root, keyed) : {};
  const manifest = read.manifest;
  const stats = options.incremental ? statAll(articlesDir, names, options.stats) : undefined;
  const sources = manifest ? sourcesOf(articlesDir, names, stats!, manifest, fingerprint) : undefined;
  let toCompile = sources ? sources.compile : names;
  if (stage && !toCompile.includes(stage.name)) toCompile = [...toCompile, stage.name].sort();
  const compiledNow = await compileFiles(root, articlesDir, toCompile, site, media, options.threads, {
    // From nothing, every file through the article cache (cache.ts); a few files need no cache.
    cache: manifest || stage ? undefined : await openArticleCache(root, siteJson),
    ...(stage ? { sources: { [stage.name]: stage.text } } : {}),
  });
  const items: Item[] = names.flatMap((name): Item[] => {
    const fresh = compiledNow.get(name);
    if (fresh) return [freshItem(name, fresh)];
    const kept = sources?.reuse.get(name);
    return kept ? [storedItem(name, kept, manifest!)] : [];
  });

  let cross = crossCheck(items);
  // A stored article whose links now lead elsewhere (or nowhere) is compiled again: its record's
  // HTML holds the targets it had.
  const relink = items.filter(
    (it) =>
      it.stored &&
      it.entry &&
      JSON.stringify(resolutions(it.entry, cross.index)) !== JSON.stringify(it.stored.resolved ?? []),
  );
  if (relink.length) {
    const again = await compileFiles(
      root,
      articlesDir,
      relink.map((it) => it.name),
      site,
      media,
      options.threads,
      stage ? { sources: { [stage.name]: stage.text } } : {},
    );
    for (const [i, it] of items.entries()) {
      const fresh = again.get(it.name);
      if (fresh) items[i] = freshItem(it.name, fresh);
    }
    cross = crossCheck(items);
  }
  const { index } = cross;
  issues.push(...cross.issues);
  const outputs = new Map<Article, ArticleOutputs>();
  for (const it of items) {
    // Each name and text (by its digest) feeds the content hash, in name order.
    build.hash.update(`article\0${it.name}\0${it.sha256}\0`);
    if (it.entry && it.outputs) outputs.set(it.entry.article, it.outputs);
  }
  for (const it of items) {
    if (!it.entry) continue;
    const html = it.entry.article.html;
    // A stored article's HTML is in its record, resolved as it still is (`relink`).
    issues.push(...resolveLinks(it.entry, index, !it.stored));
    // Its record, feed size and index key were made of the HTML before its links were resolved.
    if (it.entry.article.html !== html) outputs.delete(it.entry.article);
  }
  // A staged file is not on disk: the manifest keeps what is.
  if (options.incremental && !stage) {
    keepManifest(root, keyed, items, index, stats!, site, outputs, manifest, sources?.dirty);
  }
  const note = read.why;
  if (!site || hasErrors(issues)) return { issues, note, compiled: compiledNow.size + relink.length };

  const ledger = await checkIds(root, index.entries);
  issues.push(...ledger.issues);
  if (hasErrors(issues)) return { issues, note, compiled: compiledNow.size + relink.length };

  const articles = index.entries.map((e) => e.article).sort(newestFirst);
  const model = { site, articles, version: build.hash.digest("hex").slice(0, 16) };
  const known =
    stats && !stage && items.length === names.length && items.every((it) => stats.get(it.name)!.size >= 0)
      ? new Map(items.map((it) => [it.name, { ...stats.get(it.name)!, sha256: it.sha256 }]))
      : undefined;
  return {
    model,
    mediaFiles,
    issues,
    ledger: ledger.updated,
    outputs,
    note,
    compiled: compiledNow.size + relink.length,
    ...(known ? { sources: known } : {}),
  };
}

/** One article file in this build: compiled now, or as the manifest of sources keeps it (`stored`). */
interface Item {
  name: string;
  sha256: string;
  /** Its own problems, in the order found. */
  issues: ContentIssue[];
  entry?: ArticleEntry;
  outputs?: ArticleOutputs;
  media: [string, string][];
  /**
   * Its front matter's fields as the desk lists them (article.ts `FrontFields`): a stored one's
   * are in the manifest (`Manifest.front`), read only when its bucket is written again.
   */
  front?: FrontFields;
  stored?: SourceEntry;
}

function freshItem(name: string, file: CompiledFile): Item {
  const { entry, issues, media, front } = file.result;
  return {
    name,
    sha256: file.sha256,
    issues,
    media,
    ...(front ? { front } : {}),
    ...(entry ? { entry } : {}),
    ...(file.outputs ? { outputs: file.outputs } : {}),
  };
}

function storedItem(name: string, stored: SourceEntry, manifest: Manifest): Item {
  const entry = stored.entry && asEntry(stored.entry);
  const record = stored.record;
  return {
    name,
    sha256: stored.sha256,
    issues: stored.issues,
    media: stored.media,
    stored,
    ...(entry ? { entry } : {}),
    // Its record is read only when a store file holding it is made (write.ts).
    ...(record
      ? {
          outputs: {
            get record() {
              return manifest.record(name);
            },
            feedBytes: record.feedBytes,
            indexKey: record.indexKey,
            stored: true,
          },
        }
      : {}),
  };
}

/** The checks across articles, in file order: each file's own problems, then what adding it found. */
function crossCheck(items: readonly Item[]): { index: ArticleIndex; issues: ContentIssue[] } {
  const index = new ArticleIndex();
  const issues: ContentIssue[] = [];
  for (const it of items) {
    issues.push(...it.issues);
    if (it.entry) issues.push(...index.add(it.entry));
  }
  return { index, issues };
}

/** What an incremental build does with each file: compile it, or take what the manifest keeps. */
function sourcesOf(
  dir: string,
  names: readonly string[],
  stats: ReadonlyMap<string, Stat>,
  manifest: Manifest,
  fingerprint: (name: string) => string,
): { compile: string[]; reuse: Map<string, SourceEntry>; dirty: Set<number> } {
  const compile: string[] = [];
  const reuse = new Map<string, SourceEntry>();
  const dirty = new Set<number>();
  for (const name of names) {
    const st = stats.get(name)!;
    const kept = manifest.entries.get(name);
    if (kept && kept.media.every(([file, print]) => fingerprint(file) === print)) {
      if (unchanged(kept, st)) {
        reuse.set(name, kept);
        continue;
      }
      // Touched, or written too close to when it was read: its text decides.
      if (kept.size === st.size) {
        const text = readFileSync(join(dir, name));
        if (createHash("sha256").update(text).digest("hex") === kept.sha256) {
          reuse.set(name, { ...kept, ...st });
          dirty.add(cacheBucket(name));
          continue;
        }
      }
    }
    compile.push(name);
    dirty.add(cacheBucket(name));
  }
  for (const name of manifest.entries.keys()) if (!stats.has(name)) dirty.add(cacheBucket(name));
  return { compile, reuse, dirty };
}

type Stat = Pick<SourceEntry, "size" | "mtimeMs" | "statAt">;

/**
 * Each file's size and time, taken before it is read: a file written during the build is read by
 * the next. Those in `taken` were taken earlier in this build.
 */
function statAll(dir: string, names: readonly string[], taken?: ReadonlyMap<string, Stat>): Map<string, Stat> {
  const stats = new Map<string, Stat>();
  for (const name of names) {
    const was = taken?.get(name);
    if (was) {
      stats.set(name, was);
      continue;
    }
    const statAt = Date.now();
    const st = statSync(join(dir, name), { throwIfNoEntry: false });
    // Gone since the listing: its size and time are unknown, so the next build reads it again.
    stats.set(name, st ? { size: st.size, mtimeMs: st.mtimeMs, statAt } : { size: -1, mtimeMs: -1, statAt });
  }
  return stats;
}

/**
 * Compiles `names` (build.ts's order) on the build's threads: whole buckets of the article cache
 * per task when there is a cache, so each bucket file has one writer. Results by name.
 */
async function compileFiles(
  root: string,
  dir: string,
  names: readonly string[],
  site: SiteSettings | undefined,
  media: ReadonlyMap<string, MediaSize>,
  threads: number | undefined,
  { cache, sources }: { cache?: CacheAt; sources?: Record<string, string> },
): Promise<Map<string, CompiledFile>> {
  const byName = new Map<string, CompiledFile>();
  if (!names.length) return byName;
  const pool = buildPool(threadsFor(names.length, threads));
  const buckets = Array.from({ length: CACHE_BUCKETS }, () => [] as string[]);
  for (const name of names) buckets[cacheBucket(name)]!.push(name);
  const tasks: CompileTask[] = [];
  const size = taskSize(names.length, pool.threads);
  let chunk: string[] = [];
  for (const [b, bucket] of buckets.entries()) {
    chunk.push(...bucket);
    if (chunk.length < size && b < buckets.length - 1) continue;
    if (chunk.length) {
      const texts = sources && Object.fromEntries(chunk.flatMap((n) => (n in sources ? [[n, sources[n]!]] : [])));
      tasks.push({
        kind: "compile",
        root,
        dir,
        names: chunk,
        site,
        media,
        ...(cache ? { cache } : {}),
        ...(texts && Object.keys(texts).length ? { sources: texts } : {}),
      });
    }
    chunk = [];
  }
  for (const [t, files] of (await pool.run(tasks)).entries()) {
    tasks[t]!.names.forEach((name, i) => byName.set(name, files[i]!));
  }
  return byName;
}

/**
 * Writes the manifest of sources: every bucket holding a file compiled, touched, added or gone
 * (`dirty`; all of them when the build started from nothing).
 */
function keepManifest(
  root: string,
  keyed: { code: string; site: string; dir: string },
  items: readonly Item[],
  index: ArticleIndex,
  stats: ReadonlyMap<string, Stat>,
  site: SiteSettings | undefined,
  outputs: ReadonlyMap<Article, ArticleOutputs>,
  manifest: Manifest | undefined,
  dirty: ReadonlySet<number> | undefined,
): void {
  const buckets = new Map<number, BucketEntries>();
  if (!dirty) for (let b = 0; b < CACHE_BUCKETS; b++) buckets.set(b, new Map());
  else for (const b of dirty) buckets.set(b, new Map());
  for (const it of items) {
    const bucket = buckets.get(cacheBucket(it.name));
    if (!bucket) continue;
    const { entry } = it;
    const front = it.stored ? manifest?.front(it.name) : it.front;
    const kept: Omit<SourceEntry, "record"> = {
      ...stats.get(it.name)!,
      sha256: it.sha256,
      issues: it.issues,
      media: it.media,
      ...(entry
        ? {
            entry: { ...entry, article: storedArticle(entry.article) },
            resolved: resolutions(entry, index),
          }
        : {}),
    };
    if (!entry || !site) {
      bucket.set(it.name, { entry: kept, ...(front ? { front } : {}) });
      continue;
    }
    const made = outputs.get(entry.article);
    const record = made ? made.record : packRecord(entry.article);
    const feedBytes = made ? made.feedBytes : feedItemBytes(entry.article, site);
    bucket.set(it.name, { entry: kept, ...(front ? { front } : {}), record, feedBytes });
  }
  writeManifest(root, keyed, buckets, dirty !== undefined);
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

/** Every feed's permanent `urn:uuid:` id: the whole site's, and one per section (tags': at runtime). */
async function withFeedIds(data: SiteFile): Promise<SiteSettings> {
  const feedIds: Record<string, string> = { all: await feedId(data.id, feedIdName.all()) };
  for (const c of data.categories) feedIds[c.slug] = await feedId(data.id, feedIdName.section(c.slug));
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

/** Where a link leads: the slug of the article it names, or undefined when there is none. */
function resolveLink(href: string, { fileSlugs, bySlug }: ArticleIndex): string | undefined {
  const [target = ""] = href.split("#");
  const slug = target.startsWith("/articles/")
    ? target.slice("/articles/".length)
    : fileSlugs.get(target.replace(/^\.\//, ""));
  return slug !== undefined && bySlug.has(slug) ? slug : undefined;
}

/** Each link of an article as it resolves against `index` (the manifest keeps them with its record). */
function resolutions({ links }: Pick<ArticleEntry, "links">, index: ArticleIndex): (string | null)[] {
  return links.map((l) => resolveLink(l.href, index) ?? null);
}

/**
 * Links between articles: `other.md` becomes `/articles/<its slug>` in the HTML (unless `rewrite`
 * is false: a stored article's HTML, in its record, was rewritten when it was made); a link to an
 * article that does not exist is an error at its line.
 */
function resolveLinks({ article, links }: ArticleEntry, index: ArticleIndex, rewrite = true): ContentIssue[] {
  const issues: ContentIssue[] = [];
  for (const link of links) {
    const [target = "", fragment] = link.href.split("#");
    const slug = resolveLink(link.href, index);
    if (slug === undefined) {
      const where = { file: article.file, line: link.line, column: 1, field: "body" };
      issues.push(issue("broken-link", where, { href: link.href, slugs: [...index.bySlug.keys()] }));
    } else if (rewrite && !target.startsWith(paths.article(""))) {
      const resolved = paths.article(slug) + (fragment ? `#${fragment}` : "");
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
  const published: Article[] = [];
  for (const e of entries) if (!e.article.draft) published.push(e.article);
  // Lines are asked for only when a recorded id changed: the map is made then.
  let idLines: Map<Article, number> | undefined;
  const idLine = (a: Article) => (idLines ??= new Map(entries.map((e) => [e.article, e.idAt.line]))).get(a) ?? 1;
  const checked = checkLedger(stored.ledger, stored.source, published, idLine);
  return { issues: [...stored.issues, ...checked.issues], updated: checked.updated };
}

/** Newest first; an unknown date sorts by the earliest day it allows, then by id for stability. */
export function newestFirst(a: Article, b: Article): number {
  const key = (x: Article) =>
    x.published.kind === "exact" ? Date.parse(x.published.iso) : Date.parse(x.published.notBefore ?? "1970-01-01");
  return key(b) - key(a) || a.id.localeCompare(b.id);
}
