/**
 * The search index patched after a few documents change (scripts/content/search-index.ts
 * `patchIndex`, issue 30): the index files and blocks made from the files and blocks of before
 * are those of an index made from nothing, and only the shards holding a changed term are made.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Article } from "../../../src/content/model.ts";
import { searchPath } from "../../../src/content/search/format.ts";
import {
  patchIndex,
  writeSearchIndex,
  type BlockChange,
  type IndexBlock,
  type IndexBlocks,
} from "../../../scripts/content/search-index.ts";
import { makeArticle } from "../model.ts";

const WORDS = ["陶瓷", "博览会", "禅城", "石湾公仔", "岩板", "出口", "节能窑炉", "慈善", "ceramic", "2018"];
const BLOCK = 3;

/** Blocks kept in memory by their first document, with every block asked for or made. */
function memoryBlocks(): IndexBlocks & { byStart: Map<number, { keys: string[]; bytes: Uint8Array }> } {
  const byStart = new Map<number, { keys: string[]; bytes: Uint8Array }>();
  const same = (b: IndexBlock) => {
    const kept = byStart.get(b.start);
    return kept && kept.keys.length === b.keys.length && kept.keys.every((k, i) => k === b.keys[i]);
  };
  return {
    byStart,
    keyOf: (a) => JSON.stringify([a.title, a.tags, a.html, a.category, a.published]),
    get: (b) => (same(b) ? byStart.get(b.start)!.bytes : undefined),
    set: (b, bytes) => void byStart.set(b.start, { keys: b.keys, bytes }),
  };
}

const text = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 }).map((w) => w.join(""));
const articleOf = (i: number, title: string, body: string, tag: boolean): Article =>
  makeArticle({ slug: `a${i}`, title, tags: tag ? ["陶瓷"] : [], html: `<p>${body}</p>` });

type Change =
  | { kind: "title"; at: number; title: string }
  | { kind: "body"; at: number; body: string }
  | { kind: "tag"; at: number }
  | { kind: "append"; title: string }
  | { kind: "drop" };

const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({ kind: fc.constant("title" as const), at: fc.nat(), title: text }),
  fc.record({ kind: fc.constant("body" as const), at: fc.nat(), body: text }),
  fc.record({ kind: fc.constant("tag" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("append" as const), title: text }),
  fc.record({ kind: fc.constant("drop" as const) }),
);

function applyChange(articles: Article[], c: Change, n: number): Article[] {
  const at = "at" in c ? c.at % articles.length : 0;
  switch (c.kind) {
    case "title":
      return articles.map((a, i) => (i === at ? { ...a, title: c.title } : a));
    case "body":
      return articles.map((a, i) => (i === at ? { ...a, html: `<p>${c.body}</p>` } : a));
    case "tag":
      return articles.map((a, i) => (i === at ? { ...a, tags: a.tags.length ? [] : ["新标签"] } : a));
    case "append":
      return [...articles, articleOf(1000 + n, c.title, c.title, false)];
    case "drop":
      return articles.length > 1 ? articles.slice(0, -1) : articles;
  }
}

describe("patchIndex", () => {
  it("makes the files and blocks an index from nothing makes, after any few changes", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(text, text, fc.boolean()), { minLength: 1, maxLength: 12 }),
        fc.array(change, { minLength: 1, maxLength: 4 }),
        (specs, changes) => {
          const before = specs.map(([title, body, tag], i) => articleOf(i, title, body, tag));
          const blocks = memoryBlocks();
          const old = writeSearchIndex(before, new Set(), blocks, BLOCK);
          const after = changes.reduce(applyChange, before);
          const fresh = writeSearchIndex(after, new Set());
          // The same number of shards before and after (a patch's condition: write.ts).
          expect(fresh.manifest.shards).toBe(old.manifest.shards);

          const changed: BlockChange[] = [];
          for (let start = 0; start < Math.max(before.length, after.length); start += BLOCK) {
            const was = blocks.byStart.get(start);
            const keys = after.slice(start, start + BLOCK).map(blocks.keyOf);
            const ranks: number[] = [];
            for (let i = 0; i < Math.max(keys.length, was?.keys.length ?? 0); i++)
              if (keys[i] !== was?.keys[i]) ranks.push(start + i);
            if (!ranks.length) continue;
            changed.push({
              start,
              end: start + BLOCK,
              before: was?.bytes,
              docs: keys.length,
              changed: ranks,
              doc: (rank) => after[rank]!,
            });
          }
          const patched = patchIndex(changed, old.manifest.shards, (n) => old.files.get(searchPath.shard(n))!);
          for (let n = 0; n < fresh.manifest.shards; n++) {
            const path = searchPath.shard(n);
            expect(patched.shards.get(n) ?? old.files.get(path), path).toEqual(fresh.files.get(path));
          }
          // The patched blocks are read by the next build: joined, they make the same files.
          changed.forEach((c, i) => {
            const bytes = patched.blocks[i];
            if (bytes)
              blocks.set(
                { format: 0, start: c.start, end: 0, keys: after.slice(c.start, c.start + BLOCK).map(blocks.keyOf) },
                bytes,
              );
            else blocks.byStart.delete(c.start);
          });
          let made = 0;
          const counting: IndexBlocks = { ...blocks, set: (b, bytes) => (made++, blocks.set(b, bytes)) };
          expect(writeSearchIndex(after, new Set(), counting, BLOCK).files).toEqual(fresh.files);
          expect(made).toBe(0);
        },
      ),
      { numRuns: 150 },
    );
  }, 60_000);

  it("makes again only the shards holding a term whose postings changed", () => {
    const before = ["陶瓷博览会", "禅城岩板", "石湾公仔"].map((t, i) => articleOf(i, t, "正文", false));
    const blocks = memoryBlocks();
    const old = writeSearchIndex(before, new Set(), blocks, BLOCK);
    // One title gains 出口 (terms 出, 口, 出口) and loses nothing else: at most three shards.
    const after = before.map((a, i) => (i === 1 ? { ...a, title: "禅城岩板出口" } : a));
    const patched = patchIndex(
      [{ start: 0, end: BLOCK, before: blocks.byStart.get(0)!.bytes, docs: 3, changed: [1], doc: (r) => after[r]! }],
      old.manifest.shards,
      (n) => old.files.get(searchPath.shard(n))!,
    );
    const fresh = writeSearchIndex(after, new Set());
    const differ = [...Array(old.manifest.shards).keys()].filter(
      (n) =>
        !Buffer.from(old.files.get(searchPath.shard(n))!).equals(Buffer.from(fresh.files.get(searchPath.shard(n))!)),
    );
    expect([...patched.shards.keys()].sort((a, b) => a - b)).toEqual(differ);
    expect(differ.length).toBeGreaterThan(0);
    expect(differ.length).toBeLessThanOrEqual(3);
  });
});
