/**
 * Search's own cost over a built content store, in this Node process (V8, as in workerd): the CPU
 * time of one query, from the parsed query to a page of results with snippets, with the store's
 * files already in memory (what the worker spends beyond I/O). "cold" parses every index shard the
 * query needs (a fresh isolate), "warm" finds them parsed (the isolate's store cache). Also the
 * index's size. Used by `npm run bench:scale` at every size.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createStore, isQueryProblem, parseQuery, searchPage, type StoreManifest } from "../src/content/index.ts";

/** Queries from the worst case (one character in every title) to one that finds nothing. */
export const SEARCH_QUERIES = ["瓷", "深化改革", "禅城 改革", '"三龙湾高端创新集聚区"', "量子计算"] as const;

export interface SearchCost {
  /** Bytes and files of the index (x/ in the store). */
  indexBytes: number;
  indexFiles: number;
  /** Per query: matches, and CPU ms of one query cold and warm (mean of the repetitions). */
  queries: { q: string; total: number; coldMs: number; warmMs: number }[];
}

export async function searchCost(projectDir: string, repetitions = 20): Promise<SearchCost> {
  const storeDir = join(projectDir, "public/_store");
  const { manifest } = (await import(pathToFileURL(join(projectDir, "src/generated/content.ts")).href)) as {
    manifest: StoreManifest;
  };
  const files = new Map<string, Uint8Array>();
  const read = async (path: string) => {
    let bytes = files.get(path);
    if (!bytes) {
      bytes = new Uint8Array(await readFile(join(storeDir, path)));
      files.set(path, bytes);
    }
    return bytes;
  };
  let indexBytes = 0;
  const names = await readdir(join(storeDir, "x"));
  for (const name of names) indexBytes += (await stat(join(storeDir, "x", name))).size;

  const now = Date.now();
  const window = { offset: 0, limit: manifest.site.pageSize };
  const queries: SearchCost["queries"] = [];
  for (const q of SEARCH_QUERIES) {
    const query = parseQuery(q);
    if (isQueryProblem(query)) throw new Error(`${q}: ${query.message}`);
    // Once to bring the files it reads into memory (not timed).
    const { total } = await searchPage(createStore(manifest, read), query, now, window);
    const cpu = async (fresh: boolean) => {
      const warm = createStore(manifest, read);
      await searchPage(warm, query, now, window);
      const start = process.cpuUsage();
      for (let i = 0; i < repetitions; i++)
        await searchPage(fresh ? createStore(manifest, read) : warm, query, now, window);
      const used = process.cpuUsage(start);
      return (used.user + used.system) / 1000 / repetitions;
    };
    queries.push({ q, total, coldMs: await cpu(true), warmMs: await cpu(false) });
  }
  return { indexBytes, indexFiles: names.length, queries };
}

if (import.meta.main) {
  const result = await searchCost(process.argv[2] ?? join(import.meta.dirname, ".."));
  console.log(JSON.stringify(result, null, 2));
}
