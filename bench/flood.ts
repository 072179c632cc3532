/**
 * The flood of distinct URLs (the memory-budget issue): the bundled worker, as deployed, gets
 * 9,900 requests for the article page with distinct 15 KB query strings, then as many for a path
 * that does not exist; workerd's resident memory is read before and after each. What the isolate
 * keeps across requests is keyed only by canonical representations, so the first flood should
 * leave it no larger than the second.
 */
import { bundleWorker } from "../scripts/lib/bundle.ts";
import { freePort } from "../scripts/lib/dev-server.ts";
import { localWorker } from "../scripts/lib/local-worker.ts";
import { ARTICLE } from "./load.ts";
import { rssMiB, workerdPids } from "./process.ts";
import type { FloodRow } from "./results.ts";

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
