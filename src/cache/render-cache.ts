/**
 * The render cache: memory → KV → render (docs/architecture.md, "A request").
 *
 * - Each miss renders for itself. A render reads the content store through the ASSETS binding,
 *   and workerd refuses I/O "on behalf of a different request": a render shared between
 *   concurrent requests failed under load with exactly that error (npm run bench, 500s on misses).
 * - KV is an optimisation, never a dependency: a read that throws (synchronously too: KV throws on
 *   a key over 512 bytes) or exceeds its budget counts as a miss, and a failed write (including
 *   429, one write per second per key) is logged and dropped.
 * - KV writes are a quota (the Free plan has 1,000 a day): each isolate writes at most
 *   `kvWritesPerMinute` in any rolling minute, so no client can spend the day's quota in a burst of
 *   distinct URLs. Over the budget the render is served and kept in memory, the write is skipped
 *   (the key may be written later) and one line per minute says how many were skipped.
 * - Only successful renders reach the cache; routes throw before rendering anything else.
 */
import { toEntry, type Entry, type EntryMeta, type Rendered } from "./entry.ts";
import { MAX_KEY_BYTES, utf8Bytes } from "./keys.ts";
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
  /**
   * KV writes this isolate may start in any rolling minute (0: none; Infinity: no bound, for
   * `npm run warm`, which collects the renders it writes). The default, 30, lets an isolate spend
   * the Free plan's 1,000 daily writes in no less than 33 minutes.
   */
  kvWritesPerMinute: number;
  /** The clock of the write budget, ms (tests inject one). */
  now: () => number;
}

const DEFAULT_CACHE_OPTIONS: CacheOptions = {
  memoryBytes: 32 * 1024 * 1024,
  kvReadBudgetMs: 50,
  kvCacheTtl: 60,
  kvExpirationTtl: 30 * 24 * 3600,
  kvWritesPerMinute: 30,
  now: () => Date.now(),
};

const MINUTE = 60_000;

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
  /** Start times of this isolate's KV writes in the last minute, oldest first (at most the budget). */
  #recentWrites: number[] = [];
  /** Writes skipped over the budget since the last line that said so, and when that was. */
  #skipped = 0;
  #skipLoggedAt = -Infinity;

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
    // keys.ts bounds every key it makes; a longer one (from elsewhere) is never sent to KV.
    const kv = io.kv && key.isWellFormed() && utf8Bytes(key) <= MAX_KEY_BYTES ? io.kv : undefined;
    if (kv) {
      const stored = await this.#read(kv, key);
      if (stored) {
        this.#memory.set(key, stored);
        return { entry: stored, tier: "kv" };
      }
    }
    const { entry, renderMs } = await this.#render(render);
    this.#memory.set(key, entry);
    // Written once per key per isolate (KV: one write per second per key), within the budget.
    if (kv && io.write && io.waitUntil && !this.#written.has(key) && this.#spendWrite(key)) {
      if (this.#written.size >= MAX_WRITTEN) this.#written.clear();
      this.#written.add(key);
      io.waitUntil(this.#write(kv, key, entry));
    }
    return { entry, tier: "render", renderMs };
  }

  /** Whether a write may start now (and counts it); over the budget, says so once a minute. */
  #spendWrite(key: string): boolean {
    if (this.options.kvWritesPerMinute === Infinity) return true;
    const now = this.options.now();
    const recent = this.#recentWrites;
    while (recent.length && recent[0]! <= now - MINUTE) recent.shift();
    if (recent.length < this.options.kvWritesPerMinute) {
      recent.push(now);
      return true;
    }
    this.#skipped++;
    if (now - this.#skipLoggedAt >= MINUTE) {
      this.#log({
        level: "warn",
        msg: "kv write budget spent, render kept in memory only",
        key,
        budgetPerMinute: this.options.kvWritesPerMinute,
        skipped: this.#skipped,
      });
      this.#skipLoggedAt = now;
      this.#skipped = 0;
    }
    return false;
  }

  async #render(render: () => Rendered | Promise<Rendered>): Promise<{ entry: Entry; renderMs: number }> {
    const started = performance.now();
    const entry = await toEntry(await render());
    return { entry, renderMs: performance.now() - started };
  }

  async #read(kv: KVNamespace, key: string): Promise<Entry | undefined> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      // Inside the try: the binding may throw before it returns a promise.
      const read = Promise.resolve(
        kv.getWithMetadata<EntryMeta>(key, { type: "text", cacheTtl: this.options.kvCacheTtl }),
      );
      const budget = new Promise<typeof TIMEOUT>((resolve) => {
        timer = setTimeout(() => resolve(TIMEOUT), this.options.kvReadBudgetMs);
      });
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
  return (
    !!m &&
    typeof m.type === "string" &&
    typeof m.etag === "string" &&
    (m.tags === undefined || (Array.isArray(m.tags) && m.tags.every((t) => typeof t === "string")))
  );
}

function defaultLog(event: Record<string, unknown>): void {
  console.log(JSON.stringify(event));
}
