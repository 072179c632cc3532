/**
 * The framing of the store's binary files (article packs, search index shards, the build's index
 * blocks): one line of JSON, the header, then bytes the header describes (byte ranges counted from
 * just after the line). One rule for every such file, written by the build and read by the worker.
 */
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The header as one JSON line, then `parts` one after another. */
export function frame(header: unknown, parts: readonly Uint8Array[]): Uint8Array {
  const head = encoder.encode(`${JSON.stringify(header)}\n`);
  const out = new Uint8Array(head.byteLength + parts.reduce((n, p) => n + p.byteLength, 0));
  out.set(head);
  let at = head.byteLength;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

/** The header and the bytes after it. Throws when there is no header line or it is not JSON. */
export function unframe<H>(bytes: Uint8Array): { header: H; body: Uint8Array } {
  const newline = bytes.indexOf(10);
  if (newline < 0) throw new Error("no header line");
  return { header: JSON.parse(decoder.decode(bytes.subarray(0, newline))) as H, body: bytes.subarray(newline + 1) };
}

/** `body[start, end)` as JSON. Throws when the range passes the end (a truncated file). */
export function jsonAt<T>(body: Uint8Array, start: number, end: number): T {
  if (end > body.byteLength) throw new Error("record past the end of the file");
  return JSON.parse(decoder.decode(body.subarray(start, end))) as T;
}

export function decodeJson<T>(bytes: Uint8Array): T {
  return JSON.parse(decoder.decode(bytes)) as T;
}

/** A JSON array file; throws when the bytes are not one (a file that is not the format its name says). */
export function arrayOf<T>(bytes: Uint8Array): T[] {
  const value = decodeJson<unknown>(bytes);
  if (!Array.isArray(value)) throw new Error("not a JSON array");
  return value as T[];
}

/** A JSON object file (a map of keys); throws when the bytes are not one. */
export function objectOf<T>(bytes: Uint8Array): Record<string, T> {
  const value = decodeJson<unknown>(bytes);
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error("not a JSON object");
  return value as Record<string, T>;
}
