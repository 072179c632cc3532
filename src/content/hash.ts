/**
 * FNV-1a, 32-bit, over UTF-16 code units: the one string hash the content store uses to place a
 * slug in an index bucket and a term in a search shard. Stable across builds and runtimes (the
 * build writes by it, the worker reads by it).
 */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
