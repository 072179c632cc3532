/**
 * The build's manifest of sources (.cache/content-index/, git-ignored; issue 30, "Incremental
 * content build"): every article file by name, with the size and modification time it had when
 * last read, its text's SHA-256, and what the build made of it: its own problems, what the checks
 * across articles need (id, slug, aliases, links, where each is written), the article without its
 * body (what lists, slugs, sitemaps and the ledger need), and its record in an article pack. An
 * incremental build (build.ts) reads none of the files whose size and time are as recorded, and
 * none of their records unless a store file holding them is made again.
 *
 * On disk: `head.json` (a SHA-256 of the rest on its first line, then the build's code hash, the
 * site settings' hash, the content folder and, per bucket of names (cache.ts `cacheBucket`), the
 * names of its three files): `<bucket>-<hash>.json` (the bucket's entries), `<bucket>-<hash>.bin`
 * (their records, one after another; each checked against its SHA-1, the entry's `indexKey`, when
 * read) and `<bucket>-<hash>.front.json` (each entry's `front`, apart: only the desk's list and a
 * bucket written again read it, so a rebuild at 100,000 articles does not parse 15% more JSON and
 * five more objects per article it never looks at). Files are named by their bytes and written before the head that names them, so a build
 * stopped mid-write leaves the old head naming the old files. Anything that does not check out
 * (unreadable, edited, another version of the build, other site settings) is no manifest: the
 * build compiles everything and says why in one line. Deleting the folder is always safe.
 */
import { createHash } from "node:crypto";
import {
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { basename, join } from "node:path";
import type { Article } from "../../src/content/model.ts";
import type { ArticleEntry, FrontFields } from "./article.ts";
import { CACHE_BUCKETS } from "./cache.ts";
import type { ContentIssue } from "./issues.ts";
import { racy } from "./files.ts";
import { indexKeyOf } from "./outputs.ts";

export const MANIFEST_DIR = ".cache/content-index";

/** Changes when what an entry holds changes: an older manifest is then no manifest. */
const FORMAT = 4;

/** An article as the manifest keeps it: without its body, its QR code and its headings (in its record). */
export type StoredArticle = Omit<Article, "html" | "qr" | "headings">;

/** What the build keeps of one article file. */
export interface SourceEntry {
  /** The file's size and modification time (ms) as stat saw them before it was read, and when. */
  size: number;
  mtimeMs: number;
  statAt: number;
  /** Its text's SHA-256 (hex): part of the content version. */
  sha256: string;
  /** The problems found in the file on its own. */
  issues: ContentIssue[];
  /** The pictures it looked up, with the fingerprint of what it found (media.ts). */
  media: [name: string, fingerprint: string][];
  /** What the checks across articles need; absent when the file gave no article. */
  entry?: Omit<ArticleEntry, "article"> & { article: StoredArticle };
  /** Each of its links (`entry.links`) as resolved when its record was made: a slug, or null when broken. */
  resolved?: (string | null)[];
  /** Its record in the bucket's .bin file, the bytes it adds to a feed, its SHA-1 (the index key). */
  record?: { at: number; length: number; feedBytes: number; indexKey: string };
}

interface Head {
  format: number;
  code: string;
  site: string;
  dir: string;
  /** Bucket → [entries file, records file, front file]. */
  buckets: Record<string, [string, string, string]>;
}

/** The manifest as read: entries by file name, and how to read a record. */
export interface Manifest {
  readonly entries: ReadonlyMap<string, SourceEntry>;
  /**
   * The front matter's fields the desk's list and tag suggestions show, as written (article.ts
   * `FrontFields`); undefined when the file's front matter is no YAML map. Read with its bucket's
   * front file the first time one of it is asked for; throws `StaleManifestError` when that file
   * is missing or not as written.
   */
  front(name: string): FrontFields | undefined;
  /** A record's bytes, checked against its SHA-1; throws `StaleManifestError` when they differ. */
  record(name: string): Uint8Array;
}

/** A record that is not what its entry says (edited, damaged): the build starts again from nothing. */
export class StaleManifestError extends Error {}

/**
 * Each manifest's bucket files as this process last parsed them, by folder, with their size and
 * time then: the dev server's warm build (scripts/dev/builder.ts) reads again only the buckets
 * the last build wrote, not the whole manifest. A bucket file is named by its bytes' hash, so one
 * still of the same name, size and time is the same file (the sources' own rule, build.ts).
 */
interface ParsedBucket {
  size: number;
  mtimeMs: number;
  /** Its entries by file name, as parsed (no pair per entry: 100,000 of them on every rebuild). */
  entries: Record<string, SourceEntry>;
  /** Its front file, and what it holds once read. */
  frontFile: string;
  fronts?: Record<string, FrontFields>;
}
const parsed = new Map<string, Map<string, ParsedBucket>>();
/** The entries of every bucket joined, by folder, and the parsed buckets (with their records file) they were joined from. */
const joined = new Map<
  string,
  { from: [ParsedBucket, string][]; entries: Map<string, SourceEntry>; bins: Map<string, ParsedBucket> }
>();

const sha256 = (bytes: string | Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/**
 * The manifest at `root` for build code `code`, site settings `site` (a hash) and content folder
 * `dir`; or why there is none usable (undefined when there simply is none yet). Without `site`,
 * whatever the site settings were: the desk's list reads only what a file alone makes (`front`,
 * `sha256`), never what the settings change.
 */
export function readManifest(
  root: string,
  { code, site, dir }: { code: string; site?: string; dir: string },
): { manifest?: Manifest; why?: string } {
  const at = join(root, MANIFEST_DIR);
  let text: string;
  try {
    text = readFileSync(join(at, "head.json"), "utf8");
  } catch {
    return {};
  }
  const newline = text.indexOf("\n");
  const body = text.slice(newline + 1);
  if (newline < 0 || text.slice(0, newline) !== sha256(body))
    return { why: "the manifest of sources does not match its checksum (edited or cut short)" };
  let head: Head;
  try {
    head = JSON.parse(body) as Head;
  } catch (e) {
    return { why: `the manifest of sources is not JSON (${(e as Error).message})` };
  }
  if (head.format !== FORMAT || head.code !== code)
    return { why: "the manifest of sources was written by another version of the build" };
  if (head.dir !== dir) return { why: `the manifest of sources is of ${head.dir}, not ${dir}` };
  if (site !== undefined && head.site !== site)
    return { why: "content/site.yaml changed: every article is compiled again" };
  const before = parsed.get(at);
  const binOf = new Map<ParsedBucket, string>();
  const now = new Map<string, ParsedBucket>();
  const buckets: [ParsedBucket, string][] = [];
  for (const [bucket, [json, bin, front]] of Object.entries(head.buckets)) {
    const path = join(at, json);
    const st = statSync(path, { throwIfNoEntry: false });
    if (!st) return { why: `the manifest's bucket ${bucket} is missing` };
    // Parsed already by this process (npm run dev's warm build) and still as it was then: not read again.
    let kept = before?.get(path);
    if (!kept || kept.size !== st.size || kept.mtimeMs !== st.mtimeMs || kept.frontFile !== join(at, front)) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(path);
      } catch {
        return { why: `the manifest's bucket ${bucket} is missing` };
      }
      // Named by its bytes' hash: a file edited by hand no longer answers to its name.
      if (!json.endsWith(`-${sha256(bytes).slice(0, 16)}.json`))
        return { why: `the manifest's bucket ${bucket} was changed since it was written` };
      const read = JSON.parse(bytes.toString("utf8")) as Record<string, SourceEntry>;
      kept = { size: st.size, mtimeMs: st.mtimeMs, entries: read, frontFile: join(at, front) };
    }
    now.set(path, kept);
    buckets.push([kept, join(at, bin)]);
  }
  parsed.set(at, now);
  // Every bucket as this process last joined them (the desk's save checks, npm run dev's builds
  // with nothing changed in the manifest since): the same maps, not joined again from 10,000s of entries.
  const last = joined.get(at);
  let entries: Map<string, SourceEntry>;
  let bins: Map<string, ParsedBucket>;
  if (
    last &&
    last.from.length === buckets.length &&
    last.from.every(([b, bin], i) => b === buckets[i]![0] && bin === buckets[i]![1])
  ) {
    ({ entries, bins } = last);
    for (const [kept, bin] of buckets) binOf.set(kept, bin);
  } else {
    entries = new Map();
    bins = new Map();
    for (const [kept, bin] of buckets) {
      binOf.set(kept, bin);
      for (const name in kept.entries) {
        entries.set(name, kept.entries[name]!);
        bins.set(name, kept);
      }
    }
    joined.set(at, { from: buckets, entries, bins });
  }
  // A bucket's records are read one by one where they are (a rebuild needs few of them: a
  // one-title rebuild at 100,000 synthetic articles read the whole 1 GB of records for 8,192 of
  // them, 2.7 s under --cpu-prof), and whole once many of one bucket are asked for.
  const files = new Map<string, Buffer>();
  const asked = new Map<string, number>();
  return {
    manifest: {
      entries,
      front(name) {
        const bucket = bins.get(name);
        if (!bucket) return undefined;
        bucket.fronts ??= readFronts(bucket.frontFile);
        return bucket.fronts[name];
      },
      record(name) {
        const entry = entries.get(name);
        const bucket = bins.get(name);
        const path = bucket && binOf.get(bucket);
        if (!entry?.record || !path) throw new StaleManifestError(`the manifest holds no record of ${name}`);
        const { at: start, length } = entry.record;
        let bytes: Uint8Array;
        try {
          const file = files.get(path);
          const times = (asked.get(path) ?? 0) + 1;
          asked.set(path, times);
          if (file) bytes = file.subarray(start, start + length);
          else if (times > WHOLE_AFTER) {
            const whole = readFileSync(path);
            files.set(path, whole);
            bytes = whole.subarray(start, start + length);
          } else bytes = readRange(path, start, length);
        } catch {
          throw new StaleManifestError(`the manifest's records of ${name} are missing`);
        }
        if (indexKeyOf(bytes) !== entry.record.indexKey)
          throw new StaleManifestError(`the manifest's record of ${name} was changed since it was written`);
        return bytes;
      },
    },
  };
}

/** A bucket's front file (`readManifest`), checked against the hash it is named by. */
function readFronts(path: string): Record<string, FrontFields> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new StaleManifestError(`the manifest's front matter file ${basename(path)} is missing`);
  }
  if (!path.endsWith(`-${sha256(bytes).slice(0, 16)}.front.json`))
    throw new StaleManifestError(`the manifest's front matter file ${basename(path)} was changed since it was written`);
  return JSON.parse(bytes.toString("utf8")) as Record<string, FrontFields>;
}

/** Records asked for from one bucket before its whole records file is read instead. */
const WHOLE_AFTER = 64;

/** `length` bytes of the file at `path` from `start`: fewer (a file cut short) is an error. */
function readRange(path: string, start: number, length: number): Uint8Array {
  const bytes = Buffer.allocUnsafe(length);
  const fd = openSync(path, "r");
  try {
    if (readSync(fd, bytes, 0, length, start) !== length) throw new Error(`${path} is cut short`);
  } finally {
    closeSync(fd);
  }
  return bytes;
}

/**
 * Whether a file whose size and time are now `st` is still what `kept` says, unread: the same size
 * and time, and that time not too close to when it was taken (files.ts `racy`). Else its text decides.
 */
export function unchanged(kept: SourceEntry, st: { size: number; mtimeMs: number }): boolean {
  return kept.size === st.size && kept.mtimeMs === st.mtimeMs && !racy(kept.mtimeMs, kept.statAt);
}

/** One bucket of the manifest to write: each name's entry, and its record's bytes when it has one. */
export type BucketEntries = Map<
  string,
  { entry: Omit<SourceEntry, "record">; front?: FrontFields; record?: Uint8Array; feedBytes?: number }
>;

/**
 * Writes the manifest: `buckets` (bucket number → its entries) are written anew; the others are
 * kept as they were in the manifest read (`kept`, none when the build started from nothing).
 * Files no head names any more are removed.
 */
export function writeManifest(
  root: string,
  { code, site, dir }: { code: string; site: string; dir: string },
  buckets: ReadonlyMap<number, BucketEntries>,
  keep: boolean,
): void {
  const at = join(root, MANIFEST_DIR);
  mkdirSync(at, { recursive: true });
  let previous: Head["buckets"] = {};
  if (keep) {
    try {
      const text = readFileSync(join(at, "head.json"), "utf8");
      previous = (JSON.parse(text.slice(text.indexOf("\n") + 1)) as Head).buckets;
    } catch {
      previous = {};
    }
  }
  const named: Head["buckets"] = {};
  for (let b = 0; b < CACHE_BUCKETS; b++) {
    const entries = buckets.get(b);
    if (!entries) {
      const kept = previous[b];
      if (kept) named[b] = kept;
      continue;
    }
    if (entries.size === 0) continue;
    const records: Uint8Array[] = [];
    let offset = 0;
    const out: Record<string, SourceEntry> = {};
    const fronts: Record<string, FrontFields> = {};
    for (const [name, { entry, front, record, feedBytes }] of [...entries].sort(([x], [y]) => (x < y ? -1 : 1))) {
      const stored: SourceEntry = { ...entry };
      if (record && feedBytes !== undefined) {
        stored.record = { at: offset, length: record.byteLength, feedBytes, indexKey: indexKeyOf(record) };
        records.push(record);
        offset += record.byteLength;
      }
      out[name] = stored;
      if (front) fronts[name] = front;
    }
    const json = Buffer.from(JSON.stringify(out));
    const bin = Buffer.concat(records);
    const jsonName = `${b}-${sha256(json).slice(0, 16)}.json`;
    const binName = `${b}-${sha256(bin).slice(0, 16)}.bin`;
    const frontJson = Buffer.from(JSON.stringify(fronts));
    const frontName = `${b}-${sha256(frontJson).slice(0, 16)}.front.json`;
    writeWhole(join(at, jsonName), json);
    writeWhole(join(at, binName), bin);
    writeWhole(join(at, frontName), frontJson);
    named[b] = [jsonName, binName, frontName];
  }
  const body = JSON.stringify({ format: FORMAT, code, site, dir, buckets: named } satisfies Head);
  writeWhole(join(at, "head.json"), `${sha256(body)}\n${body}`);
  const used = new Set(Object.values(named).flat());
  for (const file of readdirSync(at))
    if (file !== "head.json" && !used.has(file)) rmSync(join(at, file), { force: true });
}

/** Whole or not at all: a build stopped mid-write leaves no file that reads as complete. */
function writeWhole(path: string, bytes: string | Uint8Array): void {
  writeFileSync(`${path}.tmp`, bytes);
  renameSync(`${path}.tmp`, path);
}

/** The manifest's form of an article: what lists need, without the body (its record has it). */
export function storedArticle(article: Article): StoredArticle {
  const { html: _html, qr: _qr, headings: _headings, ...rest } = article;
  return rest;
}

/**
 * A stored entry as the checks across articles and the model hold it: its article's body is in its
 * record, read only when a store file needs it. The entry itself, its article given an empty body
 * once, not a copy (a rebuild at 100,000 articles copied every article's fields twice, all kept
 * to its end). A stored article's body is never written to (build.ts
 * rewrites the links of articles compiled now only), and the manifest's writer leaves it out
 * (`storedArticle`), so an entry a warm build (npm run dev) reads again is the same.
 */
export function asEntry(stored: NonNullable<SourceEntry["entry"]>): ArticleEntry {
  const article = stored.article as Partial<Article> & StoredArticle;
  if (article.html === undefined) {
    article.html = "";
    article.headings = [];
    article.qr = { size: 0, bits: "" };
  }
  return stored as ArticleEntry;
}
