/** A cached render: the body and what is needed to answer GET, HEAD and 304 without rendering. */
export interface Entry {
  body: string;
  /**
   * The body as UTF-8, kept by the memory tier: a response from bytes skips re-encoding the
   * (mostly CJK, two-byte) string on every hit.
   */
  bytes?: Uint8Array;
  /** Content-Type, e.g. "application/rss+xml; charset=utf-8". */
  type: string;
  /** Strong validator (RFC 9110 §8.8.3): a hash of the body. */
  etag: string;
  /** HTTP-date (RFC 9110 §5.6.7) of the newest content shown, when any date is known. */
  lastModified?: string;
  /**
   * Cache-Tags only the render could know (an article page's: its tags' related lists,
   * serving/tags.ts `relatedTags`), kept with the entry so every tier answers with them. Bounded
   * there, so they fit KV's 1024 bytes of metadata beside the rest.
   */
  tags?: readonly string[];
}

/** What a renderer hands to the cache. */
export interface Rendered {
  body: string;
  type: string;
  lastModified?: string;
  tags?: readonly string[];
}

/** KV metadata (max 1024 bytes): everything in Entry except the body. */
export type EntryMeta = Omit<Entry, "body" | "bytes">;

const encoder = new TextEncoder();

export async function toEntry(rendered: Rendered): Promise<Entry> {
  const bytes = encoder.encode(rendered.body);
  return { ...rendered, bytes, etag: await digestEtag(bytes) };
}

/** `"<base64url of the first 16 bytes of SHA-256(body)>"`: a strong validator of the bytes sent. */
async function digestEtag(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  let binary = "";
  for (const byte of digest.subarray(0, 16)) binary += String.fromCharCode(byte);
  return `"${btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")}"`;
}
