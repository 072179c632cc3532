/**
 * The render cache: memory → KV → render (DESIGN.md, "Render cache").
 *
 * - Each miss renders for itself. A render reads the content store through the ASSETS binding,
 *   and workerd refuses I/O "on behalf of a different request": a render shared between
 *   concurrent requests failed under load with exactly that error (npm run bench, 500s on misses).
 * - KV is an optimisation, never a dependency: a read that throws or exceeds its budget counts as a
 *   miss, and a failed write (including 429, one write per second per key) is logged and dropped.
 * - Only successful renders reach the cache; routes throw before rendering anything else.
 */
import { toEntry, type Entry, type EntryMeta, type Rendered } from "./entry.ts";
import { MemoryTier } from "./memory.ts";

export type Tier = "memory" | "kv" | "render";

export interface Lookup {
  entry: Entry;
  tier: Tier;
  /** Wall time of the render in ms, when this request rendered. */
  renderMs?: number;
}

export interface CacheOptions {
  /** Bound of the in-isolate tier in bytes; 0 disables it. */
  memoryBytes: number;
  /** A KV read slower than this (ms) is abandoned and the request renders. */
  kvReadBudgetMs: number;
  /** Edge cache time of KV reads, seconds (KV's minimum is 30). */
  kvCacheTtl: number;
  /** Lifetime of a KV entry, seconds (KV's minimum is 60); old versions' keys expire on their own. */
  kvExpirationTtl: number;
}

const DEFAULT_CACHE_OPTIONS: CacheOptions = {
  memoryBytes: 32 * 1024 * 1024,
  kvReadBudgetMs: 50,
  kvCacheTtl: 60,
  kvExpirationTtl: 30 * 24 * 3600,
};

/** Per-request I/O: the KV binding, how to defer a write, and whether writing is allowed. */
export interface CacheIO {
  kv?: KVNamespace;
  /** ctx.waitUntil; without it no write is attempted (it could not outlive the response). */
  waitUntil?: (promise: Promise<unknown>) => void;
  /** False for HEAD: a HEAD request never writes to KV. */
  write: boolean;
}

export type CacheLog = (event: Record<string, unknown>) => void;

const TIMEOUT = Symbol("timeout");
const MAX_WRITTEN = 10_000;

export class RenderCache {
  readonly options: CacheOptions;
  #memory: MemoryTier<Entry>;
  #written = new Set<string>();
  #log: CacheLog;

  constructor(options: Partial<CacheOptions> = {}, log: CacheLog = defaultLog) {
    this.options = { ...DEFAULT_CACHE_OPTIONS, ...options };
    this.#memory = new MemoryTier(this.options.memoryBytes);
    this.#log = log;
  }

  /** The entry for `key` if the memory tier holds it (and marks it recently used); no I/O. */
  peek(key: string): Entry | undefined {
    return this.#memory.get(key);
  }

  /** Bytes held by the memory tier. */
  get memoryBytes(): number {
    return this.#memory.bytes;
  }

  /** Bytes held in all: the memory tier and the set of keys written to KV (at most 10,000). */
  get heldBytes(): number {
    let written = 0;
    for (const key of this.#written) written += key.length * 2 + 64;
    return this.#memory.bytes + written;
  }

  /**
   * The entry for `key` from the fastest tier that has it, rendering only when none does. Each
   * request does its own I/O (KV, the content store): workerd refuses I/O on behalf of another
   * request, so nothing that reads is shared between requests.
   */
  async get(key: string, render: () => Rendered | Promise<Rendered>, io: CacheIO): Promise<Lookup> {
    const hit = this.peek(key);
    if (hit) return { entry: hit, tier: "memory" };
    if (io.kv) {
      const stored = await this.#read(io.kv, key);
      if (stored) {
        this.#memory.set(key, stored);
        return { entry: stored, tier: "kv" };
      }
    }
    const { entry, renderMs } = await this.#render(render);
    this.#memory.set(key, entry);
    // Written once per key per isolate (KV: one write per second per key).
    if (io.kv && io.write && io.waitUntil && !this.#written.has(key)) {
      if (this.#written.size >= MAX_WRITTEN) this.#written.clear();
      this.#written.add(key);
      io.waitUntil(this.#write(io.kv, key, entry));
    }
    return { entry, tier: "render", renderMs };
  }

  async #render(render: () => Rendered | Promise<Rendered>): Promise<{ entry: Entry; renderMs: number }> {
    const started = performance.now();
    const entry = await toEntry(await render());
    return { entry, renderMs: performance.now() - started };
  }

  async #read(kv: KVNamespace, key: string): Promise<Entry | undefined> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = kv.getWithMetadata<EntryMeta>(key, { type: "text", cacheTtl: this.options.kvCacheTtl });
    const budget = new Promise<typeof TIMEOUT>((resolve) => {
      timer = setTimeout(() => resolve(TIMEOUT), this.options.kvReadBudgetMs);
    });
    try {
      const result = await Promise.race([read, budget]);
      if (result === TIMEOUT) {
        read.catch(() => {}); // the abandoned read may still fail; nobody is waiting for it
        this.#log({ level: "warn", msg: "kv read over budget, rendering", key, budgetMs: this.options.kvReadBudgetMs });
        return undefined;
      }
      if (result.value === null || !isEntryMeta(result.metadata)) return undefined;
      return { ...result.metadata, body: result.value, bytes: new TextEncoder().encode(result.value) };
    } catch (error) {
      this.#log({ level: "error", msg: "kv read failed, rendering", key, error: String(error) });
      return undefined;
    } finally {
      if (timer !== undefined) clearTimeout(timer);
    }
  }

  async #write(kv: KVNamespace, key: string, entry: Entry): Promise<void> {
    const { body, bytes: _bytes, ...metadata } = entry;
    try {
      await kv.put(key, body, { metadata, expirationTtl: this.options.kvExpirationTtl });
    } catch (error) {
      // 429 (one write per second per key) or any other failure: the render was served; drop it.
      this.#written.delete(key);
      this.#log({ level: "error", msg: "kv write failed, dropped", key, error: String(error) });
    }
  }
}

function isEntryMeta(value: unknown): value is EntryMeta {
  const m = value as Partial<EntryMeta> | null;
  return !!m && typeof m.type === "string" && typeof m.etag === "string";
}

function defaultLog(event: Record<string, unknown>): void {
  console.log(JSON.stringify(event));
}
