/**
 * The flood of distinct URLs (the memory-budget issue): the bundled worker, as deployed, gets
 * 9,900 requests for the article page with distinct 15 KB query strings, then as many for a path
 * that does not exist; workerd's resident memory is read before and after each. What the isolate
 * keeps across requests is keyed only by canonical representations, so the first flood should
 * leave it no larger than the second.
 */
import { bundleWorker } from "../scripts/wrangler/bundle.ts";
import { freePort } from "../scripts/wrangler/dev-server.ts";
import { localWorker } from "../scripts/wrangler/local-worker.ts";
import { ARTICLE } from "./load.ts";
import { rssMiB, workerdPids } from "./process.ts";
import type { FloodRow, KvFloodRow } from "./results.ts";

export async function runFlood(root: string, log: (s: string) => void, requests = 9_900): Promise<FloodRow[]> {
  const bundle = await bundleWorker(root);
  const rows: FloodRow[] = [];
  for (const path of [ARTICLE, "/no/such/page"]) {
    const before = workerdPids();
    const mf = localWorker(bundle, { port: await freePort() });
    try {
      const url = (await mf.ready).toString().replace(/\/$/, "");
      await (await fetch(url + ARTICLE)).arrayBuffer();
      const pids = workerdPids().filter((p) => !before.includes(p));
      const rssBeforeMiB = rssMiB(pids);
      const padding = "q".repeat(15_000);
      let next = 0;
      const worker = async () => {
        while (next < requests) {
          const i = next++;
          await (await fetch(`${url}${path}?n=${i}&${padding}`)).arrayBuffer();
        }
      };
      await Promise.all(Array.from({ length: 8 }, worker));
      const rssAfterMiB = rssMiB(pids);
      log(
        `flood ${path}: ${requests} requests, workerd RSS ${rssBeforeMiB?.toFixed(0)} → ${rssAfterMiB?.toFixed(0)} MiB`,
      );
      rows.push({ path, requests, rssBeforeMiB, rssAfterMiB });
    } finally {
      await mf.dispose();
    }
  }
  return rows;
}

/**
 * KV writes a hostile client can cause: 1,000 requests a script would send to burn the KV quota
 * (API filter combinations with every limit, oEmbed sizes, searches, long and unknown slugs and
 * tags), counted as the keys in the worker's local KV afterwards. Twice: without the isolate's
 * write budget (what the canonical-key rules alone allow) and with the default budget.
 */
export async function runKvFlood(root: string, log: (s: string) => void, requests = 1_000): Promise<KvFloodRow[]> {
  const bundle = await bundleWorker(root);
  const rows: KvFloodRow[] = [];
  for (const budget of ["none", "default"] as const) {
    const vars: Record<string, string> = budget === "none" ? { RENDER_CACHE_KV_WRITES_PER_MINUTE: "Infinity" } : {};
    const mf = localWorker(bundle, { port: await freePort(), vars });
    try {
      const url = (await mf.ready).toString().replace(/\/$/, "");
      const list = (await (await fetch(`${url}/api/v1/articles?limit=1`)).json()) as { data: { url: string }[] };
      const article = list.data[0]?.url ?? `${url}/articles/none`;
      let x = 20261206;
      const next = () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0);
      const paths = Array.from({ length: requests }, (_, i) => {
        switch (i % 5) {
          case 0:
            return `/api/v1/articles?year=${1001 + (next() % 1100)}&limit=${1 + (next() % 50)}&category=news`;
          case 1:
            return `/oembed?url=${encodeURIComponent(article)}&maxwidth=${1 + (next() % 900)}&maxheight=${1 + (next() % 500)}`;
          case 2:
            return `/api/v1/search?q=${encodeURIComponent(`陶瓷 ${next() % 100_000}`)}`;
          case 3:
            return `/tags/${encodeURIComponent("标".repeat(1 + (next() % 60)))}`;
          default:
            return `/articles/${"a".repeat(1 + (next() % 600))}`;
        }
      });
      let at = 0;
      const worker = async () => {
        while (at < paths.length) await (await fetch(url + paths[at++]!)).arrayBuffer();
      };
      await Promise.all(Array.from({ length: 8 }, worker));
      await new Promise((r) => setTimeout(r, 1_000)); // writes run after their responses (waitUntil)
      const kv = await mf.getKVNamespace("RENDER_CACHE");
      let keys = 0;
      let cursor: string | undefined;
      do {
        const page = await kv.list(cursor ? { cursor } : {});
        keys += page.keys.length;
        cursor = page.list_complete ? undefined : page.cursor;
      } while (cursor);
      log(
        `kv flood (${budget === "none" ? "no write budget" : "default write budget"}): ${requests} requests, ${keys} KV keys written`,
      );
      rows.push({ budget, requests, kvWrites: keys });
    } finally {
      await mf.dispose();
    }
  }
  return rows;
}
