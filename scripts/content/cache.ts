/**
 * The build's memory between runs (.cache/content-build/, git-ignored): each article's own result
 * (front matter, checks, Markdown, QR code, summary) stored under a key of what it depends on: the
 * build's code, the site settings, the file's name and its text (by its SHA-256, which the build
 * takes anyway for the content version). The pictures it showed are
 * checked by the build (each result lists them, with fingerprints). A rebuild after one article
 * changes compiles that article only; the checks across articles (duplicates,
 * links, the id ledger) and the order still run over all of them, every time.
 *
 * Entries are plain JSON, kept in 256 bucket files by a hash of the file name (`cacheBucket`): a
 * first build of 20,000 articles creates 256 files, not 20,000, and a thread that compiles a
 * bucket's articles owns its file (build.ts hands out whole buckets). A bucket is rewritten whole
 * when one of its articles changed, came or went; a corrupt or unreadable bucket is a miss for its
 * articles. Set CONTENT_BUILD_CACHE=off to build without it. Buckets are read and written
 * synchronously, by the build's threads (threads.ts), where a blocking read costs nothing else.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { readdir, readFile, rm } from "node:fs/promises";
import { join, posix, sep } from "node:path";

export const CACHE_DIR = ".cache/content-build";

export interface ArticleCache<T> {
  /** The key of one article's result under this build's context: its file name and text's SHA-256. */
  key(name: string, sha256: string): string;
  /** One bucket's results: file name → the key it was stored under and the result (none: empty). */
  read(bucket: number): Map<string, { key: string; result: T }>;
  /** Stores one bucket whole: each file name, its key and its result already serialised (JSON). */
  write(bucket: number, entries: readonly (readonly [name: string, key: string, json: string | Uint8Array])[]): void;
}

/** How many bucket files the cache has. */
export const CACHE_BUCKETS = 256;

/** The bucket of an article file's result: FNV-1a of its name, so the same name, the same bucket. */
export function cacheBucket(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return (h >>> 0) % CACHE_BUCKETS;
}

const encoder = new TextEncoder();

/** Where a build's cache is and what its keys start from: plain data, sent to the build's threads. */
export interface CacheAt {
  dir: string;
  base: string;
}

/** A cache for this build: `context` is everything besides the file that an article's result depends on. */
export async function openArticleCache(root: string, context: string): Promise<CacheAt | undefined> {
  if (process.env.CONTENT_BUILD_CACHE === "off") return undefined;
  const code = await codeHash();
  // Results of older build code can never be read again: drop them.
  for (const old of await readdir(join(root, CACHE_DIR)).catch(() => [] as string[])) {
    if (old !== code) await rm(join(root, CACHE_DIR, old), { recursive: true, force: true });
  }
  return { dir: join(root, CACHE_DIR, code), base: createHash("sha1").update(context).digest("hex") };
}

/** The cache at `at` (opened by `openArticleCache`, in this thread or another). */
export function articleCache<T>({ dir, base }: CacheAt): ArticleCache<T> {
  const pathOf = (bucket: number) => join(dir, `${bucket.toString(16).padStart(2, "0")}.json`);
  return {
    key: (name, sha256) => createHash("sha1").update(base).update(name).update("\0").update(sha256).digest("hex"),
    read(bucket) {
      try {
        const stored = JSON.parse(readFileSync(pathOf(bucket), "utf8")) as Record<string, { key: string; result: T }>;
        return new Map(Object.entries(stored));
      } catch {
        return new Map();
      }
    },
    write(bucket, entries) {
      // The bucket's JSON, made around each result's JSON as it is (often bytes already).
      const parts: Uint8Array[] = [];
      entries.forEach(([name, key, json], i) => {
        parts.push(encoder.encode(`${i ? "," : "{"}${JSON.stringify(name)}:{"key":${JSON.stringify(key)},"result":`));
        parts.push(typeof json === "string" ? encoder.encode(json) : json);
        parts.push(encoder.encode("}"));
      });
      parts.push(encoder.encode(entries.length ? "}" : "{}"));
      mkdirSync(dir, { recursive: true });
      writeFileSync(pathOf(bucket), Buffer.concat(parts));
    },
  };
}

/**
 * The build's own code (and its dependencies' versions): a change to any of it compiles everything
 * again, and changes the content version (build.ts), since the same files may now make other HTML.
 * The code is scripts/content/ and src/content/ and every module they import, followed import by
 * import (src/render/feeds/size.ts, which sizes the feeds' pages, and what it renders with), so
 * a module whose output the build stores is always in the key; src/generated/ is the build's own
 * output, not its code.
 */
export function codeHash(): Promise<string> {
  return (code ??= hashCode());
}
let code: Promise<string> | undefined;

async function hashCode(): Promise<string> {
  const project = join(import.meta.dirname, "../..");
  const hash = createHash("sha1");
  const modules = readModules(project);
  for (const f of [...modules.keys()].sort()) hash.update(f).update(modules.get(f)!);
  hash.update(await readFile(join(project, "package-lock.json")).catch(() => ""));
  return hash.digest("hex").slice(0, 16);
}

/** The build's modules (paths from the project root, sorted): its folders and what they import, transitively. */
export async function buildModules(project: string): Promise<string[]> {
  return [...readModules(project).keys()].sort();
}

/**
 * The build's modules, each with its bytes, each read once. Synchronously: every build (one that
 * changes nothing too) hashes them, and a hundred reads awaited one by one cost more than the
 * reading under load (--cpu-prof).
 */
function readModules(project: string): Map<string, Buffer> {
  const seen = new Map<string, Buffer>();
  const queue: string[] = [];
  for (const dir of ["scripts/content", "src/content"]) {
    const files = readdirSync(join(project, dir), { recursive: true, encoding: "utf8" }).filter((f) =>
      f.endsWith(".ts"),
    );
    queue.push(...files.map((f) => posix.join(dir, f.split(sep).join("/"))));
  }
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file) || file.startsWith("src/generated/")) continue;
    let bytes: Buffer;
    // An import written inside a string (the generated module's source, write.ts) names no file here.
    try {
      bytes = readFileSync(join(project, file));
    } catch {
      continue;
    }
    seen.set(file, bytes);
    for (const m of bytes.toString("utf8").matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+\.ts)"/g))
      queue.push(posix.normalize(posix.join(posix.dirname(file), m[1]!)));
  }
  return seen;
}
