/**
 * The content build: reads content/, validates everything against the schema, collects every
 * problem (never stopping at the first), compiles Markdown, and returns the model the worker
 * serves. Pure apart from reading files; writing the generated module is write.ts's job.
 */
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { basename, join, relative } from "node:path";
import type { z } from "zod";
import type { Article, ContentModel, Published, SiteSettings } from "../../src/content/model.ts";
import { toInstant } from "./dates.ts";
import { parseYaml, splitFrontMatter, type ParsedYaml } from "./frontmatter.ts";
import { closest, type ContentIssue } from "./issues.ts";
import { checkLedger, readLedger, type Ledger } from "./ledger.ts";
import { imageSize } from "image-size";
import { compileMarkdown, escapeHtml, type InternalLink, type MediaSize } from "./markdown.ts";
import { ARTICLE_KEYS, articleSchema, hintFor, siteSchema, SLUG_RE } from "./schema.ts";
import { encodeQr } from "./qr.ts";
import { deriveSummary } from "./summary.ts";
import { uuidV5 } from "./uuid.ts";

export interface BuildResult {
  /** Undefined when any error was found: broken content never half-renders. */
  model?: ContentModel;
  issues: ContentIssue[];
  /** The id ledger with this build's new articles, when it needs writing. */
  ledger?: Ledger;
}

export async function buildContent(root: string, contentDir = "content"): Promise<BuildResult> {
  const dir = join(root, contentDir);
  const rel = (path: string) => relative(root, path).split("\\").join("/");
  const issues: ContentIssue[] = [];
  const hash = createHash("sha256");

  const siteFile = join(dir, "site.yaml");
  const siteSource = await readText(siteFile);
  let site: SiteSettings | undefined;
  if (siteSource === undefined) {
    issues.push({
      severity: "error", file: rel(siteFile), line: 1, column: 1, field: "site",
      message: "the site settings file is missing", hint: "create content/site.yaml (see README)",
    });
  } else {
    hash.update(`site\0${siteSource}\0`);
    const yaml = parseYaml(siteSource, rel(siteFile), 1);
    issues.push(...yaml.issues);
    if (yaml.issues.every((i) => i.severity !== "error")) {
      const parsed = siteSchema.safeParse(yaml.data ?? {}, { reportInput: true });
      if (parsed.success) {
        const data = parsed.data;
        const feedIds: Record<string, string> = { all: `urn:uuid:${uuidV5(data.id, "feed")}` };
        for (const c of data.categories) feedIds[c.slug] = `urn:uuid:${uuidV5(data.id, `category:${c.slug}`)}`;
        site = { ...data, feedIds };
      }
      else issues.push(...schemaIssues(parsed.error, yaml, rel(siteFile)));
    }
  }

  const media = new Map<string, MediaSize>();
  for (const name of (await listFiles(join(dir, "media"))).sort()) {
    const bytes = await readFile(join(dir, "media", name));
    hash.update(`media\0${name}\0${createHash("sha256").update(bytes).digest("hex")}\0`);
    media.set(name, sizeOf(bytes));
  }

  const articlesDir = join(dir, "articles");
  const names = (await listFiles(articlesDir)).filter((n) => n.endsWith(".md")).sort();
  const articles: Article[] = [];
  const bySlug = new Map<string, Article>();
  const byId = new Map<string, Article>();
  const idLines = new Map<Article, number>();
  const bodyLinks = new Map<Article, InternalLink[]>();
  const fileSlugs = new Map<string, string>();

  // Read concurrently (bounded), validate in order.
  const sources = await mapLimit(names, 64, (name) => readText(join(articlesDir, name)));
  for (const [index, name] of names.entries()) {
    const path = join(articlesDir, name);
    const file = rel(path);
    const source = sources[index]!;
    hash.update(`article\0${name}\0${source}\0`);
    const split = splitFrontMatter(source);
    if ("error" in split) {
      issues.push({ severity: "error", file, line: split.line, column: 1, field: "front matter", message: split.error,
        hint: "start the file with ---, the fields (title: …), then --- and the Markdown body" });
      continue;
    }
    const yaml = parseYaml(split.yaml ?? "", file, split.yamlLine);
    issues.push(...yaml.issues);
    if (yaml.issues.some((i) => i.severity === "error")) continue;

    const data = yaml.data ?? {};
    if (typeof data !== "object" || Array.isArray(data)) {
      issues.push({ severity: "error", file, line: split.yamlLine, column: 1, field: "front matter",
        message: "must be a map of fields", hint: "write one `field: value` per line" });
      continue;
    }
    for (const key of Object.keys(data)) {
      if (ARTICLE_KEYS.includes(key)) continue;
      const guess = closest(key, ARTICLE_KEYS);
      issues.push({ severity: "warning", file, ...yaml.locateKey(key), field: key, message: "unknown field, ignored",
        hint: guess ? `did you mean \`${guess}\`?` : `known fields: ${ARTICLE_KEYS.join(", ")}` });
    }
    const parsed = articleSchema.safeParse(data, { reportInput: true });
    if (!parsed.success) {
      issues.push(...schemaIssues(parsed.error, yaml, file));
      continue;
    }
    const fm = parsed.data;
    const slug = fm.slug ?? basename(name, ".md");
    if (!fm.slug && !SLUG_RE.test(slug)) {
      issues.push({ severity: "error", file, line: split.yamlLine, column: 1, field: "slug",
        message: `the file name "${basename(name, ".md")}" is not a valid slug`,
        hint: "rename the file to lowercase ASCII with hyphens (e.g. chancheng-news.md), or set slug:" });
      continue;
    }

    let category = fm.category;
    if (site) {
      const found = site.categories.find((c) => c.name === fm.category || c.slug === fm.category);
      if (!found) {
        const names = site.categories.map((c) => c.name);
        const guess = closest(fm.category, [...names, ...site.categories.map((c) => c.slug)]);
        issues.push({ severity: "error", file, ...yaml.locate(["category"]), field: "category",
          message: `unknown category "${fm.category}"`,
          hint: `${guess ? `did you mean ${guess}? ` : ""}categories: ${names.join(", ")} (content/site.yaml)` });
        continue;
      }
      category = found.slug;
    }

    const compiled = compileMarkdown({ body: split.body, bodyLine: split.bodyLine, file, images: fm.images, media });
    issues.push(...compiled.issues);
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
      ...(fm.source ? { source: fm.source } : {}),
      ...(fm.author ? { author: fm.author } : {}),
      tags: fm.tags,
      published,
      ...(fm.updated ? { updated: toInstant(fm.updated, timeZone) } : {}),
      draft: fm.draft,
      headings: compiled.headings,
      figures: compiled.figures,
      qr: encodeQr(`${site?.origin ?? ""}/articles/${slug}`),
      file,
      html: compiled.html,
    };

    const sameSlug = bySlug.get(slug);
    if (sameSlug) {
      issues.push({ severity: "error", file, ...yaml.locate(fm.slug ? ["slug"] : []), field: "slug",
        message: `duplicate slug "${slug}", also used by ${sameSlug.file}`,
        hint: "every article needs its own URL: change the slug (or the file name)" });
    } else bySlug.set(slug, article);
    const sameId = byId.get(fm.id);
    if (sameId) {
      issues.push({ severity: "error", file, ...yaml.locate(["id"]), field: "id",
        message: `duplicate id "${fm.id}", also used by ${sameId.file}`,
        hint: "a copied article needs a new id: `node -e \"console.log(crypto.randomUUID())\"`" });
    } else byId.set(fm.id, article);
    idLines.set(article, yaml.locate(["id"]).line);
    bodyLinks.set(article, compiled.links);
    fileSlugs.set(name, slug);
    articles.push(article);
  }

  for (const article of articles) issues.push(...resolveLinks(article, bodyLinks.get(article) ?? [], fileSlugs, bySlug));
  if (!site || issues.some((i) => i.severity === "error")) return { issues };
  const stored = await readLedger(root);
  const ledger = checkLedger(stored.ledger, stored.source, articles.filter((a) => !a.draft), (a) => idLines.get(a) ?? 1);
  issues.push(...stored.issues, ...ledger.issues);
  if (issues.some((i) => i.severity === "error")) return { issues };
  articles.sort(newestFirst);
  return { model: { site, articles, version: hash.digest("hex").slice(0, 16) }, issues, ledger: ledger.updated };
}

/**
 * Links between articles: `other.md` becomes `/articles/<its slug>` in the HTML; a link to an
 * article that does not exist is an error at its line.
 */
function resolveLinks(
  article: Article,
  links: InternalLink[],
  fileSlugs: Map<string, string>,
  bySlug: Map<string, Article>,
): ContentIssue[] {
  const issues: ContentIssue[] = [];
  for (const link of links) {
    const [target = "", fragment] = link.href.split("#");
    const slug = target.startsWith("/articles/") ? target.slice("/articles/".length) : fileSlugs.get(target.replace(/^\.\//, ""));
    if (slug === undefined || !bySlug.has(slug)) {
      issues.push({
        severity: "error", file: article.file, line: link.line, column: 1, field: "body",
        message: `broken link to ${link.href}: no such article`,
        hint: `link to another article as [text](its-file.md) or [text](/articles/its-slug); slugs: ${[...bySlug.keys()].slice(0, 5).join(", ")}${bySlug.size > 5 ? ", …" : ""}`,
      });
    } else if (!target.startsWith("/articles/")) {
      const resolved = `/articles/${slug}${fragment ? `#${fragment}` : ""}`;
      article.html = article.html.split(`href="${escapeHtml(link.href)}"`).join(`href="${escapeHtml(resolved)}"`);
    }
  }
  return issues;
}

/** Newest first; an unknown date sorts by the earliest day it allows, then by id for stability. */
function newestFirst(a: Article, b: Article): number {
  const key = (x: Article) =>
    x.published.kind === "exact" ? Date.parse(x.published.iso) : Date.parse(x.published.notBefore ?? "1970-01-01");
  return key(b) - key(a) || a.id.localeCompare(b.id);
}

function schemaIssues(error: z.ZodError, yaml: ParsedYaml, file: string): ContentIssue[] {
  return error.issues.map((issue) => {
    const field = issue.path.map(String).join(".") || "front matter";
    const missing = issue.code === "invalid_type" && issue.input === undefined;
    const message = missing ? "Required" : describe(issue);
    return { severity: "error" as const, file, ...yaml.locate(issue.path), field, message, hint: hintFor(field) };
  });
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_type") return `expected ${issue.expected}, got ${typeName(issue.input)}`;
  if (issue.code === "invalid_union") {
    // The branch that got past the type check says what is wrong (e.g. a date that does not exist).
    const branch = issue.errors.find((errs) => errs.every((e) => e.code !== "invalid_type" || e.path.length > 0));
    if (branch?.[0]) return describe(branch[0]);
    return "is neither a date (YYYY-MM-DD) nor { notBefore, note }";
  }
  if (issue.code === "unrecognized_keys") return `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.join(", ")}`;
  return issue.message;
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a map";
  return `${typeof value} ${JSON.stringify(value)}`;
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}

async function listFiles(path: string): Promise<string[]> {
  try {
    return (await readdir(path, { withFileTypes: true })).filter((d) => d.isFile() && !d.name.startsWith(".")).map((d) => d.name);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw e;
  }
}

function sizeOf(bytes: Uint8Array): MediaSize {
  try {
    const { width, height } = imageSize(bytes);
    return { width, height };
  } catch {
    return {};
  }
}

/** `fn` over `items` with at most `limit` in flight (keeps 10,000 files under the open-file limit). */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
