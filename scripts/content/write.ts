/**
 * Writes what the worker deploys with (all git-ignored): the content store beside the script, as
 * Workers Static Assets under public/_store/ (src/content/store/format.ts says what is in it), and
 * src/generated/content.ts with the store's manifest: site settings, counts and the articles still
 * scheduled (a preview build's manifest is a store file instead: generated.ts `contentModule`).
 * Nothing in the script grows with the archive.
 *
 * Files are written only when their bytes change, and files no longer part of the store are
 * removed: a rebuild after one article changes rewrites only what that article touches (its pack,
 * its list shards, its index bucket, its sitemap chunk), so a deploy uploads only those.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import type { Article, ContentModel } from "../../src/content/model.ts";
import { feedItemBytes } from "../../src/render/feeds/size.ts";
import { PREVIEW_MANIFEST, STORE_DIR, type StoreManifest } from "../../src/content/store/format.ts";
import { packParts, packRecord, pendingRanksOf, storeArticles } from "./pack.ts";
import { assetsSource, readAssets } from "./assets.ts";
import { renderIcons } from "./icons.ts";
import { IMAGE_CACHE_DIR } from "./images.ts";
import { codeHash } from "./cache.ts";
import {
  facetsFile,
  fillIndexBlocks,
  INDEX_BLOCK,
  INDEX_BLOCK_FORMAT,
  indexBlocksOf,
  indexFiles,
  patchIndex,
  writeSearchIndex,
  type BlockChange,
  type IndexBlock,
  type IndexBlocks,
} from "./search-index.ts";
import { searchPath, shardCount } from "../../src/content/search/format.ts";
import { frame, unframe } from "../../src/content/store/framing.ts";
import { indexKeyOf, type ArticleOutputs } from "./outputs.ts";
import { buildPool, threadsFor } from "./threads.ts";
import type { IndexTask } from "./tasks.ts";
import { mapLimit } from "./files.ts";
import { ASSETS_DIR, GENERATED_DIR, hashTree, writeContentModule, writeIfChanged } from "./generated.ts";

export { ASSETS_DIR, GENERATED_DIR };

export interface WriteOptions {
  /** Pack drafts too: local preview builds only (`npm run dev` sets CONTENT_PREVIEW=true). */
  preview?: boolean;
  /** The build's clock (ms): articles dated later are scheduled. */
  builtAt?: number;
  /** Threads to index the search over (threads.ts `threadsFor`): by default one per core. */
  threads?: number;
  /** What the build's threads made of each article (`BuildResult.outputs`); made here when absent. */
  outputs?: ReadonlyMap<Article, ArticleOutputs>;
  /** Where the line saying why the store memo was not used goes. */
  log?: (line: string) => void;
  /** src/'s hash (generated.ts `hashTree`) when the build took it already (last-build.ts). */
  renderVersion?: string;
}

export interface WriteResult {
  /** The generated module, relative to the root. */
  module: string;
  manifest: StoreManifest;
  /** Store files in all, and how many this build wrote (new or changed) and removed. */
  files: number;
  written: number;
  removed: number;
  /** The hash of src/ the generated module carries (its RENDER_VERSION). */
  renderVersion: string;
}

export async function writeGenerated(
  root: string,
  model: ContentModel,
  {
    preview = false,
    builtAt = Date.now(),
    threads,
    outputs,
    log = console.log,
    renderVersion: taken,
  }: WriteOptions = {},
): Promise<WriteResult> {
  const out = join(root, GENERATED_DIR);
  await mkdir(out, { recursive: true });
  // Bodies were text modules inside the script before the store; leave none behind.
  await rm(join(out, "bodies"), { recursive: true, force: true });

  // What the build's threads made of each article (outputs.ts), else made here.
  const feedBytes = (a: Article) => outputs?.get(a)?.feedBytes ?? feedItemBytes(a, model.site);
  const recordOf = (a: Article) => outputs?.get(a)?.record ?? packRecord(a);
  const keys = new Map<Article, string>();
  // Asked twice per article (fillIndexBlocks, then packStore): made once.
  const keyOf = (a: Article) =>
    outputs?.get(a)?.indexKey ?? keys.get(a) ?? (keys.set(a, indexKeyOf(packRecord(a))), keys.get(a)!);
  // CONTENT_BUILD_CACHE=off builds without any memory of earlier builds (cache.ts), blocks too.
  const indexBlocks =
    process.env.CONTENT_BUILD_CACHE === "off" ? memoryBlocks(keyOf) : await openIndexBlocks(root, keyOf);
  // The index's blocks are made on the build's threads, while this thread packs everything else;
  // then the blocks are only joined (the same bytes as indexing in one go: search-index.ts).
  const indexed = storeArticles(model, preview);
  // The threads are asked for only when blocks must be indexed, as many as they have documents
  // for: a rebuild that changed nothing the index holds starts none, one that changed one block
  // indexes it here.
  let threadCount = 1;
  const decoder = new TextDecoder();
  // An article from the manifest of sources (manifest.ts) has its body in its record only.
  const withBody = (a: Article): Article =>
    outputs?.get(a)?.stored ? (JSON.parse(decoder.decode(recordOf(a))) as Article) : a;
  const store = join(root, ASSETS_DIR, STORE_DIR);
  const { files: memo, search: searchBefore } =
    process.env.CONTENT_BUILD_CACHE === "off" ? { files: new Map<string, Written>() } : await readStoreMemo(root, log);
  const statOf = (path: string) => statSync(join(store, path), { throwIfNoEntry: false });
  const intact = (path: string, key: string) => {
    const was = memo.get(path);
    const st = was?.key === key ? statOf(path) : undefined;
    return !!st && st.size === was!.size && st.mtimeMs === was!.mtimeMs;
  };
  // The search index's files, kept whole when the memo wrote them from the same documents and they
  // are still as written: then no block is read or joined (`indexInputKey`).
  // Every document's key, by rank: asked of each article once.
  const indexKeys = indexed.map(keyOf);
  const searchKey = indexInputKey(indexKeys, pendingRanksOf(indexed, builtAt));
  const searchFiles = indexFiles(indexed.length);
  const searchKept = searchFiles.every((path) => intact(path, searchKey));
  const blockList = indexBlocksOf(indexKeys).map((block) => ({ block, name: indexBlocks.nameOf(block) }));
  // A few documents changed: their blocks and the shards holding their terms are patched (`planPatch`).
  const changes = searchKept ? undefined : planPatch();
  const indexing =
    searchKept || changes
      ? Promise.resolve()
      : fillIndexBlocks(
          indexed,
          indexBlocks,
          async (ranges) => {
            if (!ranges.length) return [];
            const pool = buildPool(threadCount);
            return pool.run(
              ranges.map(({ start, articles }): IndexTask => {
                if (pool.threads === 1) return { kind: "index", start, articles: articles.map(withBody) };
                // Records, not articles: a copy of bytes is far cheaper than cloning their objects.
                const records = articles.map(recordOf);
                const bytes = new Uint8Array(records.reduce((n, r) => n + r.byteLength, 0));
                const ends: number[] = [];
                for (const r of records) {
                  bytes.set(r, ends.at(-1) ?? 0);
                  ends.push((ends.at(-1) ?? 0) + r.byteLength);
                }
                return { kind: "index", start, records: { bytes, ends } };
              }),
              // Ranges of equal size, all handed out now: this thread is busy packing until they are done.
              { upfront: true },
            );
          },
          // Fewer documents than a few blocks are indexed here: a thread's start costs more.
          (documents) => (threadCount = threadsFor(documents < 4 * INDEX_BLOCK ? 0 : documents, threads)),
        );
  // What each store file was made from (its key in the memo): a pack's records' hashes, a list's
  // or sitemap's entries, the search index's documents.
  const madeFrom = new Map<string, string>(searchFiles.map((path) => [path, searchKey]));
  // A file is kept when the memo wrote it from these inputs and it is still as written.
  // The same inputs for several files (the slug index's buckets: pack.ts) are hashed once.
  const hashed = new WeakMap<readonly string[], string>();
  const keptFile = (path: string, inputs: readonly string[]) => {
    let key = hashed.get(inputs);
    if (key === undefined) hashed.set(inputs, (key = createHash("sha1").update(inputs.join("\0")).digest("base64url")));
    madeFrom.set(path, key);
    return intact(path, key);
  };
  /**
   * The blocks whose documents changed since the build that wrote the index files, when that
   * build's memo vouches for every shard (the same documents' index, as written), the number of
   * shards is the same and few documents changed: else undefined, and the index is joined from
   * its blocks as before. A document is changed when its key at its rank differs from the one its
   * block held then (the block's keys are kept with it, `openIndexBlocks`).
   */
  function planPatch(): BlockChange[] | undefined {
    const was = searchBefore;
    if (!was || was.shards !== shardCount(indexed.length)) return undefined;
    if (!searchFiles.every((path) => path === searchPath.facets || intact(path, was.key))) return undefined;
    const planned: BlockChange[] = [];
    let documents = 0;
    for (let i = 0; i < Math.max(blockList.length, was.blocks.length); i++) {
      const now = blockList[i];
      if (now?.name === was.blocks[i]) continue;
      const start = i * INDEX_BLOCK;
      const then = was.blocks[i] === undefined ? undefined : indexBlocks.previous(was.blocks[i]!);
      // A block of then gone from the cache, or whose keys are not those its name hashes (edited by
      // hand): its documents' terms of then are unknown.
      if (was.blocks[i] !== undefined) {
        if (!then) return undefined;
        const named = { format: INDEX_BLOCK_FORMAT, start, end: start + then.keys.length, keys: then.keys };
        if (indexBlocks.nameOf(named) !== was.blocks[i]) return undefined;
      }
      const keys = now?.block.keys ?? [];
      const ranks: number[] = [];
      for (let at = 0; at < Math.max(keys.length, then?.keys.length ?? 0); at++)
        if (keys[at] !== then?.keys[at]) ranks.push(start + at);
      documents += ranks.length;
      planned.push({
        start,
        end: start + INDEX_BLOCK,
        before: then?.bytes,
        docs: keys.length,
        changed: ranks,
        doc: (rank) => withBody(indexed[rank]!),
      });
      // Many changes (an article added among old ones renumbers all after it): joining costs less.
      if (documents > PATCH_DOCUMENTS || planned.length > PATCH_BLOCKS) return undefined;
    }
    return planned;
  }

  /** The index files after `planned` (`patchIndex`): the shards it made, the facets; its blocks kept for the next build. */
  function patched(planned: BlockChange[]): ReturnType<typeof writeSearchIndex> {
    const out = patchIndex(planned, shape.shards, (n) => readFileSync(join(store, searchPath.shard(n))));
    planned.forEach((change, i) => {
      const bytes = out.blocks[i];
      const now = blockList[change.start / INDEX_BLOCK];
      if (bytes && now) indexBlocks.set(now.block, bytes);
      const then = searchBefore!.blocks[change.start / INDEX_BLOCK];
      if (then !== undefined && then !== now?.name) indexBlocks.forget(then);
    });
    const files = new Map([...out.shards].map(([n, bytes]) => [searchPath.shard(n), bytes]));
    files.set(searchPath.facets, facetsFile(parts.articles, parts.pendingRanks));
    return { manifest: shape, files };
  }

  const parts = packParts(model, { preview, builtAt, feedBytes, recordOf, keptFile, recordKeys: indexKeys });
  await indexing;
  const shape = { shards: shardCount(indexed.length), docs: indexed.length };
  const { manifest, files, kept } = parts.finish(
    searchKept
      ? { manifest: shape, files: new Map() }
      : changes
        ? patched(changes)
        : writeSearchIndex(parts.articles, parts.pendingRanks, indexBlocks),
  );
  if (searchKept || changes) {
    // The shards no change reached are kept (all of them when no document changed).
    for (const path of searchFiles) if (!files.has(path)) kept.add(path);
  }
  // Blocks not read by this build are still those of its documents: only a build that joined them prunes.
  else await indexBlocks.prune();
  // Made before the store is written: from its first write to its manifest's, the build has no
  // pause in which wrangler dev's watcher of the assets folder (100 ms) reloads a half-written store.
  const renderVersion = taken ?? (await hashTree(root, "src"));
  const assets = await readAssets(root, { preview });
  const icons = await renderIcons(root);
  const existing = await listTree(store);
  let removed = 0;
  for (const path of existing) {
    // A preview build's manifest is written last (`writeContentModule`); a deployed build has none.
    if (preview && path === PREVIEW_MANIFEST) continue;
    if (!files.has(path) && !kept.has(path)) {
      await rm(join(store, path));
      removed++;
    }
  }
  const dirs = new Set([...files.keys()].map((p) => dirname(join(store, p))));
  for (const dir of dirs) await mkdir(dir, { recursive: true });
  let written = 0;
  const next = new Map<string, Written>();
  // A kept file is as the memo wrote it, made from this build's inputs (a search shard no change
  // reached is the index of this build's documents).
  for (const path of kept) next.set(path, { ...memo.get(path)!, key: madeFrom.get(path) ?? memo.get(path)!.key });
  for (const [path, bytes] of files) {
    const sha1 = createHash("sha1").update(bytes).digest("base64url");
    const was = memo.get(path);
    let st = statOf(path);
    // The memo vouches for a file still as it wrote it; any other is compared byte for byte.
    const same = was && st && st.size === was.size && st.mtimeMs === was.mtimeMs && was.sha1 === sha1;
    if (!same && writeBytesIfChanged(join(store, path), bytes)) {
      written++;
      st = statOf(path);
    }
    if (st) next.set(path, { size: st.size, mtimeMs: st.mtimeMs, sha1, key: madeFrom.get(path) });
  }
  await writeIfChanged(
    join(out, "assets.ts"),
    `// Generated by scripts/build-content.ts from src/assets/. Do not edit.
import type { Asset, Icon } from "../content/assets.ts";

${assetsSource(assets)}
export const ICONS = ${JSON.stringify(icons, null, 2)} satisfies Record<string, Icon>;
`,
  );
  // A preview build's manifest file last of the store: wrangler dev reloads the worker after it.
  const module = relative(root, join(out, "content.ts"));
  await writeContentModule(root, module, renderVersion, manifest);
  if (process.env.CONTENT_BUILD_CACHE !== "off")
    await writeStoreMemo(root, next, { key: searchKey, shards: shape.shards, blocks: blockList.map((b) => b.name) });
  return {
    module,
    manifest,
    files: files.size + kept.size,
    written,
    removed,
    renderVersion,
  };
}

/**
 * What the build wrote to a store file: its size and time then, its bytes' SHA-1, and the key of
 * what it was made from (a pack's records, the search index's documents), when it has one.
 */
interface Written {
  size: number;
  mtimeMs: number;
  sha1: string;
  key?: string;
}

/**
 * The store memo (.cache/store-memo.json): each store file as this build's code last wrote it,
 * so a rebuild neither reads every store file to compare it, nor makes (or hashes) an article
 * pack, a list shard or a sitemap chunk whose inputs are unchanged (pack.ts `keptFile`), nor
 * reads and joins the search index's blocks when the documents it indexes are unchanged
 * (`indexInputKey`). A file whose size or time differ from the memo's is made and compared byte
 * for byte as before; a memo that does not check out (its checksum, another version of the build)
 * is no memo, said in one line.
 */
const STORE_MEMO = ".cache/store-memo.json";

/** The search index's files as the memo's build left them: made from its documents' blocks, in order. */
interface SearchMemo {
  /** `indexInputKey` of its documents: every shard's memo entry has it. */
  key: string;
  shards: number;
  /** Its blocks' names (`openIndexBlocks`), by their first document. */
  blocks: string[];
}

/** At most this many changed documents, in at most this many blocks, are patched into the index (`planPatch`). */
const PATCH_DOCUMENTS = 256;
const PATCH_BLOCKS = 8;

async function readStoreMemo(
  root: string,
  log: (line: string) => void,
): Promise<{ files: Map<string, Written>; search?: SearchMemo }> {
  const text = await readFile(join(root, STORE_MEMO), "utf8").catch(() => undefined);
  // None (a first build, or .cache/ deleted): nothing to say.
  if (text === undefined) return { files: new Map() };
  const none = (why: string) => {
    log(`content: the store memo ${why}; every store file is made again`);
    return { files: new Map<string, Written>() };
  };
  const newline = text.indexOf("\n");
  const body = text.slice(newline + 1);
  if (newline < 0 || text.slice(0, newline) !== createHash("sha256").update(body).digest("hex"))
    return none("does not match its checksum (edited or cut short)");
  try {
    const memo = JSON.parse(body) as { code: string; files: Record<string, Written>; search?: SearchMemo };
    if (memo.code !== (await codeHash())) return none("was written by another version of the build");
    return { files: new Map(Object.entries(memo.files)), search: memo.search };
  } catch {
    return none("does not match its checksum (edited or cut short)");
  }
}

async function writeStoreMemo(root: string, files: ReadonlyMap<string, Written>, search: SearchMemo): Promise<void> {
  const body = JSON.stringify({ code: await codeHash(), files: Object.fromEntries(files), search });
  const path = join(root, STORE_MEMO);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(`${path}.tmp`, `${createHash("sha256").update(body).digest("hex")}\n${body}`);
  await rename(`${path}.tmp`, path);
}

/**
 * What the index files are made of, as one key: each document's key (`keys`, by rank: `keyOf`, a
 * hash of its record, which holds all its terms and facets come from) and the documents hidden
 * until their time. The same key, the same files: `writeSearchIndex` is pure
 * given them and the build's code (the memo's own key), so the memo keeps the files it wrote under
 * it instead of joining every block again.
 */
function indexInputKey(keys: readonly string[], pendingRanks: readonly number[]): string {
  // One update of the keys joined: an update per article took 31 ms at 5,000 articles under the profiler.
  return createHash("sha1")
    .update(`${keys.join("\0")}\0pending\0${pendingRanks.join(",")}`)
    .digest("base64url");
}

/** The index blocks a build reads and writes (search-index.ts), named, with what `planPatch` asks of them. */
interface NamedBlocks extends IndexBlocks {
  nameOf(block: IndexBlock): string;
  /** The block written under `name` by an earlier build, with its documents' keys, if it is still there. */
  previous(name: string): { keys: string[]; bytes: Uint8Array } | undefined;
  forget(name: string): void;
  prune(): Promise<void>;
}

/** Index blocks kept for this build only (CONTENT_BUILD_CACHE=off): made on the threads, joined once. */
function memoryBlocks(keyOf: (a: Article) => string): NamedBlocks {
  const kept = new Map<string, Uint8Array>();
  const nameOf = (block: IndexBlock) => JSON.stringify(block);
  return {
    keyOf,
    nameOf,
    get: (block) => kept.get(nameOf(block)),
    set: (block, bytes) => void kept.set(nameOf(block), bytes),
    previous: () => undefined,
    forget: () => {},
    prune: async () => {},
  };
}

/** Where index blocks are kept between builds, one folder per version of the build's code. */
export const INDEX_BLOCKS_DIR = ".cache/search-blocks";

/**
 * The search index's blocks on disk (search-index.ts IndexBlocks): a rebuild after one article
 * changes indexes only that article, patching its block (`planPatch`), and reads no other. A
 * block is named by the SHA-256 of its documents' keys (an article's key hashes what its terms
 * come from) and framed with those keys (framing.ts), so the next build can tell which of its
 * documents changed. Blocks of older build code, or not used by this build, are deleted.
 */
async function openIndexBlocks(root: string, keyOf: (a: Article) => string): Promise<NamedBlocks> {
  const code = await codeHash();
  const dir = join(root, INDEX_BLOCKS_DIR, code);
  for (const old of await readdir(join(root, INDEX_BLOCKS_DIR)).catch(() => [] as string[]))
    if (old !== code) await rm(join(root, INDEX_BLOCKS_DIR, old), { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const used = new Set<string>();
  const nameOf = (block: IndexBlock) =>
    `${createHash("sha256").update(JSON.stringify(block)).digest("hex").slice(0, 32)}.blk`;
  const read = (name: string) => {
    try {
      const { header, body } = unframe<{ keys: string[] }>(readFileSync(join(dir, name)));
      return { keys: header.keys, bytes: body };
    } catch {
      return undefined;
    }
  };
  return {
    keyOf,
    nameOf,
    get(block) {
      const name = nameOf(block);
      used.add(name);
      return read(name)?.bytes;
    },
    set(block, bytes) {
      const name = nameOf(block);
      used.add(name);
      const path = join(dir, name);
      // Whole or not at all: a build stopped mid-write leaves no block that reads as complete.
      writeFileSync(`${path}.tmp`, frame({ keys: block.keys }, [bytes]));
      renameSync(`${path}.tmp`, path);
    },
    previous: read,
    forget: (name) => rmSync(join(dir, name), { force: true }),
    async prune() {
      for (const name of await readdir(dir)) if (!used.has(name)) await rm(join(dir, name), { force: true });
    },
  };
}

/** Every file under `dir`, relative to it with forward slashes ([] when it does not exist). */
async function listTree(dir: string): Promise<string[]> {
  try {
    // Synchronously: the promise API's recursive listing awaits once per folder and costs more under load.
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => relative(dir, join(d.parentPath, d.name)).split("\\").join("/"));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw e;
  }
}

/**
 * Writes `bytes` unless the file already holds exactly them; true when it wrote. Synchronously:
 * the build has nothing else to do meanwhile, and thousands of store files written through the
 * thread pool's asynchronous calls cost more in their round trips than in the writing.
 */
function writeBytesIfChanged(path: string, bytes: Uint8Array): boolean {
  let current: Buffer | undefined;
  try {
    current = readFileSync(path);
  } catch {
    current = undefined;
  }
  if (current && current.byteLength === bytes.byteLength && current.equals(bytes)) return false;
  writeFileSync(path, bytes);
  return true;
}

/**
 * public/media/ (served by Workers Static Assets at /media/<file>): what the build published of
 * content/media/ (`BuildResult.mediaFiles`): a photo's variants from the image cache, never the
 * photo; GIF and SVG as they are. A variant's name carries its bytes' digest, so one already there
 * with the same length is the same file and is not copied again; files no longer published go.
 */
export async function writeMedia(root: string, files: ReadonlyMap<string, string>): Promise<number> {
  const to = join(root, ASSETS_DIR, "media");
  await mkdir(to, { recursive: true });
  for (const stale of (await readdir(to)).filter((f) => !files.has(f))) await rm(join(to, stale));
  const fingerprinted = join(root, IMAGE_CACHE_DIR);
  let copied = 0;
  await mapLimit([...files], 16, async ([file, source]) => {
    const target = join(to, file);
    const [have, want] = await Promise.all([stat(target).catch(() => undefined), stat(source)]);
    if (have?.size === want.size && source.startsWith(fingerprinted)) return;
    if (have?.size === want.size && (await readFile(target)).equals(await readFile(source))) return;
    await copyFile(source, target);
    copied++;
  });
  return copied;
}
