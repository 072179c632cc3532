/**
 * The one reader of the content store's files: reads a file through the injected `read` (the
 * ASSETS binding in the worker, a map in tests), decodes it, keeps the parsed form within a byte
 * budget, and reports a fault as a value the caller has to look at. A missing, unreadable or
 * corrupt file is logged once per file per isolate, never thrown.
 */
import { ByteLru } from "../../lru.ts";

/** Bytes of a store file (path relative to the store directory), or undefined when there is none. */
export type ReadFile = (path: string) => Promise<Uint8Array | undefined>;
export type StoreLog = (event: Record<string, unknown>) => void;

/** The kinds of store file (format.ts and search/format.ts name their paths). */
export type FileKind = "pack" | "list" | "slugs" | "search" | "facets" | "sitemap";

/** A store file that could not be used: missing, unreadable (the read threw) or corrupt (did not decode). */
export interface StoreFault {
  kind: FileKind;
  path: string;
  problem: "missing" | "unreadable" | "corrupt";
}

/** A file's decoded value, or the fault that stands in for it. */
export type Got<T> = { ok: true; value: T } | { ok: false; fault: StoreFault };

/**
 * A result that may carry faults, as a render reports it: the file's value, or `fallback` and the
 * fault that stands in for it (with any, the answer is degraded: src/serving/index.ts).
 *
 * @example
 * const facets = valueOr(await content.facetCounts(now), undefined);
 * return { body: render(facets.value?.tags ?? []), type: MIME.html, faults: facets.faults };
 */
export function valueOr<T, F>(got: Got<T>, fallback: F): { value: T | F; faults: StoreFault[] } {
  return got.ok ? { value: got.value, faults: [] } : { value: fallback, faults: [got.fault] };
}

export class StoreFiles {
  readonly #read: ReadFile;
  readonly #log: StoreLog;
  readonly #parsed: ByteLru<unknown>;
  /** Paths whose fault was logged (at most one line per file per isolate; bounded by the store's files). */
  readonly #logged = new Set<string>();

  constructor(read: ReadFile, log: StoreLog, cacheBytes: number) {
    this.#read = read;
    this.#log = log;
    this.#parsed = new ByteLru(cacheBytes);
  }

  /** Bytes of the files whose parsed form is kept. */
  get heldBytes(): number {
    return this.#parsed.bytes;
  }

  /**
   * The file at `path`, decoded by `decode` (which throws on bytes it cannot read); kept parsed
   * when `keep` (small files read again and again: lists, slug buckets, index shards, facets).
   */
  async get<T>(kind: FileKind, path: string, decode: (bytes: Uint8Array) => T, keep = true): Promise<Got<T>> {
    if (keep) {
      const cached = this.#parsed.get(path);
      if (cached !== undefined) return { ok: true, value: cached as T };
    }
    let bytes: Uint8Array | undefined;
    try {
      bytes = await this.#read(path);
    } catch (error) {
      return this.fault({ kind, path, problem: "unreadable" }, error);
    }
    if (!bytes) return this.fault({ kind, path, problem: "missing" });
    let value: T;
    try {
      value = decode(bytes);
    } catch (error) {
      return this.fault({ kind, path, problem: "corrupt" }, error);
    }
    if (keep) this.#parsed.set(path, value, bytes.byteLength);
    return { ok: true, value };
  }

  /** Reports a fault found after decoding (a record past the end, a slug not where the index says). */
  fault(fault: StoreFault, error?: unknown): { ok: false; fault: StoreFault } {
    if (!this.#logged.has(fault.path)) {
      this.#logged.add(fault.path);
      this.#log({
        level: "error",
        msg: `store file ${fault.problem}`,
        kind: fault.kind,
        path: fault.path,
        ...(error === undefined ? {} : { error: String(error) }),
      });
    }
    return { ok: false, fault };
  }
}
