/** A cached render: the body and what is needed to answer GET, HEAD and 304 without rendering. */
export interface Entry {
  body: string;
  /** Content-Type, e.g. "application/rss+xml; charset=utf-8". */
  type: string;
  /** Strong validator (RFC 9110 §8.8.3): a hash of the body. */
  etag: string;
  /** HTTP-date (RFC 9110 §5.6.7) of the newest content shown, when any date is known. */
  lastModified?: string;
}

/** What a renderer hands to the cache. */
export interface Rendered {
  body: string;
  type: string;
  lastModified?: string;
}

/** KV metadata (max 1024 bytes): everything in Entry except the body. */
export type EntryMeta = Omit<Entry, "body">;

const encoder = new TextEncoder();

/** `"<base64url of the first 16 bytes of SHA-256(body)>"`. */
export async function strongEtag(body: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(body)));
  let binary = "";
  for (const byte of digest.subarray(0, 16)) binary += String.fromCharCode(byte);
  return `"${btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")}"`;
}

export async function toEntry(rendered: Rendered): Promise<Entry> {
  return { ...rendered, etag: await strongEtag(rendered.body) };
}
