/**
 * The worker that reads a mirror's pages (mirror.ts `pageReader`), so that a page over its time
 * budget can be stopped (budget.ts): it says it is ready once loaded, then answers each page with
 * the page read, or with the error that stopped it.
 */
import { parentPort, workerData } from "node:worker_threads";
import { pageReader, type PageReaderData } from "./mirror.ts";

const read = await pageReader(workerData as PageReaderData);
parentPort!.on("message", ({ html, url }: { html: string; url: string }) => {
  try {
    parentPort!.postMessage({ out: read(html, url) });
  } catch (e) {
    parentPort!.postMessage({ error: (e as Error).message });
  }
});
parentPort!.postMessage({ ready: true });
