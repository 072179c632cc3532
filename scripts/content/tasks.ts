/**
 * The tasks the build gives its threads (threads.ts) and what they answer: plain data, with the
 * byte buffers that move between threads rather than being copied. Types and one helper only, so
 * the build's main thread need not load what the tasks run (thread.ts) when other threads do.
 */
import type { CompiledFile, CompileTask } from "./article.ts";
import type { IndexedArticle } from "./search-index.ts";

/**
 * Documents `start`… of the search index, as a block (search-index.ts `indexRange`): the articles
 * themselves (in this thread), or their pack records one after another (`ends`: where each ends),
 * which cross to another thread as one copy of bytes the build already has.
 */
export interface IndexTask {
  kind: "index";
  start: number;
  articles?: IndexedArticle[];
  records?: { bytes: Uint8Array; ends: number[] };
}

export type Task = CompileTask | IndexTask;
export type TaskResult<T extends Task> = T extends CompileTask ? CompiledFile[] : Uint8Array;

/**
 * The byte buffers of a task or a result that move to the other thread rather than being copied:
 * those nothing else holds (a record's, a block's, a task's records).
 */
export function transferable(value: Task | CompiledFile[] | Uint8Array): ArrayBuffer[] {
  const buffers =
    value instanceof Uint8Array
      ? [value]
      : Array.isArray(value)
        ? value.flatMap((f) => (f.outputs ? [f.outputs.record] : []))
        : value.kind === "index" && value.records
          ? [value.records.bytes]
          : [];
  return buffers
    .filter((b) => b.byteOffset === 0 && b.byteLength === b.buffer.byteLength)
    .map((b) => b.buffer as ArrayBuffer);
}
