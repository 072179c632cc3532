/**
 * The in-isolate tier: an LRU map bounded by bytes (UTF-16 length × 2 approximates a string's
 * heap size). A Map iterates in insertion order, so re-inserting on hit makes it an LRU.
 */
export class MemoryTier<V extends { body: string; bytes?: Uint8Array }> {
  #entries = new Map<string, V>();
  #bytes = 0;
  readonly maxBytes: number;

  constructor(maxBytes: number) {
    this.maxBytes = maxBytes;
  }

  get(key: string): V | undefined {
    const value = this.#entries.get(key);
    if (value !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    const size = sizeOf(key, value);
    if (size > this.maxBytes) return;
    this.delete(key);
    this.#entries.set(key, value);
    this.#bytes += size;
    for (const [oldest, old] of this.#entries) {
      if (this.#bytes <= this.maxBytes) break;
      this.#entries.delete(oldest);
      this.#bytes -= sizeOf(oldest, old);
    }
  }

  delete(key: string): void {
    const old = this.#entries.get(key);
    if (old === undefined) return;
    this.#entries.delete(key);
    this.#bytes -= sizeOf(key, old);
  }

  get bytes(): number {
    return this.#bytes;
  }

  get size(): number {
    return this.#entries.size;
  }
}

function sizeOf(key: string, value: { body: string; bytes?: Uint8Array }): number {
  return (key.length + value.body.length) * 2 + (value.bytes?.byteLength ?? 0) + 256;
}
