/**
 * A build thread (threads.ts): runs the tasks the build sends it, one at a time, and answers each
 * with its result or its error. The same `runTask` runs tasks in the build's own thread when it
 * has no others.
 */
import { isMainThread, parentPort } from "node:worker_threads";
import { compileArticles } from "./article.ts";
import { indexRange, type IndexedArticle } from "./search-index.ts";
import { transferable, type IndexTask, type Task, type TaskResult } from "./tasks.ts";

const decoder = new TextDecoder();

function articlesOf({ articles, records }: IndexTask): IndexedArticle[] {
  if (articles) return articles;
  let at = 0;
  return records!.ends.map(
    (end) => JSON.parse(decoder.decode(records!.bytes.subarray(at, (at = end)))) as IndexedArticle,
  );
}

export async function runTask<T extends Task>(task: T): Promise<TaskResult<T>> {
  switch (task.kind) {
    case "compile":
      return compileArticles(task) as TaskResult<T>;
    case "index":
      return indexRange(articlesOf(task), task.start) as TaskResult<T>;
  }
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  port.on("message", (task: Task) => {
    runTask(task).then(
      (result) => port.postMessage({ ok: true, result }, transferable(result)),
      (error: unknown) => port.postMessage({ ok: false, error }),
    );
  });
}
