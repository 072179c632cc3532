/**
 * The search index's writer (build-only): the index files of src/content/search/format.ts for the
 * site list, in blocks kept between builds so a rebuild indexes only what changed.
 */
import type { Article } from "../../src/content/model.ts";
import type { IndexShape } from "../../src/content/store/format.ts";
import { frame, unframe } from "../../src/content/store/framing.ts";
import { decodeShard, FIELD, searchPath, shardCount, shardOf, type Facets } from "../../src/content/search/format.ts";
import { foldText } from "../../src/content/search/fold.ts";
import { facetTerm, indexTerms, termText, type TermKey } from "../../src/content/search/terms.ts";
import { plainText } from "../../src/content/search/text.ts";

/** A growable varint buffer of one term's postings. */
class PostingsWriter {
  bytes: Uint8Array = new Uint8Array(8);
  length = 0;
  last = -1;
  df = 0;
  add(rank: number, fields: number): void {
    let v = (rank - this.last) * 16 + fields;
    this.last = rank;
    this.df++;
    if (this.length + 10 > this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    while (v >= 128) {
      this.bytes[this.length++] = (v % 128) | 128;
      v = Math.floor(v / 128);
    }
    this.bytes[this.length++] = v;
  }

  /** Appends one document's bytes copied from postings whose previous document is this writer's last. */
  raw(bytes: Uint8Array, rank: number): void {
    if (this.length + bytes.length > this.bytes.length) {
      const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + bytes.length));
      grown.set(this.bytes.subarray(0, this.length));
      this.bytes = grown;
    }
    this.bytes.set(bytes, this.length);
    this.length += bytes.length;
    this.last = rank;
    this.df++;
  }

  /**
   * Appends postings written by another writer for later documents (`df` of them, the last
   * `last`): its first gap, counted from -1, is counted again from this writer's last document.
   */
  append(bytes: Uint8Array, df: number, last: number): void {
    let v = 0;
    let at = 0;
    for (let shift = 1; ; shift *= 128) {
      const b = bytes[at++]!;
      v += (b & 127) * shift;
      if (b < 128) break;
    }
    const first = Math.floor(v / 16) - 1;
    this.add(first, v % 16);
    const rest = bytes.length - at;
    if (this.length + rest > this.bytes.length) {
      const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + rest));
      grown.set(this.bytes.subarray(0, this.length));
      this.bytes = grown;
    }
    this.bytes.set(bytes.subarray(at), this.length);
    this.length += rest;
    this.df += df - 1;
    this.last = last;
  }
}

/**
 * Dense ids for index terms. Keys are numbers for Chinese unigrams and bigrams (terms.ts TermKey):
 * unigrams index an array, bigrams an open-addressing hash table of 32-bit keys, strings a Map.
 * Indexing looks up every character of every article, so this is the build's hot loop.
 */
class TermIds {
  readonly keys: TermKey[] = [];
  #unigrams = new Int32Array(0x10000).fill(-1);
  #table = new Uint32Array(1 << 16);
  #values = new Int32Array(1 << 16).fill(-1);
  #used = 0;
  #strings = new Map<string, number>();

  of(key: TermKey): number {
    if (typeof key === "string") {
      let id = this.#strings.get(key);
      if (id === undefined) this.#strings.set(key, (id = this.#add(key)));
      return id;
    }
    if (key < 0x10000) {
      const id = this.#unigrams[key]!;
      return id >= 0 ? id : (this.#unigrams[key] = this.#add(key));
    }
    const k = key >>> 0;
    const mask = this.#table.length - 1;
    for (let slot = mix(k) & mask; ; slot = (slot + 1) & mask) {
      const id = this.#values[slot]!;
      if (id < 0) {
        const added = this.#add(key);
        this.#table[slot] = k;
        this.#values[slot] = added;
        if (++this.#used * 2 > this.#table.length) this.#grow();
        return added;
      }
      if (this.#table[slot] === k) return id;
    }
  }

  #add(key: TermKey): number {
    this.keys.push(key);
    return this.keys.length - 1;
  }

  #grow(): void {
    const table = this.#table;
    const values = this.#values;
    this.#table = new Uint32Array(table.length * 2);
    this.#values = new Int32Array(table.length * 2).fill(-1);
    const mask = this.#table.length - 1;
    for (let i = 0; i < table.length; i++) {
      if (values[i]! < 0) continue;
      let slot = mix(table[i]!) & mask;
      while (this.#values[slot]! >= 0) slot = (slot + 1) & mask;
      this.#table[slot] = table[i]!;
      this.#values[slot] = values[i]!;
    }
  }
}

/**
 * The terms of the document being indexed and the fields each is in, gathered without a map per
 * document (`stamp[id] === rank + 1` marks a term already seen in it). One long-lived object whose
 * `add` every character goes through: a method call V8 can inline, unlike a closure made anew for
 * each article.
 */
class DocumentTerms {
  readonly ids = new TermIds();
  field = 0;
  #rank = 0;
  #stamp = new Int32Array(1 << 16);
  #bits = new Uint8Array(1 << 16);
  #inDoc: number[] = [];

  start(rank: number): void {
    this.#rank = rank;
    this.#inDoc.length = 0;
  }

  add(key: TermKey): void {
    const id = this.ids.of(key);
    if (id >= this.#stamp.length) this.#grow();
    if (this.#stamp[id] !== this.#rank + 1) {
      this.#stamp[id] = this.#rank + 1;
      this.#bits[id] = this.field;
      this.#inDoc.push(id);
    } else this.#bits[id]! |= this.field;
  }

  /** Appends this document to the postings of each of its terms. */
  flush(writers: PostingsWriter[]): void {
    for (const id of this.#inDoc) (writers[id] ??= new PostingsWriter()).add(this.#rank, this.#bits[id]!);
  }

  #grow(): void {
    const stamp = new Int32Array(this.#stamp.length * 2);
    stamp.set(this.#stamp);
    this.#stamp = stamp;
    const bits = new Uint8Array(this.#bits.length * 2);
    bits.set(this.#bits);
    this.#bits = bits;
  }
}

/** A 32-bit integer hash (the finalizer of MurmurHash3), so neighbouring keys spread over the table. */
function mix(k: number): number {
  let h = Math.imul(k ^ (k >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The year and month of an article's exact date, in the site's time zone (archives). */
export function yearMonthOf(article: Pick<Article, "published">): [number, number] | undefined {
  if (article.published.kind !== "exact") return undefined;
  // RFC 3339 with the site's offset: the local date is the first ten characters.
  const [y, m] = article.published.iso.slice(0, 7).split("-").map(Number);
  return y && m ? [y, m] : undefined;
}

/** The facet terms of an article. */
export function facetTermsOf(article: Pick<Article, "category" | "tags" | "published">): string[] {
  const out = [facetTerm.section(article.category), ...article.tags.map(facetTerm.tag)];
  const ym = yearMonthOf(article);
  if (ym) out.push(facetTerm.year(ym[0]), facetTerm.month(ym[0], ym[1]));
  return out;
}

/**
 * A memory of index blocks between builds, injected by the build (scripts/content/write.ts keeps
 * it in .cache/): the postings of a run of documents, under a key of those documents' contents.
 */
const encoder = new TextEncoder();

export interface IndexBlocks {
  /** What an article's terms depend on (its texts, tags, section and date), as a short key. */
  keyOf(article: Article): string;
  get(block: IndexBlock): Uint8Array | undefined;
  set(block: IndexBlock, bytes: Uint8Array): void;
}

/** Documents `start`…`end - 1`, whose articles have `keys`, in block format `format`. */
export interface IndexBlock {
  format: number;
  start: number;
  end: number;
  keys: string[];
}

/**
 * Documents per cached block: a change re-indexes its block (an incremental rebuild after one edit
 * indexes this many articles); more blocks cost more merging.
 */
export const INDEX_BLOCK = 1024;

/**
 * The index files of the site list `articles` (oldest first: index = document number). `pendingRanks`
 * are the documents hidden until their time (their facets are listed for the counts). Pure, given
 * `blocks`: with them, each block of INDEX_BLOCK documents whose contents are unchanged is read
 * from them instead of indexed again (byte-identical output either way).
 */
export function writeSearchIndex(
  articles: readonly Article[],
  pendingRanks: ReadonlySet<number>,
  blocks?: IndexBlocks,
  blockSize = INDEX_BLOCK,
): { manifest: IndexShape; files: Map<string, Uint8Array> } {
  const terms = new DocumentTerms();
  const postings = new Map<string, PostingsWriter>();
  if (!blocks) {
    const writers = indexDocuments(terms, articles, 0, articles.length);
    terms.ids.keys.forEach((key, id) => postings.set(termText(key), writers[id]!));
  } else {
    for (let start = 0; start < articles.length; start += blockSize) {
      const end = Math.min(start + blockSize, articles.length);
      const keys = articles.slice(start, end).map((a) => blocks.keyOf(a));
      const block: IndexBlock = { format: INDEX_BLOCK_FORMAT, start, end, keys };
      let bytes = blocks.get(block);
      if (!bytes) {
        const terms = new DocumentTerms();
        const writers = indexDocuments(terms, articles, start, end);
        bytes = encodeBlock(terms.ids.keys.map((k, id) => [termText(k), writers[id]!] as const));
        blocks.set(block, bytes);
      }
      for (const [term, w] of decodeBlock(bytes)) {
        let global = postings.get(term);
        if (!global) postings.set(term, (global = new PostingsWriter()));
        global.append(w.bytes, w.df, w.last);
      }
    }
  }

  const shards = shardCount(articles.length);
  const byShard = Array.from({ length: shards }, () => [] as ShardTerm[]);
  for (const [term, w] of postings) byShard[shardOf(term, shards)]!.push([term, w.bytes.subarray(0, w.length), w.df]);
  const files = new Map<string, Uint8Array>();
  // Every shard is written, empty ones too, so a missing file is a fault, not an absent term.
  byShard.forEach((terms, n) => files.set(searchPath.shard(n), encodeShard(terms)));
  files.set(searchPath.facets, facetsFile(articles, pendingRanks));
  return { manifest: { shards, docs: articles.length }, files };
}

/** A term of a shard: its postings' bytes (format.ts) and how many documents they list. */
type ShardTerm = readonly [term: string, postings: Uint8Array, df: number];

/** A shard file (format.ts): its terms in order, a header of where each one's postings are, then the postings. */
function encodeShard(terms: ShardTerm[]): Uint8Array {
  terms.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const header: Record<string, [number, number, number]> = {};
  let offset = 0;
  for (const [term, bytes, df] of terms) {
    header[term] = [offset, offset + bytes.length, df];
    offset += bytes.length;
  }
  return frame(
    header,
    terms.map(([, bytes]) => bytes),
  );
}

/** `x/facets.json` of the site list `articles`: every tag's and month's count, the undated, the pending. */
export function facetsFile(articles: readonly Article[], pendingRanks: ReadonlySet<number>): Uint8Array {
  const tagCounts = new Map<string, number>();
  const monthCounts = new Map<string, number>();
  let undated = 0;
  const pending: Facets["pending"] = [];
  // Each date's month worked out once (`yearMonthOf`): a site has far fewer months than articles.
  const monthOf = new Map<string, string | undefined>();
  articles.forEach((article, n) => {
    const tags = article.tags.length > 1 ? new Set(article.tags) : article.tags;
    for (const t of tags) tagCounts.set(t, (tagCounts.get(t) ?? 0) + 1);
    const prefix = article.published.kind === "exact" ? article.published.iso.slice(0, 7) : "";
    let key = monthOf.get(prefix);
    if (key === undefined && !monthOf.has(prefix)) {
      const ym = yearMonthOf(article);
      key = ym && `${ym[0]}-${String(ym[1]).padStart(2, "0")}`;
      monthOf.set(prefix, key);
    }
    if (key) monthCounts.set(key, (monthCounts.get(key) ?? 0) + 1);
    else undated++;
    if (pendingRanks.has(n)) pending.push([n, facetTermsOf(article)]);
  });
  const facets: Facets = {
    tags: [...tagCounts].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0)),
    months: [...monthCounts].sort(([a], [b]) => (a < b ? 1 : -1)),
    undated,
    pending,
  };
  return encoder.encode(JSON.stringify(facets));
}

/** What an article's index terms come from: all a thread indexing it is sent. */
export type IndexedArticle = Pick<
  Article,
  "title" | "headings" | "tags" | "summary" | "html" | "category" | "published"
>;

/**
 * The postings of documents `start`… (`articles[i]` is the one of rank `start + i`) in block format: what a
 * build thread returns (threads.ts). Blocks of consecutive ranges join with `joinRanges`.
 */
export function indexRange(articles: readonly IndexedArticle[], start: number): Uint8Array {
  const terms = new DocumentTerms();
  const writers = indexDocuments(terms, articles, 0, articles.length, start);
  return encodeBlock(terms.ids.keys.map((k, id) => [termText(k), writers[id]!] as const));
}

/**
 * Consecutive ranges' blocks (`indexRange`, in document order) as one block: the same bytes as
 * indexing the whole range at once (terms in order of first use, postings appended).
 */
export function joinRanges(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const joined = new Map<string, PostingsWriter>();
  for (const part of parts) {
    for (const [term, w] of decodeBlock(part)) {
      let into = joined.get(term);
      if (!into) joined.set(term, (into = new PostingsWriter()));
      into.append(w.bytes, w.df, w.last);
    }
  }
  return encodeBlock([...joined]);
}

/** The blocks `writeSearchIndex` asks `blocks` for, in order, given each document's key (`keyOf`) by rank. */
export function indexBlocksOf(keys: readonly string[], blockSize = INDEX_BLOCK): IndexBlock[] {
  const out: IndexBlock[] = [];
  for (let start = 0; start < keys.length; start += blockSize) {
    const end = Math.min(start + blockSize, keys.length);
    out.push({ format: INDEX_BLOCK_FORMAT, start, end, keys: keys.slice(start, end) });
  }
  return out;
}

/**
 * The cached blocks `writeSearchIndex` will ask `blocks` for (the same articles, the same block
 * size), each missing one indexed now by `index` (`indexRange` over the build's threads, `parts`
 * ranges per block, or as many as `parts` answers for the documents to index: write.ts) and
 * stored, so that `writeSearchIndex` only joins blocks.
 */
export async function fillIndexBlocks(
  articles: readonly Article[],
  blocks: IndexBlocks,
  index: (ranges: { start: number; articles: Article[] }[]) => Promise<Uint8Array[]>,
  parts: number | ((documents: number) => number),
  blockSize = INDEX_BLOCK,
): Promise<void> {
  const absent: { block: IndexBlock; start: number; end: number }[] = [];
  for (let start = 0; start < articles.length; start += blockSize) {
    const end = Math.min(start + blockSize, articles.length);
    const block: IndexBlock = {
      format: INDEX_BLOCK_FORMAT,
      start,
      end,
      keys: articles.slice(start, end).map((a) => blocks.keyOf(a)),
    };
    if (!blocks.get(block)) absent.push({ block, start, end });
  }
  const split = typeof parts === "number" ? parts : parts(absent.reduce((n, { start, end }) => n + end - start, 0));
  const missing = absent.map(({ block, start, end }) => {
    const step = Math.ceil((end - start) / split);
    const ranges = [];
    for (let from = start; from < end; from += step) {
      ranges.push({ start: from, articles: articles.slice(from, Math.min(from + step, end)) });
    }
    return { block, ranges };
  });
  const done = await index(missing.flatMap((m) => m.ranges));
  let at = 0;
  for (const { block, ranges } of missing) {
    blocks.set(block, joinRanges(done.slice(at, at + ranges.length)));
    at += ranges.length;
  }
}

/**
 * Documents `start`…`end - 1` of `articles` through `terms`, numbered (site-list rank) from `first` + their index:
 * each term id's postings.
 */
function indexDocuments(
  terms: DocumentTerms,
  articles: readonly IndexedArticle[],
  start: number,
  end: number,
  first = 0,
): PostingsWriter[] {
  const writers: PostingsWriter[] = [];
  for (let n = start; n < end; n++) {
    const article = articles[n]!;
    terms.start(first + n);
    terms.field = FIELD.title;
    indexTerms(foldText(article.title), terms);
    terms.field = FIELD.heading;
    for (const h of article.headings) indexTerms(foldText(h.text), terms);
    terms.field = FIELD.tag;
    for (const t of article.tags) indexTerms(foldText(t), terms);
    terms.field = FIELD.body;
    indexTerms(foldText(`${article.summary}\n${plainText(article.html)}`), terms);
    for (const f of facetTermsOf(article)) terms.add(f);
    terms.flush(writers);
  }
  return writers;
}

/** Every file `writeSearchIndex` makes for `count` documents: its shards and the facets. */
export function indexFiles(count: number): string[] {
  return [...Array.from({ length: shardCount(count) }, (_, n) => searchPath.shard(n)), searchPath.facets];
}

/** Changes when what a block holds or how it is encoded changes (with terms.ts and fold.ts). */
export const INDEX_BLOCK_FORMAT = 1;

/** A block (framing.ts): a header `[[term, df, last, length], …]`, then each term's postings in order. */
function encodeBlock(terms: readonly (readonly [string, PostingsWriter])[]): Uint8Array {
  return frame(
    terms.map(([t, w]) => [t, w.df, w.last, w.length]),
    terms.map(([, w]) => w.bytes.subarray(0, w.length)),
  );
}

function* decodeBlock(bytes: Uint8Array): Generator<[string, { bytes: Uint8Array; df: number; last: number }]> {
  const { header, body } = unframe<[string, number, number, number][]>(bytes);
  let at = 0;
  for (const [term, df, last, length] of header) {
    yield [term, { bytes: body.subarray(at, at + length), df, last }];
    at += length;
  }
}

/** One block of the index whose documents changed since the build that wrote the index files. */
export interface BlockChange {
  /** Its first document, and the first of the next block. */
  start: number;
  end: number;
  /** Its bytes then (`encodeBlock`), or undefined when the archive had no documents there. */
  before?: Uint8Array;
  /** Its documents now, from `start` (none: the archive has no documents there now). */
  docs: number;
  /** The documents whose contents changed (every rank from `start` whose key differs, or that is new or gone). */
  changed: readonly number[];
  /** A changed document now (rank < `start + docs`): only those are read. */
  doc: (rank: number) => IndexedArticle;
}

/** [rank, fields] postings, ascending by rank. */
type Entries = [rank: number, fields: number][];

/**
 * The index files after `changes`, from the files the build wrote before them (`shardBefore`, for
 * the same number of shards): the changed documents are indexed alone, each block holding one is
 * made from its bytes then and theirs (`blocks`, in the order of `changes`; undefined where no
 * document is left), and only the shards holding a term whose postings changed are made again
 * (`shards`), from their bytes then. The same bytes as `writeSearchIndex` over the documents now:
 * a document whose key is unchanged has the same terms at the same rank, so only the changed
 * documents' postings differ, and a shard is its terms' postings in one order.
 */
export function patchIndex(
  changes: readonly BlockChange[],
  shards: number,
  shardBefore: (n: number) => Uint8Array,
): { blocks: (Uint8Array | undefined)[]; shards: Map<number, Uint8Array> } {
  const changed = new Set(changes.flatMap((c) => c.changed));
  /** The changed documents' postings now, by term. */
  const now = new Map<string, Entries>();
  const terms = new DocumentTerms();
  for (const c of changes) {
    for (const rank of c.changed) {
      if (rank >= c.start + c.docs) continue;
      const writers = indexDocuments(terms, [c.doc(rank)], 0, 1, rank);
      writers.forEach((w, id) => {
        const term = termText(terms.ids.keys[id]!);
        const entries = now.get(term) ?? [];
        now.set(term, entries);
        // One document's postings: one varint, (rank + 1) × 16 + fields.
        let v = 0;
        for (let at = 0, shift = 1; ; shift *= 128) {
          const b = w.bytes[at++]!;
          v += (b & 127) * shift;
          if (b < 128) break;
        }
        entries.push([w.last, v % 16]);
      });
    }
  }
  for (const entries of now.values()) entries.sort((x, y) => x[0] - y[0]);

  /** Terms whose postings in a block changed. */
  const touched = new Set<string>();
  const blocks = changes.map((c) => {
    const inBlock = (rank: number) => rank >= c.start && rank < c.end;
    const nowIn = (term: string) => (now.get(term) ?? []).filter(([rank]) => inBlock(rank));
    const out: [string, PostingsWriter][] = [];
    const seen = new Set<string>();
    for (const [term, w] of c.before ? decodeBlock(c.before) : []) {
      seen.add(term);
      const is = nowIn(term);
      // Most terms of a block are in no changed document, or in the same ones with the same
      // fields: their postings are scanned and kept as they are.
      if (sameEntries(entriesIn(w.bytes, w.df, changed), is)) {
        out.push([term, writerOf(w.bytes, w.df, w.last)]);
        continue;
      }
      touched.add(term);
      const spliced = splice(w.bytes, w.df, changed, is);
      if (spliced.df) out.push([term, spliced]);
    }
    for (const term of now.keys()) {
      if (seen.has(term)) continue;
      const is = nowIn(term);
      if (!is.length) continue;
      touched.add(term);
      out.push([term, splice(new Uint8Array(0), 0, changed, is)]);
    }
    return c.docs > 0 ? encodeBlock(out) : undefined;
  });

  const byShard = new Map<number, string[]>();
  for (const term of touched) {
    const n = shardOf(term, shards);
    byShard.set(n, [...(byShard.get(n) ?? []), term]);
  }
  const files = new Map<number, Uint8Array>();
  for (const [n, changedTerms] of byShard) {
    const { terms: header, body } = decodeShard(shardBefore(n));
    const next = new Map<string, ShardTerm>();
    for (const [term, [start, end, df]] of Object.entries(header)) {
      if (end > body.length) throw new Error(`shard ${n}: postings of ${term} past the end`);
      next.set(term, [term, body.subarray(start, end), df]);
    }
    for (const term of changedTerms) {
      const was = next.get(term);
      const w = splice(was?.[1] ?? new Uint8Array(0), was?.[2] ?? 0, changed, now.get(term) ?? []);
      if (!w.df) next.delete(term);
      else next.set(term, [term, w.bytes.subarray(0, w.length), w.df]);
    }
    files.set(n, encodeShard([...next.values()]));
  }
  return { blocks, shards: files };
}

/**
 * Calls `visit` for each of the `df` documents of postings bytes (format.ts: one LEB128 varint of
 * `gap × 16 + fields` each), in order, with the bytes `[from, to)` that encode it.
 */
function eachPosting(
  bytes: Uint8Array,
  df: number,
  visit: (rank: number, fields: number, from: number, to: number) => void,
): void {
  let rank = -1;
  let at = 0;
  for (let i = 0; i < df; i++) {
    const from = at;
    let v = bytes[at++]!;
    if (v >= 128) {
      v &= 127;
      for (let shift = 128; ; shift *= 128) {
        const b = bytes[at++]!;
        v += (b & 127) * shift;
        if (b < 128) break;
      }
    }
    rank += Math.floor(v / 16);
    visit(rank, v % 16, from, at);
  }
}

/** The entries of postings bytes (`df` documents: format.ts) for `ranks` only, in order. */
function entriesIn(bytes: Uint8Array, df: number, ranks: ReadonlySet<number>): Entries {
  const out: Entries = [];
  eachPosting(bytes, df, (rank, fields) => {
    if (ranks.has(rank)) out.push([rank, fields]);
  });
  return out;
}

/**
 * Postings bytes (`df` documents) without the documents `drop`, with `add` (ranks in `drop`,
 * ascending): the bytes of each kept document are copied as they are while the one before it
 * was kept too (its gap is then the same), else written again.
 */
function splice(bytes: Uint8Array, df: number, drop: ReadonlySet<number>, add: Entries): PostingsWriter {
  const out = new PostingsWriter();
  let j = 0;
  let before = -1;
  eachPosting(bytes, df, (rank, fields, from, to) => {
    while (j < add.length && add[j]![0] < rank) out.add(add[j]![0], add[j++]![1]);
    if (!drop.has(rank)) {
      if (out.last === before) out.raw(bytes.subarray(from, to), rank);
      else out.add(rank, fields);
    }
    before = rank;
  });
  while (j < add.length) out.add(add[j]![0], add[j++]![1]);
  return out;
}

/** A writer holding postings already encoded (`df` documents, the last `last`). */
function writerOf(bytes: Uint8Array, df: number, last: number): PostingsWriter {
  const w = new PostingsWriter();
  w.bytes = bytes;
  w.length = bytes.length;
  w.df = df;
  w.last = last;
  return w;
}

function sameEntries(a: Entries, b: Entries): boolean {
  return a.length === b.length && a.every(([rank, fields], i) => b[i]![0] === rank && b[i]![1] === fields);
}
