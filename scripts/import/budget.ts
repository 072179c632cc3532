/**
 * Work with a time budget (issue 29, "imports stay inside a budget"): a page of a mirror is read by
 * code that is not ours (linkedom, Readability) and that no check stops once it runs, so it runs in
 * a worker thread, and one that takes longer than its budget is stopped (the worker is ended and a
 * new one started for the next page). The budget is counted from when the worker is ready, so the
 * time it takes to load its modules is never charged to a page.
 */
import { Worker } from "node:worker_threads";

/** The answer to one run: the worker's reply, or that it ran over its budget and was stopped. */
export type Outcome<Out> = { done: Out } | { over: true };

/**
 * A worker running `file`, given `data` (its workerData), that answers each message with one
 * `{ ready: true }` once loaded, then `{ out }` or `{ error }` per message it is sent.
 */
export class Budgeted<In, Out> {
  #worker: Worker | undefined;
  #ready: Promise<void> | undefined;

  readonly #file: URL;
  readonly #data: unknown;

  constructor(file: URL, data: unknown) {
    this.#file = file;
    this.#data = data;
  }

  /** `input` sent to the worker, answered within `ms` milliseconds or stopped. */
  async run(input: In, ms: number): Promise<Outcome<Out>> {
    const worker = await this.#started();
    return new Promise((resolve, reject) => {
      const settle = () => {
        clearTimeout(timer);
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onExit);
      };
      const onMessage = (reply: { out?: Out; error?: string }) => {
        settle();
        if (reply.error !== undefined) reject(new Error(reply.error));
        else resolve({ done: reply.out as Out });
      };
      const onError = (error: Error) => {
        settle();
        this.#forget();
        reject(error);
      };
      const onExit = (code: number) => {
        settle();
        this.#forget();
        reject(new Error(`its reader stopped (exit code ${code})`));
      };
      const timer = setTimeout(() => {
        settle();
        void this.close();
        resolve({ over: true });
      }, ms);
      worker.on("message", onMessage);
      worker.once("error", onError);
      worker.once("exit", onExit);
      worker.postMessage(input);
    });
  }

  /** Ends the worker (the next run starts another). */
  async close(): Promise<void> {
    const worker = this.#worker;
    this.#forget();
    await worker?.terminate();
  }

  #forget() {
    this.#worker = undefined;
    this.#ready = undefined;
  }

  async #started(): Promise<Worker> {
    if (!this.#worker) {
      const worker = new Worker(this.#file, { workerData: this.#data });
      this.#worker = worker;
      this.#ready = new Promise((resolve, reject) => {
        worker.once("message", () => resolve());
        worker.once("error", reject);
        worker.once("exit", (code) => reject(new Error(`its reader did not start (exit code ${code})`)));
      });
    }
    const worker = this.#worker;
    await this.#ready;
    return worker;
  }
}
