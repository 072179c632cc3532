/**
 * The search index's format, written by the build beside the content store (store/format.ts) and
 * read by the worker; this module owns both directions.
 *
 * Documents are the articles of the site list, numbered by their rank in it (oldest = 0), so the
 * list shards already hold every result's summary and a new article only appends. Files:
 *
 * - `x/<n>.idx`: shard `n` of the inverted index. A term lives in shard `fnv1a(term) % shards`, so a
 *   query reads one file per term it looks up. A shard is one JSON line `{term: [start, end, df]}`
 *   (byte offsets after the line), then each term's postings: for each document, ascending, one
 *   LEB128 varint of `gap × 16 + fields`, where `gap` is the distance from the previous document
 *   (+1 for the first) and `fields` the bits of FIELD the term occurs in.
 * - `x/facets.json`: every tag and month with its article count, the undated count, and the facets
 *   of articles still pending at build time (their counts are subtracted until their time).
 *
 * Facets (tag, month, year, category) are terms of the same index (terms.ts `facetTerm`), so a tag
 * page, an archive month and a search's category filter are one postings read each.
 */
import { fnv1a } from "../hash.ts";
import type { Article } from "../model.ts";
import { facetTerm, indexTerms, termText, type TermKey } from "./terms.ts";
import { foldText } from "./fold.ts";
import { plainText } from "./text.ts";

/** Where a term occurs in a document: the ranking's order is title > heading > tag > body. */
export const FIELD = { body: 1, tag: 2, heading: 4, title: 8 } as const;

export interface SearchManifest {
  /** Number of index shards. */
  shards: number;
  /** Documents indexed (the site list's length). */
  docs: number;
}

export interface Facets {
  /** [tag, articles] sorted by count, then tag. */
  tags: [tag: string, count: number][];
  /** ["YYYY-MM", articles], newest month first. */
  months: [month: string, count: number][];
  /** Articles without an exact date (they are in no month). */
  undated: number;
  /** [site-list rank, facet terms] of the articles pending at build time. */
  pending: [rank: number, terms: string[]][];
}

export const searchPath = {
  shard: (n: number) => `x/${n}.idx`,
  facets: "x/facets.json",
};

/** A shard count that keeps shards around 50 KB at any archive size (a power of two, 8…4096). */
export function shardCount(docs: number): number {
  let n = 8;
  while (n < 4096 && n * 25 < docs) n *= 2;
  return n;
}

export function shardOf(term: string, shards: number): number {
  return fnv1a(term) % shards;
}

/** A growable varint buffer of one term's postings. */
class PostingsWriter {
  bytes = new Uint8Array(8);
  length = 0;
  last = -1;
  df = 0;
  add(doc: number, fields: number): void {
    let v = (doc - this.last) * 16 + fields;
    this.last = doc;
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
 * document (`stamp[id] === doc + 1` marks a term already seen in it). One long-lived object whose
 * `add` every character goes through: a method call V8 can inline, unlike a closure made anew for
 * each article.
 */
class DocumentTerms {
  readonly ids = new TermIds();
  field = 0;
  #doc = 0;
  #stamp = new Int32Array(1 << 16);
  #bits = new Uint8Array(1 << 16);
  #inDoc: number[] = [];

  start(doc: number): void {
    this.#doc = doc;
    this.#inDoc.length = 0;
  }

  add(key: TermKey): void {
    const id = this.ids.of(key);
    if (id >= this.#stamp.length) this.#grow();
    if (this.#stamp[id] !== this.#doc + 1) {
      this.#stamp[id] = this.#doc + 1;
      this.#bits[id] = this.field;
      this.#inDoc.push(id);
    } else this.#bits[id]! |= this.field;
  }

  /** Appends this document to the postings of each of its terms. */
  flush(writers: PostingsWriter[]): void {
    for (const id of this.#inDoc) (writers[id] ??= new PostingsWriter()).add(this.#doc, this.#bits[id]!);
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
export function facetTermsOf(article: Article): string[] {
  const out = [facetTerm.category(article.category), ...article.tags.map(facetTerm.tag)];
  const ym = yearMonthOf(article);
  if (ym) out.push(facetTerm.year(ym[0]), facetTerm.month(ym[0], ym[1]));
  return out;
}

const encoder = new TextEncoder();

/**
 * A memory of index blocks between builds, injected by the build (scripts/content/write.ts keeps
 * it in .cache/): the postings of a run of documents, under a key of those documents' contents.
 */
export interface IndexBlocks {
  /** What an article's terms depend on (its texts, tags, category and date), as a short key. */
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

/** Documents per cached block: a change re-indexes its block; more blocks cost more merging. */
export const INDEX_BLOCK = 8192;

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
): { manifest: SearchManifest; files: Map<string, Uint8Array> } {
  const doc = new DocumentTerms();
  const postings = new Map<string, PostingsWriter>();
  if (!blocks) {
    const writers = indexDocuments(doc, articles, 0, articles.length);
    doc.ids.keys.forEach((key, id) => postings.set(termText(key), writers[id]!));
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

  const tagCounts = new Map<string, number>();
  const monthCounts = new Map<string, number>();
  let undated = 0;
  const pending: Facets["pending"] = [];
  articles.forEach((article, n) => {
    for (const t of new Set(article.tags)) tagCounts.set(t, (tagCounts.get(t) ?? 0) + 1);
    const ym = yearMonthOf(article);
    if (ym) {
      const key = `${ym[0]}-${String(ym[1]).padStart(2, "0")}`;
      monthCounts.set(key, (monthCounts.get(key) ?? 0) + 1);
    } else undated++;
    if (pendingRanks.has(n)) pending.push([n, facetTermsOf(article)]);
  });

  const shards = shardCount(articles.length);
  const byShard = Array.from({ length: shards }, () => [] as [string, PostingsWriter][]);
  for (const [term, w] of postings) byShard[shardOf(term, shards)]!.push([term, w]);
  const files = new Map<string, Uint8Array>();
  // Every shard is written, empty ones too, so a missing file is a fault, not an absent term.
  byShard.forEach((terms, n) => {
    terms.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const header: Record<string, [number, number, number]> = {};
    let offset = 0;
    for (const [term, w] of terms) {
      header[term] = [offset, offset + w.length, w.df];
      offset += w.length;
    }
    const head = encoder.encode(`${JSON.stringify(header)}\n`);
    const out = new Uint8Array(head.length + offset);
    out.set(head);
    let at = head.length;
    for (const [, w] of terms) {
      out.set(w.bytes.subarray(0, w.length), at);
      at += w.length;
    }
    files.set(searchPath.shard(n), out);
  });

  const facets: Facets = {
    tags: [...tagCounts].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0)),
    months: [...monthCounts].sort(([a], [b]) => (a < b ? 1 : -1)),
    undated,
    pending,
  };
  files.set(searchPath.facets, encoder.encode(JSON.stringify(facets)));
  return { manifest: { shards, docs: articles.length }, files };
}

/** Documents `start`…`end - 1` of `articles` through `doc`: each term id's postings. */
function indexDocuments(
  doc: DocumentTerms,
  articles: readonly Article[],
  start: number,
  end: number,
): PostingsWriter[] {
  const writers: PostingsWriter[] = [];
  for (let n = start; n < end; n++) {
    const article = articles[n]!;
    doc.start(n);
    doc.field = FIELD.title;
    indexTerms(foldText(article.title), doc);
    doc.field = FIELD.heading;
    for (const h of article.headings) indexTerms(foldText(h.text), doc);
    doc.field = FIELD.tag;
    for (const t of article.tags) indexTerms(foldText(t), doc);
    doc.field = FIELD.body;
    indexTerms(foldText(`${article.summary}\n${plainText(article.html)}`), doc);
    for (const f of facetTermsOf(article)) doc.add(f);
    doc.flush(writers);
  }
  return writers;
}

/** Changes when what a block holds or how it is encoded changes (with terms.ts and fold.ts). */
const INDEX_BLOCK_FORMAT = 1;

/** A block: one JSON line `[[term, df, last, length], …]`, then each term's postings in order. */
function encodeBlock(terms: readonly (readonly [string, PostingsWriter])[]): Uint8Array {
  const head = encoder.encode(`${JSON.stringify(terms.map(([t, w]) => [t, w.df, w.last, w.length]))}\n`);
  const out = new Uint8Array(head.length + terms.reduce((n, [, w]) => n + w.length, 0));
  out.set(head);
  let at = head.length;
  for (const [, w] of terms) {
    out.set(w.bytes.subarray(0, w.length), at);
    at += w.length;
  }
  return out;
}

function* decodeBlock(bytes: Uint8Array): Generator<[string, { bytes: Uint8Array; df: number; last: number }]> {
  const newline = bytes.indexOf(10);
  const terms = JSON.parse(decoder.decode(bytes.subarray(0, newline))) as [string, number, number, number][];
  let at = newline + 1;
  for (const [term, df, last, length] of terms) {
    yield [term, { bytes: bytes.subarray(at, at + length), df, last }];
    at += length;
  }
}

/** A term's postings: document numbers ascending, and the fields of each. */
export interface Postings {
  docs: Uint32Array;
  fields: Uint8Array;
}

/** A decoded shard: where each term's postings are in its bytes. */
export interface Shard {
  terms: Record<string, [number, number, number]>;
  body: Uint8Array;
}

const decoder = new TextDecoder();

export function decodeShard(bytes: Uint8Array): Shard {
  const newline = bytes.indexOf(10);
  if (newline < 0) throw new Error("index shard has no header line");
  const terms = JSON.parse(decoder.decode(bytes.subarray(0, newline))) as Shard["terms"];
  return { terms, body: bytes.subarray(newline + 1) };
}

/** The postings of `term` in a decoded shard, or undefined when the term is not indexed. */
export function postingsOf(shard: Shard, term: string): Postings | undefined {
  if (!Object.hasOwn(shard.terms, term)) return undefined;
  const [start, end, df] = shard.terms[term]!;
  if (end > shard.body.length) throw new Error(`postings of a term past the end of the shard`);
  const docs = new Uint32Array(df);
  const fields = new Uint8Array(df);
  const body = shard.body;
  let doc = -1;
  let at = start;
  for (let i = 0; i < df; i++) {
    let v = body[at++]!;
    // Dense lists are almost all one-byte gaps: decode those without the general loop.
    if (v >= 128) {
      v &= 127;
      let shift = 7;
      let b: number;
      do {
        b = body[at++]!;
        v += (b & 127) * 2 ** shift;
        shift += 7;
      } while (b >= 128 && at < end);
    }
    fields[i] = v & 15;
    doc += Math.floor(v / 16);
    docs[i] = doc;
  }
  return { docs, fields };
}
