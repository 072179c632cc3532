/**
 * The build's memory between runs (.cache/content-build/, git-ignored): each article's own result
 * (front matter, checks, Markdown, QR code, summary) stored under a key of what it depends on: the
 * build's code, the site settings, the file's name and its text (by its SHA-256, which the build
 * takes anyway for the content version). The pictures it showed are
 * checked by the build (each result lists them, with fingerprints). A rebuild after one article
 * changes compiles that article only; the checks across articles (duplicates,
 * links, the id ledger) and the order still run over all of them, every time.
 *
 * Entries are plain JSON, one file each; a corrupt or unreadable entry is a miss. Set
 * CONTENT_BUILD_CACHE=off to build without it. Entries are read and written synchronously: by the
 * build's threads (threads.ts), each on its own run of files, where a blocking read costs nothing
 * else and saves the thread pool's round trips of the asynchronous calls (a first build of 20,000
 * articles wrote 20,000 entries).
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";

export const CACHE_DIR = ".cache/content-build";

export interface ArticleCache<T> {
  /** The key of one article's result under this build's context: its file name and text's SHA-256. */
  key(name: string, sha256: string): string;
  /** The results under `keys` (undefined: none, or unreadable). */
  read(keys: readonly string[]): (T | undefined)[];
  /** Stores results already serialised (JSON, as text or as its bytes). */
  write(entries: readonly [string, string | Uint8Array][]): void;
}

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
  const pathOf = (key: string) => join(dir, key.slice(0, 2), `${key}.json`);
  return {
    key: (name, sha256) => createHash("sha1").update(base).update(name).update("\0").update(sha256).digest("hex"),
    read: (keys) => {
      // A first build (or new build code) has no entries at all: no file to try.
      if (!existsSync(dir)) return keys.map(() => undefined);
      return keys.map((key) => {
        try {
          return JSON.parse(readFileSync(pathOf(key), "utf8")) as T;
        } catch {
          return undefined;
        }
      });
    },
    write(entries) {
      for (const d of new Set(entries.map(([key]) => key.slice(0, 2)))) mkdirSync(join(dir, d), { recursive: true });
      for (const [key, json] of entries) writeFileSync(pathOf(key), json);
    },
  };
}

/**
 * The build's own code (and its dependencies' versions): a change to any of it compiles everything
 * again, and changes the content version (build.ts), since the same files may now make other HTML.
 */
export function codeHash(): Promise<string> {
  return (code ??= hashCode());
}
let code: Promise<string> | undefined;

async function hashCode(): Promise<string> {
  const project = join(import.meta.dirname, "../..");
  const hash = createHash("sha1");
  for (const dir of ["scripts/content", "src/content"]) {
    const files = (await readdir(join(project, dir), { recursive: true })).filter((f) => f.endsWith(".ts")).sort();
    for (const f of files) hash.update(f).update(await readFile(join(project, dir, f)));
  }
  hash.update(await readFile(join(project, "package-lock.json")).catch(() => ""));
  return hash.digest("hex").slice(0, 16);
}
