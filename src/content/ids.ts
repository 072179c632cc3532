/**
 * Name-based UUIDs, version 5 (RFC 9562 §5.5): permanent ids derived from the site's id, never from
 * a slug's URL or the domain, so moving the site does not make feed readers see new feeds. Web
 * Crypto's SHA-1 (the same in the build's Node and in the worker).
 */
export async function uuidV5(namespace: string, name: string): Promise<string> {
  const ns = namespace.replace(/-/g, "");
  const input = new Uint8Array(16 + new TextEncoder().encode(name).length);
  for (let i = 0; i < 16; i++) input[i] = parseInt(ns.slice(i * 2, i * 2 + 2), 16);
  input.set(new TextEncoder().encode(name), 16);
  const bytes = new Uint8Array(await crypto.subtle.digest("SHA-1", input)).subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The names feed ids derive from: the site's feed, a section's (named `category:<slug>`: ids are permanent), a tag's. */
export const feedIdName = {
  all: () => "feed",
  section: (slug: string) => `category:${slug}`,
  tag: (tag: string) => `tag:${tag}`,
};

export async function feedId(siteId: string, name: string): Promise<string> {
  return `urn:uuid:${await uuidV5(siteId, name)}`;
}
