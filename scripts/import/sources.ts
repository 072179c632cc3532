/**
 * Which import source a path is, read into `SourceRead`: a folder is a mirror of the old site
 * (mirror.ts), an XML file with WordPress's export namespace a WXR file (wxr.ts), anything else a
 * feed (feed.ts). Throws with the reason when the source cannot be read as a whole (missing,
 * unreadable, malformed XML with its line, not a feed): nothing is written then.
 *
 * A feed's or an export's items are held to the same size budget as a mirror's pages (issue 29,
 * mirror.ts BUDGET, --budget-mb): an item whose text is larger is skipped, named by its position,
 * and one nested deeper than MAX_HTML_DEPTH is flattened (html-depth.ts) before turndown reads it.
 */
import { readFile, stat } from "node:fs/promises";
import { parseFeed } from "./feed.ts";
import { flattenDeepHtml, MAX_HTML_DEPTH } from "./html-depth.ts";
import type { SourceRead } from "./imported.ts";
import { BUDGET, readMirror, type MirrorOptions } from "./mirror.ts";
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
  if (/xmlns:wp="https?:\/\/wordpress\.org\/export\//.test(text.slice(0, 4096)))
    return withinBudget(readWxr(text, path, options), options.budget?.bytes ?? BUDGET.bytes);
  let feed;
  try {
    feed = parseFeed(text);
  } catch (e) {
    throw new Error(`${path}: ${(e as Error).message}`);
  }
  return withinBudget(
    { kind: FEED_KINDS[feed.kind], items: feed.items, skipped: feed.skipped, warnings: [] },
    options.budget?.bytes ?? BUDGET.bytes,
  );
}

/** `read` with its items held to the budget (see above), each one over it named. */
function withinBudget(read: SourceRead, limit: number): SourceRead {
  const items = [];
  for (const item of read.items) {
    const name = `${item.position ?? item.url} (${item.title})`;
    const bytes = Buffer.byteLength(item.html);
    if (bytes > limit) {
      const mb = (n: number) => (n / 1024 / 1024).toFixed(1).replace(/\.0$/, "");
      read.skipped.push(
        `${name}: over budget: its text is ${mb(bytes)} MB, more than the ${mb(limit)} MB an item may have (--budget-mb gives it more)`,
      );
      continue;
    }
    const flat = flattenDeepHtml(item.html);
    if (flat.dropped)
      read.warnings.push(
        `${name}: nested more than ${MAX_HTML_DEPTH} levels deep: ${flat.dropped} element(s) below that unwrapped, their text kept`,
      );
    items.push(flat.dropped ? { ...item, html: flat.html } : item);
  }
  return { ...read, items };
}
