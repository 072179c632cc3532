export { toEntry, type Entry, type Rendered } from "./entry.ts";
export { keyPrefix, makeKey, type KeyParts, type KeyScope } from "./keys.ts";
export { MemoryTier } from "./memory.ts";
export { RenderCache, type CacheLog, type CacheOptions, type Lookup } from "./render-cache.ts";
