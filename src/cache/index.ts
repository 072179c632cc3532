export { toEntry, type Entry, type Rendered } from "./entry.ts";
export { keyPrefix, makeKey, type KeyParts, type KeyScope } from "./keys.ts";
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
