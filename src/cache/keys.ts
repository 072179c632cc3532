/**
 * Render-cache keys: `render:{renderVersion}:{contentVersion}:{epoch}:{format}:{path}[:{params}]`.
 * Both versions come from the build, so a deploy with new code or content never reads an old
 * render and nothing needs purging. `epoch` is the content store's visibility epoch (how many
 * publication instants have passed), so a scheduled article appears (a new key) the moment its
 * time comes, without a deploy.
 */

export interface KeyScope {
  renderVersion: string;
  contentVersion: string;
  epoch: number;
}

export interface KeyParts {
  format: string;
  /** The canonical path of the resource (never the raw request path). */
  path: string;
  /** Already-validated parameters; only their canonical form enters the key. */
  params?: Record<string, string | number | undefined>;
}

/** Keys are bounded: KV keys are at most 512 bytes, and nobody may mint unbounded keys. */
const MAX_PATH = 200;

/** The part of every key shared by all representations of one deploy at one epoch. */
export function keyPrefix({ renderVersion, contentVersion, epoch }: KeyScope): string {
  return `render:${renderVersion}:${contentVersion}:${epoch}`;
}

export function makeKey(scope: KeyScope, parts: KeyParts): string {
  const params = Object.entries(parts.params ?? {})
    .filter(([, v]) => v !== undefined && v !== "")
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join("&");
  const path = parts.path.length > MAX_PATH ? parts.path.slice(0, MAX_PATH) : parts.path;
  return `${keyPrefix(scope)}:${parts.format}:${path}${params ? `:${params}` : ""}`;
}
