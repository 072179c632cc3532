/**
 * Which import source a path is, read into `SourceRead`: a folder is a mirror of the old site
 * (mirror.ts), an XML file with WordPress's export namespace a WXR file (wxr.ts), anything else a
 * feed (feed.ts). Throws with the reason when the source cannot be read as a whole (missing,
 * unreadable, malformed XML with its line, not a feed): nothing is written then.
 */
import { readFile, stat } from "node:fs/promises";
import { parseFeed } from "./feed.ts";
import type { SourceRead } from "./imported.ts";
import { readMirror, type MirrorOptions } from "./mirror.ts";
import { readWxr } from "./wxr.ts";

const FEED_KINDS = { rss: "RSS feed", atom: "Atom feed", json: "JSON Feed" } as const;

/** What a mirror needs besides its folder: the old origin, the site's time zone (mirror.ts). */
export type SourceOptions = MirrorOptions;

export async function readSource(path: string, options: SourceOptions = { timeZone: "UTC" }): Promise<SourceRead> {
  let info;
  try {
    info = await stat(path);
  } catch (e) {
    throw new Error(`cannot read ${path}: ${(e as Error).message}`);
  }
  if (info.isDirectory()) return readMirror(path, options);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    throw new Error(`cannot read ${path}: ${(e as Error).message}`);
  }
  // WXR 1.0–1.2; WordPress.com and newer exports write the namespace with https.
  if (/xmlns:wp="https?:\/\/wordpress\.org\/export\//.test(text.slice(0, 4096))) return readWxr(text, path, options);
  try {
    const feed = parseFeed(text);
    return { kind: FEED_KINDS[feed.kind], items: feed.items, skipped: feed.skipped, warnings: [] };
  } catch (e) {
    throw new Error(`${path}: ${(e as Error).message}`);
  }
}
