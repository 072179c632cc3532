/**
 * The hot path's shortcut: which cache key a request URL resolved to the last time it was served,
 * and at which visibility epoch. A repeat request whose epoch is still current and whose entry is
 * still in the memory tier is answered without routing, validation or rendering. It holds keys
 * only (the entries live in the memory tier, bounded by bytes), and only URLs that are exactly a
 * representation's canonical path (serve() decides), so a client cannot mint entries by varying a
 * query string. Bounded in bytes as well: past the bound it starts again empty.
 */
export interface Memo {
  key: string;
  epoch: number;
}

/** Default bound: ample for every canonical URL of a large site (about 10,000 of them). */
const MAX_BYTES = 4 * 1024 * 1024;

export class RouteMemo {
  #map = new Map<string, Memo>();
  #bytes = 0;
  readonly maxBytes: number;

  constructor(maxBytes = MAX_BYTES) {
    this.maxBytes = maxBytes;
  }

  get(url: string): Memo | undefined {
    return this.#map.get(url);
  }

  set(url: string, memo: Memo): void {
    const old = this.#map.get(url);
    if (old) this.#bytes -= sizeOf(url, old);
    else if (this.#bytes + sizeOf(url, memo) > this.maxBytes) this.clear();
    this.#map.set(url, memo);
    this.#bytes += sizeOf(url, memo);
  }

  clear(): void {
    this.#map.clear();
    this.#bytes = 0;
  }

  get size(): number {
    return this.#map.size;
  }

  /** Approximate heap bytes held (UTF-16 strings plus per-entry overhead). */
  get bytes(): number {
    return this.#bytes;
  }
}

function sizeOf(url: string, memo: Memo): number {
  return (url.length + memo.key.length) * 2 + 96;
}
