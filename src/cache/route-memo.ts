/**
 * The hot path's shortcut: which cache key (and kind of response) a request URL resolved to the
 * last time it was served. A repeat request whose key is still current (same versions, same set
 * of visible articles) and still in the memory tier is answered without routing, validation or
 * rendering. Bounded: a flood of distinct URLs only empties it.
 */
import type { RouteKind } from "../http/respond.ts";

export interface Memo {
  key: string;
  kind: RouteKind;
  headers?: [string, string][];
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
