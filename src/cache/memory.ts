/**
 * The in-isolate tier: the byte-bounded LRU (src/lru.ts) of rendered entries, each counted as its
 * key and body (UTF-16 length × 2 approximates a string's heap size), its UTF-8 bytes and a fixed
 * overhead.
 */
import { ByteLru } from "../lru.ts";

export class MemoryTier<V extends { body: string; bytes?: Uint8Array }> {
  readonly #lru: ByteLru<V>;

  constructor(maxBytes: number) {
    this.#lru = new ByteLru(maxBytes);
  }

  get maxBytes(): number {
    return this.#lru.maxBytes;
  }

  get(key: string): V | undefined {
    return this.#lru.get(key);
  }

  set(key: string, value: V): void {
    this.#lru.set(key, value, sizeOf(key, value));
  }

  delete(key: string): void {
    this.#lru.delete(key);
  }

  get bytes(): number {
    return this.#lru.bytes;
  }

  get size(): number {
    return this.#lru.size;
  }
}

function sizeOf(key: string, value: { body: string; bytes?: Uint8Array }): number {
  return (key.length + value.body.length) * 2 + (value.bytes?.byteLength ?? 0) + 256;
}
