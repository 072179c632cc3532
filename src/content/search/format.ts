/**
 * The search index's format, written by the build beside the content store (store/format.ts; the
 * writer is scripts/content/search-index.ts) and read by the worker through the store's files.
 *
 * Documents are the articles of the site list, numbered by their rank in it (oldest = 0), so the
 * list shards already hold every result's summary and a new article only appends. Files:
 *
 * - `x/<n>.idx`: shard `n` of the inverted index. A term lives in shard `fnv1a(term) % shards`, so a
 *   query reads one file per term it looks up. A shard is framed (store/framing.ts): a header
 *   `{term: [start, end, df]}`, then each term's postings: for each document, ascending, one
 *   LEB128 varint of `gap × 16 + fields`, where `gap` is the distance from the previous document
 *   (+1 for the first) and `fields` the bits of FIELD the term occurs in.
 * - `x/facets.json`: every tag and month with its article count, the undated count, and the facets
 *   of articles still pending at build time (their counts are subtracted until their time).
 *
 * Facets (tag, month, year, section) are terms of the same index (terms.ts `facetTerm`), so a tag
 * page, an archive month and a search's section filter are one postings read each.
 */
import { fnv1a } from "../hash.ts";
import { unframe } from "../store/framing.ts";

/** Where a term occurs in a document: the ranking's order is title > heading > tag > body. */
export const FIELD = { body: 1, tag: 2, heading: 4, title: 8 } as const;

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
export function shardCount(documents: number): number {
  let n = 8;
  while (n < 4096 && n * 25 < documents) n *= 2;
  return n;
}

export function shardOf(term: string, shards: number): number {
  return fnv1a(term) % shards;
}

/** A term's postings: its documents' site-list ranks ascending, and the fields of each. */
export interface Postings {
  ranks: Uint32Array;
  fields: Uint8Array;
}

/** A decoded shard: where each term's postings are in its bytes. */
export interface Shard {
  terms: Record<string, [number, number, number]>;
  body: Uint8Array;
}

export function decodeShard(bytes: Uint8Array): Shard {
  const { header, body } = unframe<Shard["terms"]>(bytes);
  return { terms: header, body };
}

/** The postings of `term` in a decoded shard, or undefined when the term is not indexed. */
export function postingsOf(shard: Shard, term: string): Postings | undefined {
  if (!Object.hasOwn(shard.terms, term)) return undefined;
  const [start, end, df] = shard.terms[term]!;
  if (end > shard.body.length) throw new Error(`postings of a term past the end of the shard`);
  const ranks = new Uint32Array(df);
  const fields = new Uint8Array(df);
  const body = shard.body;
  let rank = -1;
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
    rank += Math.floor(v / 16);
    ranks[i] = rank;
  }
  return { ranks, fields };
}
