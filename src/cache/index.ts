export { toEntry, type Entry, type Rendered } from "./entry.ts";
export { makeKey, publicationInstants, visibilityEpoch, type KeyParts } from "./keys.ts";
export { MemoryTier } from "./memory.ts";
export {
  DEFAULT_CACHE_OPTIONS,
  RenderCache,
  type CacheIO,
  type CacheLog,
  type CacheOptions,
  type Lookup,
  type Tier,
} from "./render-cache.ts";
export { RouteMemo, type Memo } from "./route-memo.ts";
