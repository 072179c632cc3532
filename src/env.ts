/**
 * The worker's bindings (wrangler.toml). Documented here because every route depends on them.
 */
export interface Env {
  /**
   * Workers Static Assets (wrangler.toml [assets]): the content store under /_store/ (read by the
   * worker only; the worker runs first for every path, so nothing there is public) and /media/.
   */
  ASSETS: Fetcher;
  /**
   * Workers KV namespace holding rendered outputs (the render cache). Keys carry the render and
   * content versions, so a deploy never reads an old render; entries expire on their own.
   */
  RENDER_CACHE: KVNamespace;
  /**
   * The canonical origin of this environment (e.g. https://staging.example.org), set per
   * environment in wrangler.toml. Every absolute URL is built from it; without it, the `origin`
   * of content/site.yaml. Never taken from the request's Host.
   */
  SITE_ORIGIN?: string;
  /**
   * "true" only under `npm run dev` (wrangler dev --var PREVIEW:true): drafts and scheduled
   * articles visible and marked, live reload. `npm run check` refuses it in deployed environments.
   */
  PREVIEW?: string;
  /** Bound of the in-isolate render cache in bytes (default 32 MiB; 0 disables the tier). */
  RENDER_CACHE_MEMORY_BYTES?: string;
  /**
   * KV writes an isolate may start in any rolling minute (default 30; 0: none; "Infinity": no
   * bound, which `npm run warm` sets for its local run). Free plan: 1,000 writes a day in all.
   */
  RENDER_CACHE_KV_WRITES_PER_MINUTE?: string;
  /** IndexNow's key for this site (served at /<key>.txt); unset: IndexNow off (src/outbound/indexing.ts). */
  INDEXNOW_KEY?: string;
  /** Baidu's push API (普通收录): the site as registered and its token, as Wrangler secrets; unset: off. */
  BAIDU_PUSH_SITE?: string;
  BAIDU_PUSH_TOKEN?: string;
}

export interface AppEnv {
  Bindings: Env;
  Variables: {
    /** The request's instant (epoch ms), read once from the injected clock (app.ts): what is visible, and when. */
    now: number;
  };
}
