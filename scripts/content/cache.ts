/**
 * The build's memory between runs (.cache/content-build/, git-ignored): each article's own result
 * (front matter, checks, Markdown, QR code, summary) stored under a key of what it depends on: the
 * build's code, the site settings, the file's name and its text. The pictures it showed are
 * checked by the build (each result lists them, with fingerprints). A rebuild after one article
 * changes compiles that article only; the checks across articles (duplicates,
 * links, the id ledger) and the order still run over all of them, every time.
 *
 * Entries are plain JSON, one file each; a corrupt or unreadable entry is a miss. Set
 * CONTENT_BUILD_CACHE=off to build without it.
 */
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { mapLimit } from "./files.ts";

export const CACHE_DIR = ".cache/content-build";

export interface ArticleCache<T> {
  /** The key of one article's result under this build's context. */
  key(name: string, source: string): string;
  read(keys: readonly string[]): Promise<(T | undefined)[]>;
  /** Stores results already serialised (JSON). */
  write(entries: readonly [string, string][]): Promise<void>;
}

/** A cache for this build: `context` is everything besides the file that an article's result depends on. */
export async function openArticleCache<T>(root: string, context: string): Promise<ArticleCache<T> | undefined> {
  if (process.env.CONTENT_BUILD_CACHE === "off") return undefined;
  const code = await codeHash();
  const dir = join(root, CACHE_DIR, code);
  // Results of older build code can never be read again: drop them.
  for (const old of await readdir(join(root, CACHE_DIR)).catch(() => [] as string[])) {
    if (old !== code) await rm(join(root, CACHE_DIR, old), { recursive: true, force: true });
  }
  const base = createHash("sha1").update(context).digest("hex");
  const pathOf = (key: string) => join(dir, key.slice(0, 2), `${key}.json`);
  return {
    key: (name, source) => createHash("sha1").update(base).update(name).update("\0").update(source).digest("hex"),
    read: (keys) =>
      mapLimit(keys, 64, async (key) => {
        try {
          return JSON.parse(await readFile(pathOf(key), "utf8")) as T;
        } catch {
          return undefined;
        }
      }),
    async write(entries) {
      const dirs = new Set(entries.map(([key]) => key.slice(0, 2)));
      for (const d of dirs) await mkdir(join(dir, d), { recursive: true });
      await mapLimit(entries, 64, ([key, json]) => writeFile(pathOf(key), json));
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
