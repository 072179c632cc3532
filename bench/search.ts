/**
 * Search's own cost over a built content store, in this Node process (V8, as in workerd): the CPU
 * time of one query, from the parsed query to a page of results with snippets, with the store's
 * files already in memory (what the worker spends beyond I/O). "cold" parses every index shard the
 * query needs (a fresh isolate), "warm" finds them parsed (the isolate's store cache). Also the
 * index's size. Used by `npm run bench:scale` at every size.
 *
 * And the search's quality on the labelled set (test/fixtures/search/queries.json): recall@10 and
 * MRR, saved to bench/results/search.json by `npm run bench` (and by `node bench/search.ts
 * --quality` alone); the tests assert a floor of the same figures.
 *
 *   node --experimental-strip-types bench/search.ts --quality     the labelled set alone
 *   node --experimental-strip-types bench/search.ts [<project>]   search cost over a built project
 *                                                                 (bench/results/search-cost.json)
 *
 * Run alone, either then regenerates docs/performance.md (bench/report.ts).
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { buildContent } from "../scripts/content/index.ts";
import { isQueryProblem, openContent, parseQuery, searchPage, type StoreManifest } from "../src/content/index.ts";
import { packStore } from "../scripts/content/pack.ts";
import { loadSearchCorpus } from "../support/search-corpus.ts";
import { evaluate } from "../support/search-quality.ts";
import { machine } from "./machine.ts";
import { writeReport } from "./report.ts";
import { saveResult } from "./result-files.ts";
import type { SearchCost, SearchQualityResult } from "./results.ts";

/** The labelled set over the test corpus and the seed, searched as the API does (Node's ICU). */
export async function runQuality(root: string): Promise<SearchQualityResult> {
  const { model } = await buildContent(root);
  if (!model) throw new Error("content/ does not build");
  const { corpus, queries } = await loadSearchCorpus(model);
  const now = Date.now();
  const { manifest, files } = packStore(corpus, { preview: false, builtAt: now });
  const content = openContent(manifest, async (p) => files.get(p));
  const quality = await evaluate(queries, async (q) => {
    const query = parseQuery(q);
    if (isQueryProblem(query)) return [];
    return (await searchPage(content, query, now, { offset: 0, limit: 10 })).results.map((r) => r.entry.slug);
  });
  const result = { machine: machine(root), quality };
  await saveResult(root, "search", result);
  return result;
}

/** Queries from the worst case (one character in every title) to one that finds nothing. */
export const SEARCH_QUERIES = ["瓷", "深化改革", "禅城 改革", '"三龙湾高端创新集聚区"', "量子计算"] as const;

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
  // Every query twice first: the files read into memory and the code compiled, as in an isolate
  // that has served a few searches (a fresh isolate's first query also pays for compiling).
  for (let round = 0; round < 2; round++) {
    for (const q of SEARCH_QUERIES) {
      const query = parseQuery(q);
      if (!isQueryProblem(query)) await searchPage(openContent(manifest, read), query, now, window);
    }
  }
  for (const q of SEARCH_QUERIES) {
    const query = parseQuery(q);
    if (isQueryProblem(query)) throw new Error(`${q}: ${query.message}`);
    // Once to bring the files it reads into memory (not timed).
    const { total } = await searchPage(openContent(manifest, read), query, now, window);
    const cpu = async (fresh: boolean) => {
      const warm = openContent(manifest, read);
      await searchPage(warm, query, now, window);
      const start = process.cpuUsage();
      for (let i = 0; i < repetitions; i++)
        await searchPage(fresh ? openContent(manifest, read) : warm, query, now, window);
      const used = process.cpuUsage(start);
      return (used.user + used.system) / 1000 / repetitions;
    };
    queries.push({ q, total, coldMs: await cpu(true), warmMs: await cpu(false) });
  }
  return { indexBytes, indexFiles: names.length, queries };
}

if (import.meta.main) {
  const root = join(import.meta.dirname, "..");
  if (process.argv[2] === "--quality") {
    const { quality } = await runQuality(root);
    await writeReport(root);
    console.log(JSON.stringify({ ...quality, byKind: undefined }, null, 2));
  } else {
    // A built project (a bench:scale stage kept, or this one): its search cost alone, saved for the report.
    const dir = process.argv[2] ?? root;
    const { manifest } = (await import(pathToFileURL(join(dir, "src/generated/content.ts")).href)) as {
      manifest: StoreManifest;
    };
    const cost = await searchCost(dir);
    const result = { machine: machine(root), articles: manifest.counts.all, cost };
    await saveResult(root, "search-cost", result);
    await writeReport(root);
    console.log(JSON.stringify(result, null, 2));
  }
}
