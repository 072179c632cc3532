/**
 * The hot path's shortcut: which cache key a request URL resolved to the last time it was served,
 * and at which visibility epoch. A repeat request whose epoch is still current and whose entry is
 * still in the memory tier is answered without routing, validation or rendering. It holds keys
 * only (the entries live in the memory tier, bounded by bytes). Bounded: a flood of distinct URLs
 * only empties it.
 */
export interface Memo {
  key: string;
  epoch: number;
}

export class RouteMemo {
  #map = new Map<string, Memo>();
  readonly max: number;

  constructor(max = 10_000) {
    this.max = max;
  }

  get(url: string): Memo | undefined {
    return this.#map.get(url);
  }

  set(url: string, memo: Memo): void {
    if (this.#map.size >= this.max && !this.#map.has(url)) this.#map.clear();
    this.#map.set(url, memo);
  }

  get size(): number {
    return this.#map.size;
  }
}
