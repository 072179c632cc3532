/**
 * Render-cache keys: `render:{RENDER_VERSION}:{CONTENT_VERSION}:{visibility}:{format}:{path}[:{params}]`.
 * Both versions come from the build, so a deploy with new code or content never reads an old
 * render and nothing needs purging. `visibility` counts the publication instants already passed,
 * so a scheduled article appears (a new key) the moment its time comes, without a deploy.
 */

export interface KeyParts {
  format: string;
  path: string;
  /** Already-validated parameters; only their canonical form enters the key. */
  params?: Record<string, string | number | undefined>;
}

/** Keys are bounded: KV keys are at most 512 bytes, and nobody may mint unbounded keys. */
const MAX_PATH = 200;

export function makeKey(prefix: string, parts: KeyParts): string {
  const params = Object.entries(parts.params ?? {})
    .filter(([, v]) => v !== undefined && v !== "")
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join("&");
  const path = parts.path.length > MAX_PATH ? parts.path.slice(0, MAX_PATH) : parts.path;
  return `${prefix}:${parts.format}:${path}${params ? `:${params}` : ""}`;
}

// The visibility epoch: how many publication instants have passed (see the module comment).
export { passed as visibilityEpoch, publicationInstants } from "../content/store.ts";
