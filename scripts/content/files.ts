/** Reading content/: files that may be absent, directories that may be absent, bounded concurrency. */
import { readFileSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";

/**
 * Within this many ms of the moment stat was taken, a file's time says too little: it may have
 * been written again in the same tick of the file system's clock (a second, on some file systems
 * and for tools that keep whole seconds). Such a file is read again (git's "racily clean" rule;
 * manifest.ts `unchanged`, last-build.ts).
 */
export const RACY_MS = 1000;

/**
 * The same for a time with a fraction of a second, which only a fine clock stamps (Linux's file
 * times tick every 1–10 ms, the kernel's coarse clock, which may also lag the caller's by a tick):
 * a file written again after the stat gets a time past `statAt - FINE_RACY_MS`.
 */
export const FINE_RACY_MS = 100;

/**
 * Whether a file's time `mtimeMs`, taken at `statAt` (Date.now()), says too little to trust it
 * unread: whole seconds within RACY_MS, finer times within FINE_RACY_MS. So a build just after an
 * import or a checkout re-reads only the files written in its last moments, not all of them.
 */
export function racy(mtimeMs: number, statAt: number): boolean {
  return mtimeMs + (mtimeMs % 1000 === 0 ? RACY_MS : FINE_RACY_MS) >= statAt;
}

/** The file's text, or undefined when it does not exist. */
export async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}

/**
 * The file's text, or undefined when it does not exist; synchronously, for the build's threads
 * (threads.ts), which read their own files one after another.
 */
export function readTextSync(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}

/** The names of the (non-hidden) files in a directory; none when it does not exist. */
export async function listFiles(path: string): Promise<string[]> {
  try {
    return (await readdir(path, { withFileTypes: true }))
      .filter((d) => d.isFile() && !d.name.startsWith("."))
      .map((d) => d.name);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw e;
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
