/**
 * The build's worker threads (node:worker_threads): the per-article work (reading, front matter,
 * Markdown, QR codes) and the search index's blocks are spread over one thread per available core,
 * so a large archive builds on every core instead of one.
 *
 * A task is plain data in, plain data out (structured clone), and its result depends on nothing
 * but the task: the same content gives the same bytes whatever the number of threads. With one
 * thread the tasks run in this thread, through the same functions (thread.ts `runTask`), so there
 * is one code path; small sites never pay for starting threads (`threadsFor`).
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { transferable, type Task, type TaskResult } from "./tasks.ts";

/**
 * Below this many articles per extra thread, starting one (a fresh V8 loading markdown-it, yaml
 * and the build's modules: a few hundred ms) costs more than it saves.
 */
const ARTICLES_PER_THREAD = 500;

/**
 * How many threads to build `articles` articles with: `requested` when given (the build's
 * `--threads`, or CONTENT_BUILD_THREADS), else one per available core, as many as have enough work.
 */
export function threadsFor(articles: number, requested?: number): number {
  const asked = requested ?? (Number(process.env.CONTENT_BUILD_THREADS) || undefined);
  if (asked !== undefined) return Math.max(1, Math.floor(asked));
  return Math.max(1, Math.min(availableParallelism(), Math.floor(articles / ARTICLES_PER_THREAD)));
}

/** Runs tasks on `threads` threads (this one when 1); results in the order of the tasks. */
export interface Pool {
  readonly threads: number;
  /**
   * Each task goes to the next thread free, or with `upfront` all at once, in turn to each thread
   * (tasks of equal size), so that the threads work on while this one is busy with other things.
   */
  run<T extends Task>(tasks: readonly T[], options?: { upfront?: boolean }): Promise<TaskResult<T>[]>;
  /** Stops the threads (a pool of one has none). */
  close(): Promise<void>;
}

let shared: Pool | undefined;

/**
 * The build's pool of `threads` threads, kept between the build's steps (buildContent, then
 * writeGenerated) so threads start once; asking for another number replaces it.
 */
export function buildPool(threads: number): Pool {
  if (shared?.threads !== threads) {
    void shared?.close();
    shared = openPool(threads);
  }
  return shared;
}

function openPool(threads: number): Pool {
  if (threads <= 1) {
    return {
      threads: 1,
      run: async (tasks) => {
        // Loaded only here: with other threads, this one never runs a task.
        const { runTask } = await import("./thread.ts");
        const out = [];
        for (const task of tasks) out.push(await runTask(task));
        return out;
      },
      close: async () => {},
    };
  }
  const workers: Worker[] = [];
  for (let i = 0; i < threads; i++) workers.push(new Worker(new URL("./thread.ts", import.meta.url)));
  // The threads idle between runs without keeping the process alive; a run holds them.
  for (const w of workers) w.unref();
  return {
    threads,
    async run<T extends Task>(tasks: readonly T[], { upfront = false } = {}): Promise<TaskResult<T>[]> {
      const results: TaskResult<T>[] = new Array(tasks.length);
      let next = 0;
      const feed = (worker: Worker, n: number) =>
        new Promise<void>((resolve, reject) => {
          // The tasks given to this thread and not answered yet, in the order it answers them.
          const queue: number[] = [];
          const post = (at: number) => {
            queue.push(at);
            worker.postMessage(tasks[at], transferable(tasks[at]!));
          };
          const stop = () => {
            worker.off("message", onMessage).off("error", fail);
            worker.unref();
          };
          const fail = (error: unknown) => {
            stop();
            reject(error);
          };
          const onMessage = (message: { ok: true; result: unknown } | { ok: false; error: unknown }) => {
            if (!message.ok) return fail(message.error);
            results[queue.shift()!] = message.result as TaskResult<T>;
            if (!upfront && next < tasks.length) post(next++);
            if (queue.length === 0) {
              stop();
              resolve();
            }
          };
          worker.ref();
          worker.on("message", onMessage).on("error", fail);
          if (upfront) for (let at = n; at < tasks.length; at += workers.length) post(at);
          else if (next < tasks.length) post(next++);
          if (queue.length === 0) {
            stop();
            resolve();
          }
        });
      await Promise.all(workers.map(feed));
      return results;
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
