/**
 * A KV namespace in memory for the cron's state (src/scheduled/): tests that run the cron pass it
 * as RENDER_CACHE, so their runs share nothing with each other or the test pool's real KV.
 */
export function memoryKv() {
  const map = new Map<string, string>();
  const kv = {
    map,
    async get(key: string, type?: string) {
      const v = map.get(key);
      return v === undefined ? null : type === "json" ? JSON.parse(v) : v;
    },
    async getWithMetadata() {
      return { value: null, metadata: null };
    },
    async put(key: string, value: string) {
      map.set(key, value);
    },
  };
  return kv;
}

/** The same, typed as the binding the app takes. */
export const kvBinding = (kv: ReturnType<typeof memoryKv>) => kv as unknown as KVNamespace;
