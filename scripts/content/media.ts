/**
 * Reading content/media/: each file checked (media-check.ts), each photo derived (images.ts), and
 * what public/media/ is to hold. Built for an archive of thousands of photos that rarely change:
 *
 * - A file's SHA-256 is remembered with its size, mtime, ctime and inode (git's index does the
 *   same) in .cache/images/sources.json: an unchanged 5 MB photo is not read, let alone hashed.
 *   An edit changes mtime and ctime; a fresh clone has new ones, so everything is hashed once.
 * - A photo whose derived files are cached (by that digest) costs one 4 KB read (its signature)
 *   and one small meta.json: a rebuild with 1,000 unchanged photos takes about a second.
 * - New or changed photos are made as many at a time as there are cores (sharp runs libvips on
 *   one thread per picture here), with a progress bar when there are more than 10.
 */
import { createHash } from "node:crypto";
import { open, readFile, rename, stat, writeFile, mkdir } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { imageSize } from "image-size";
import { issue } from "./catalogue.ts";
import { listFiles, mapLimit } from "./files.ts";
import { cached, derive, IMAGE_CACHE_DIR, isDerived, MAX_FILE_BYTES, type Derived } from "./images.ts";
import type { ContentIssue } from "./issues.ts";
import type { MediaLookup, MediaSize } from "./markdown.ts";
import { checkMedia } from "./media-check.ts";
import { progress } from "../terminal/progress.ts";

export interface MediaRead {
  /** Every file by name, with its pixel size when known and its variants when derived. */
  media: Map<string, MediaSize>;
  /** Each file's name and SHA-256, in name order: part of the content version. */
  digests: [name: string, sha256: string][];
  /** public/media/: each published name and the path its bytes are copied from. */
  files: Map<string, string>;
  issues: ContentIssue[];
}

/** How many leading bytes tell a picture's type (media-check.ts sniffs no further). */
const HEAD_BYTES = 4096;
/** More new photos than this get a progress bar. */
const BAR_FROM = 10;

/** One file after the first pass: checked, digested, and its variants if they are cached. */
interface Pass {
  name: string;
  path: string;
  where: { file: string; line: number; column: number; field: string };
  hash?: string;
  size?: MediaSize;
  derived?: Derived;
  /** Cache miss: to be derived in the second pass. */
  make?: true;
  issues: ContentIssue[];
}

/**
 * content/media/ under `dir`; `root` holds the image cache; `rel` turns a path into the one
 * problems are reported at.
 */
export async function readMedia(root: string, dir: string, rel: (path: string) => string): Promise<MediaRead> {
  const cacheDir = join(root, IMAGE_CACHE_DIR);
  const memo = await DigestMemo.open(cacheDir);
  const names = (await listFiles(dir)).sort();

  const passes = await mapLimit(names, 16, async (name): Promise<Pass> => {
    const path = join(dir, name);
    const pass: Pass = { name, path, where: { file: rel(path), line: 1, column: 1, field: "media" }, issues: [] };
    const st = await stat(path);
    if (st.size > MAX_FILE_BYTES) {
      pass.issues.push(issue("media-too-large", pass.where, { file: name, mib: (st.size / 2 ** 20).toFixed(1) }));
      return pass;
    }
    let bytes: Uint8Array | undefined;
    pass.hash = memo.get(pass.where.file, st);
    if (!pass.hash) {
      bytes = await readFile(path);
      pass.hash = createHash("sha256").update(bytes).digest("hex");
      memo.set(pass.where.file, st, pass.hash);
    }
    const derivable = isDerived(name);
    // A photo's type is in its first bytes; anything else (GIF, SVG) is read whole to be checked.
    const checked = bytes ?? (derivable ? await readHead(path) : await readFile(path));
    const problems = checkMedia(name, checked);
    for (const p of problems) {
      const at = { ...pass.where, line: p.line };
      pass.issues.push(
        p.code === "media-wrong-type"
          ? issue(p.code, at, { file: name, expected: p.expected, found: p.found })
          : p.code === "media-name"
            ? issue(p.code, at, { file: name, suggestion: p.suggestion })
            : issue(p.code, at, { file: name, what: p.what }),
      );
    }
    if (problems.length) return { ...pass, size: { bytes: st.size } };
    if (!derivable) return { ...pass, size: sizeOf(checked) };
    pass.derived = await cached(cacheDir, name, pass.hash);
    return pass.derived ? pass : { ...pass, make: true };
  });

  const misses = passes.filter((p) => p.make);
  const bar = misses.length > BAR_FROM ? progress("content: new pictures", misses.length) : undefined;
  let done = 0;
  await mapLimit(misses, availableParallelism(), async (pass) => {
    const made = await derive(cacheDir, pass.name, await readFile(pass.path), pass.hash!);
    bar?.tick(++done, pass.name);
    if (!("code" in made)) pass.derived = made;
    else if (made.code === "media-corrupt")
      pass.issues.push(issue(made.code, pass.where, { file: pass.name, reason: made.reason }));
    else if (made.code === "media-animated")
      pass.issues.push(issue(made.code, pass.where, { file: pass.name, frames: made.frames }));
    else
      pass.issues.push(issue(made.code, pass.where, { file: pass.name, megapixels: (made.pixels / 1e6).toFixed(0) }));
  });
  bar?.done();
  await memo.save(passes.map((p) => p.where.file));

  const read: MediaRead = { media: new Map(), digests: [], files: new Map(), issues: [] };
  for (const pass of passes) {
    read.issues.push(...pass.issues);
    if (pass.hash) read.digests.push([pass.name, pass.hash]);
    if (pass.derived) {
      const { derived } = pass;
      if (derived.cmyk) read.issues.push(issue("media-cmyk", pass.where, { file: pass.name }));
      const fallback = derived.sets.at(-1)!.variants.at(-1)!;
      read.media.set(pass.name, { width: fallback.width, height: fallback.height, bytes: fallback.bytes, derived });
      for (const set of derived.sets) for (const v of set.variants) read.files.set(v.file, join(cacheDir, v.cached));
    } else if (pass.size) {
      read.media.set(pass.name, pass.size);
      if (!pass.issues.length) read.files.set(pass.name, pass.path);
    }
  }
  return read;
}

/**
 * A fingerprint of what the build knows of each name in content/media/ (absent included): it
 * changes when the file appears, goes, or is published differently. Memoised per build.
 */
export function mediaFingerprints(media: ReadonlyMap<string, MediaSize>): (name: string) => string {
  const prints = new Map<string, string>();
  return (name) => {
    let print = prints.get(name);
    if (print === undefined) {
      print = createHash("sha1")
        .update(JSON.stringify(media.get(name) ?? null))
        .digest("hex")
        .slice(0, 16);
      prints.set(name, print);
    }
    return print;
  };
}

/** content/media/ as one article's compile sees it, remembering every name it asked about. */
export class MediaLookups implements MediaLookup {
  private readonly media: ReadonlyMap<string, MediaSize>;
  private readonly fingerprint: (name: string) => string;
  private readonly asked = new Set<string>();

  constructor(media: ReadonlyMap<string, MediaSize>, fingerprint: (name: string) => string) {
    this.media = media;
    this.fingerprint = fingerprint;
  }

  has(name: string): boolean {
    this.asked.add(name);
    return this.media.has(name);
  }

  get(name: string): MediaSize | undefined {
    this.asked.add(name);
    return this.media.get(name);
  }

  /** The names asked about, each with its fingerprint, sorted. */
  used(): [string, string][] {
    return [...this.asked].sort().map((name) => [name, this.fingerprint(name)]);
  }
}

async function readHead(path: string): Promise<Uint8Array> {
  const file = await open(path);
  try {
    const { buffer, bytesRead } = await file.read(new Uint8Array(HEAD_BYTES), 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

function sizeOf(bytes: Uint8Array): MediaSize {
  try {
    const { width, height } = imageSize(bytes);
    return { width, height, bytes: bytes.length };
  } catch {
    return { bytes: bytes.length };
  }
}

type Stamp = [size: number, mtimeMs: number, ctimeMs: number, ino: number, sha256: string];

/** Digests remembered by path and stat stamp, as git's index remembers blob ids. */
class DigestMemo {
  private changed = false;
  private readonly path: string;
  private readonly stamps: Record<string, Stamp>;

  private constructor(path: string, stamps: Record<string, Stamp>) {
    this.path = path;
    this.stamps = stamps;
  }

  static async open(cacheDir: string): Promise<DigestMemo> {
    const path = join(cacheDir, "sources.json");
    let stamps: Record<string, Stamp> = {};
    try {
      const parsed = JSON.parse(await readFile(path, "utf8")) as { v?: number; files?: Record<string, Stamp> };
      if (parsed.v === 1 && parsed.files) stamps = parsed.files;
    } catch {
      // No memo yet, or an unreadable one: every file is hashed, and the memo written anew.
    }
    return new DigestMemo(path, stamps);
  }

  get(name: string, st: StatLike): string | undefined {
    const s = this.stamps[name];
    return s && s[0] === st.size && s[1] === st.mtimeMs && s[2] === st.ctimeMs && s[3] === st.ino ? s[4] : undefined;
  }

  set(name: string, st: StatLike, sha256: string): void {
    this.stamps[name] = [st.size, st.mtimeMs, st.ctimeMs, st.ino, sha256];
    this.changed = true;
  }

  /** Writes the memo (whole, by rename) if it changed, keeping only the files still there. */
  async save(paths: readonly string[]): Promise<void> {
    const keep = new Set(paths);
    for (const name of Object.keys(this.stamps)) {
      if (!keep.has(name)) {
        delete this.stamps[name];
        this.changed = true;
      }
    }
    if (!this.changed) return;
    await mkdir(join(this.path, ".."), { recursive: true });
    const tmp = `${this.path}.tmp-${process.pid}`;
    await writeFile(tmp, JSON.stringify({ v: 1, files: this.stamps }));
    await rename(tmp, this.path);
  }
}

interface StatLike {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}
