/**
 * Per-environment settings from bindings, applied to the built content once per isolate
 * (bindings do not change within an isolate).
 */
import type { CacheOptions } from "./cache/index.ts";
import { readWhole, type SiteSettings, type WholeRange } from "./content/index.ts";
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
  const memoryBytes = wholeSetting(env, "RENDER_CACHE_MEMORY_BYTES", SETTINGS.memoryBytes);
  if (memoryBytes !== undefined) cache.memoryBytes = memoryBytes;
  const kvWritesPerMinute = wholeSetting(env, "RENDER_CACHE_KV_WRITES_PER_MINUTE", SETTINGS.kvWritesPerMinute);
  if (kvWritesPerMinute !== undefined) cache.kvWritesPerMinute = kvWritesPerMinute;
  return {
    manifest: origin === manifest.site.origin ? manifest : { ...manifest, site: { ...manifest.site, origin } },
    cache,
    preview: env.PREVIEW === "true",
  };
}

/** The numeric settings' ranges (wrangler.toml [vars] or the dashboard; strings, as bindings are). */
const SETTINGS = {
  /** The memory tier's bound in bytes; 0 turns the tier off. */
  memoryBytes: { min: 0, max: 999_999_999, label: "a whole number of bytes (0 turns the memory tier off)" },
  /** KV writes an isolate may make a minute; "Infinity" for no bound (npm run warm). */
  kvWritesPerMinute: {
    min: 0,
    max: 999_999_999,
    label: 'a whole number of writes a minute, or "Infinity"',
    infinite: true,
  },
} satisfies Record<string, WholeRange & { infinite?: true }>;

/**
 * A whole-number setting, checked once when the isolate starts (src/index.ts configures the app on
 * its first request): absent, undefined (the default applies); digits in range, that number;
 * anything else, an empty value among them, an error naming the variable, so a typo never turns
 * a tier off silently (an empty RENDER_CACHE_MEMORY_BYTES used to read as 0).
 */
function wholeSetting(
  env: Partial<Env>,
  name: "RENDER_CACHE_MEMORY_BYTES" | "RENDER_CACHE_KV_WRITES_PER_MINUTE",
  range: WholeRange & { infinite?: true },
): number | undefined {
  const raw = env[name];
  if (raw === undefined) return undefined;
  const value = raw.trim();
  if (range.infinite && value === "Infinity") return Infinity;
  const n = readWhole(value, range);
  if (n === undefined)
    throw new Error(`${name} must be ${range.label} from ${range.min} to ${range.max}; got ${JSON.stringify(raw)}.`);
  return n;
}
