/**
 * Per-environment settings from bindings, applied to the built content once per isolate
 * (bindings do not change within an isolate).
 */
import type { CacheOptions } from "./cache/index.ts";
import type { SiteSettings } from "./content/index.ts";
import type { Env } from "./env.ts";

const ORIGIN_RE = /^https?:\/\/[^/?#\s]+$/;

export interface EnvConfig<T> {
  /** The build's manifest, with this environment's origin. */
  manifest: T;
  cache: Partial<CacheOptions>;
  preview: boolean;
}

export function configure<T extends { site: SiteSettings }>(
  manifest: T,
  env: Partial<Env>,
  log = console.error,
): EnvConfig<T> {
  let origin = manifest.site.origin;
  if (env.SITE_ORIGIN !== undefined && env.SITE_ORIGIN !== "") {
    if (ORIGIN_RE.test(env.SITE_ORIGIN)) origin = env.SITE_ORIGIN;
    else
      log(
        JSON.stringify({
          level: "error",
          msg: "SITE_ORIGIN is not an origin, using site.yaml's",
          value: env.SITE_ORIGIN,
        }),
      );
  }
  const cache: Partial<CacheOptions> = {};
  const bytes = Number(env.RENDER_CACHE_MEMORY_BYTES);
  if (env.RENDER_CACHE_MEMORY_BYTES !== undefined && Number.isInteger(bytes) && bytes >= 0) cache.memoryBytes = bytes;
  const writes = env.RENDER_CACHE_KV_WRITES_PER_MINUTE?.trim();
  const perMinute = Number(writes);
  if (writes && ((Number.isInteger(perMinute) && perMinute >= 0) || perMinute === Infinity))
    cache.kvWritesPerMinute = perMinute;
  return {
    manifest: origin === manifest.site.origin ? manifest : { ...manifest, site: { ...manifest.site, origin } },
    cache,
    preview: env.PREVIEW === "true",
  };
}
