/**
 * The worker's bindings (wrangler.toml). Documented here because every route depends on them.
 */
export interface Env {
  /**
   * Workers KV namespace holding rendered outputs (the render cache). Keys carry the render and
   * content versions, so a deploy never reads an old render; entries expire on their own.
   */
  RENDER_CACHE: KVNamespace;
}

export interface AppEnv {
  Bindings: Env;
}
