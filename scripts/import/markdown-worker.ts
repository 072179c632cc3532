/**
 * The worker that converts imported bodies to Markdown (markdown.ts), so that one over its time
 * budget can be stopped (budget.ts, issue 29): it says it is ready once loaded, then answers each
 * body with its conversion, or with the error that stopped it. One worker serves a whole import.
 */
import { parentPort, workerData } from "node:worker_threads";
import { markdownConverter, type ToConvert } from "./markdown.ts";

const convert = markdownConverter(new Map(workerData as [string, string][]));
parentPort!.on("message", (job: ToConvert) => {
  try {
    parentPort!.postMessage({ out: convert(job) });
  } catch (e) {
    parentPort!.postMessage({ error: (e as Error).message });
  }
});
parentPort!.postMessage({ ready: true });
