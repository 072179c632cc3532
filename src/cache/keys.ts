/**
 * Render-cache keys: `render:{renderVersion}:{contentVersion}:{epoch}:{format}:{path}[:{params}]`.
 * Both versions come from the build, so a deploy with new code or content never reads an old
 * render and nothing needs purging. `epoch` is the content store's visibility epoch (the
 * publication instant of the newest visible article), so a scheduled article appears (a new key)
 * the moment its time comes, without a deploy.
 *
 * Clients choose paths and parameters, so keys are built to be hostile-proof:
 * - One key, one resource: different parts never give the same key. Written out, a part has its
 *   `%`, `:` and `#` escaped (so `:` only ever separates parts); parameters are URI-encoded.
 * - Bounded by construction: KV refuses keys over 512 bytes (UTF-8). A part longer than its share
 *   of those bytes (LIMITS) is replaced by `#` and the SHA-256 of the whole part (sha256.ts), never
 *   cut: two long paths sharing their first 200 characters used to share a key and a page. SHA-256,
 *   not a fast 64-bit hash, because a client could search for colliding URLs. A written-out part
 *   never contains `#`, so it never equals a digest.
 * - A part that is not well-formed UTF-16 (a lone surrogate) is digested too: KV would store both
 *   `\uD800` and `\uDBFF` as U+FFFD, under one key.
 */
import { sha256 } from "./sha256.ts";

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

/** KV's limit on a key's length, in UTF-8 bytes. */
export const MAX_KEY_BYTES = 512;

/** A digest in place of a part: `#` and the 256 bits in base64url (43 characters). */
const DIGEST_BYTES = 44;

/**
 * Each part's share of the 512 bytes (UTF-8), each at least a digest's length. The epoch is a
 * number: `String(n)` of any JavaScript number has at most 24 characters (`-1.2345678901234567e-300`).
 */
export const LIMITS = { version: DIGEST_BYTES, epoch: 24, format: DIGEST_BYTES, path: 200, params: 144 } as const;

// "render:" + rv + ":" + cv + ":" + epoch + ":" + format + ":" + path + ":" + params
const WORST_CASE = 7 + 2 * LIMITS.version + LIMITS.epoch + LIMITS.format + LIMITS.path + LIMITS.params + 5;
if (WORST_CASE > MAX_KEY_BYTES) throw new Error(`render-cache keys may reach ${WORST_CASE} bytes`);

/** The part of every key shared by all representations of one deploy at one epoch. */
export function keyPrefix({ renderVersion, contentVersion, epoch }: KeyScope): string {
  const version = (v: string) => part(v, LIMITS.version);
  return `render:${version(renderVersion)}:${version(contentVersion)}:${String(epoch)}`;
}

export function makeKey(scope: KeyScope, parts: KeyParts): string {
  const params = Object.entries(parts.params ?? {})
    .filter(([, v]) => v !== undefined && v !== "")
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${encode(k)}=${encode(String(v))}`)
    .join("&");
  const path = part(parts.path, LIMITS.path);
  const format = part(parts.format, LIMITS.format);
  // Parameters are URI-encoded: no `:`, `%` only as an escape, `#` never; bounded all the same.
  return `${keyPrefix(scope)}:${format}:${path}${params ? `:${bounded(params, LIMITS.params)}` : ""}`;
}

/** A part written out (`%`, `:`, `#` escaped), or its digest when too long or not well-formed. */
function part(value: string, maxBytes: number): string {
  return bounded(
    value.replace(/[%:#]/g, (ch) => ESCAPES[ch]!),
    maxBytes,
    value,
  );
}

const ESCAPES: Record<string, string> = { "%": "%25", ":": "%3A", "#": "%23" };

/** `written` if it fits in `maxBytes` of UTF-8, else `#` and the SHA-256 of `whole` (base64url). */
function bounded(written: string, maxBytes: number, whole = written): string {
  if (written.isWellFormed() && utf8Bytes(written) <= maxBytes) return written;
  return `#${digest(whole)}`;
}

/**
 * SHA-256 of a string's UTF-16 code units (big-endian), base64url without padding: one digest per
 * string, lone surrogates included.
 */
export function digest(value: string): string {
  const bytes = new Uint8Array(value.length * 2);
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    bytes[2 * i] = unit >>> 8;
    bytes[2 * i + 1] = unit & 0xff;
  }
  return btoa(String.fromCharCode(...sha256(bytes)))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

/** Length in UTF-8 of a well-formed string (a surrogate pair is 4 bytes: 2 per unit). */
export function utf8Bytes(value: string): number {
  let bytes = 0;
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    bytes += unit < 0x80 ? 1 : unit < 0x800 || (unit >= 0xd800 && unit <= 0xdfff) ? 2 : 3;
  }
  return bytes;
}

/** encodeURIComponent, which throws on a lone surrogate: that one is written `%uD800` instead. */
function encode(value: string): string {
  if (value.isWellFormed()) return encodeURIComponent(value);
  return value
    .split(/([\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF])/)
    .map((piece, i) => (i % 2 ? `%u${piece.charCodeAt(0).toString(16).toUpperCase()}` : encodeURIComponent(piece)))
    .join("");
}
