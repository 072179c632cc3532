/**
 * The content a worker serves: the store (articles, lists, sitemaps) and search over it (queries,
 * facets, related articles), put together here so that neither imports the other's internals:
 * search reads the store's files through `StoreAccess`, the store never imports search.
 */
import type { StoreManifest } from "./store/format.ts";
import { createStore, type ContentStore, type ReadFile, type StoreOptions } from "./store/index.ts";
import { createSearch, type ContentSearch } from "./search/index.ts";

export type Content = ContentStore & ContentSearch;

export function openContent(manifest: StoreManifest, read: ReadFile, options: StoreOptions = {}): Content {
  const store = createStore(manifest, read, options);
  return { ...store, ...createSearch(store.access) };
}
