/**
 * Feeds as an import source (issue 22, source 3): RSS 2.0 (with content:encoded), Atom 1.0 (RFC
 * 4287) or JSON Feed 1.1, with the articles' full content. Each item becomes an `Imported`: what
 * the source states and nothing invented (no date where none is given).
 */
import { NS, XmlTooDeep, child, children, parseXml, type XmlElement } from "./xml.ts";
import type { Imported } from "./imported.ts";

export type FeedKind = "rss" | "atom" | "json";

/** The feed's kind, its items, and the items skipped (with why). Throws on a file that is not a feed. */
export function parseFeed(text: string): { kind: FeedKind; items: Imported[]; skipped: string[] } {
  const trimmed = text.trimStart();
  if (trimmed.startsWith("{")) return jsonFeed(trimmed);
  let root: XmlElement;
  try {
    root = parseXml(text);
  } catch (error) {
    // saxes says where: "line:column: message".
    throw new Error(
      error instanceof XmlTooDeep ? `refused: ${error.message}` : `malformed XML: ${(error as Error).message}`,
    );
  }
  if (root.name === "rss") return rss(root);
  if (root.name === `${NS.atom} feed`) return atom(root);
  throw new Error(`not a feed: the root element is <${root.name.split(" ").pop()}>, not <rss> or Atom's <feed>`);
}

const text = (el: XmlElement | undefined) => el?.text.trim() ?? "";
const when = (value: string) => {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
};

function rss(root: XmlElement) {
  const channel = child(root, "channel");
  if (!channel) throw new Error("not a feed: <rss> without <channel>");
  const items: Imported[] = [];
  const skipped: string[] = [];
  for (const [index, item] of children(channel, "item").entries()) {
    const position = `item ${index + 1}`;
    const url = text(child(item, "link")) || text(child(item, "guid"));
    const title = text(child(item, "title"));
    const html = text(child(item, `${NS.content} encoded`)) || text(child(item, "description"));
    if (!url || !title || !html) {
      skipped.push(`${title || url || "an item"}: ${!url ? "no link" : !title ? "no title" : "no content"}`);
      continue;
    }
    const published = when(text(child(item, "pubDate")));
    const author = text(child(item, `${NS.dc} creator`)) || text(child(item, "author"));
    items.push({
      url,
      position,
      title,
      html,
      ...(published !== undefined ? { published } : {}),
      tags: children(item, "category").map(text).filter(Boolean),
      categories: children(item, "category").map(text).filter(Boolean),
      ...(author ? { author } : {}),
    });
  }
  return { kind: "rss" as const, items, skipped };
}

function atom(root: XmlElement) {
  const items: Imported[] = [];
  const skipped: string[] = [];
  for (const [index, entry] of children(root, `${NS.atom} entry`).entries()) {
    const position = `entry ${index + 1}`;
    const links = children(entry, `${NS.atom} link`);
    const url = (links.find((l) => (l.attrs.rel ?? "alternate") === "alternate") ?? links[0])?.attrs.href ?? "";
    const title = text(child(entry, `${NS.atom} title`));
    const content = child(entry, `${NS.atom} content`) ?? child(entry, `${NS.atom} summary`);
    const html = content?.attrs.type === "text" ? escapeText(text(content)) : text(content);
    if (!url || !title || !html) {
      skipped.push(`${title || url || "an entry"}: ${!url ? "no link" : !title ? "no title" : "no content"}`);
      continue;
    }
    const published = when(text(child(entry, `${NS.atom} published`)));
    const updated = when(text(child(entry, `${NS.atom} updated`)));
    const terms = children(entry, `${NS.atom} category`)
      .map((c) => c.attrs.term ?? "")
      .filter(Boolean);
    const author = text(
      child(child(entry, `${NS.atom} author`) ?? { name: "", attrs: {}, children: [], text: "" }, `${NS.atom} name`),
    );
    items.push({
      url,
      position,
      title,
      html,
      // Atom's updated is required; it is the publication date only when no published is given
      // (RFC 4287 §4.2.15): then it is kept as the last change, not presented as publication.
      ...(published !== undefined ? { published } : {}),
      ...(updated !== undefined && updated !== published ? { updated } : {}),
      tags: terms,
      categories: terms,
      ...(author ? { author } : {}),
    });
  }
  return { kind: "atom" as const, items, skipped };
}

function jsonFeed(source: string) {
  let feed: { version?: string; items?: unknown[] };
  try {
    feed = JSON.parse(source) as typeof feed;
  } catch (error) {
    throw new Error(`malformed JSON: ${(error as Error).message}`);
  }
  if (typeof feed.version !== "string" || !feed.version.startsWith("https://jsonfeed.org/version/"))
    throw new Error("not a feed: no JSON Feed version (https://jsonfeed.org/version/1.1)");
  const items: Imported[] = [];
  const skipped: string[] = [];
  for (const [index, raw] of (Array.isArray(feed.items) ? feed.items : []).entries()) {
    const position = `item ${index + 1}`;
    const item = (raw ?? {}) as Record<string, unknown>;
    const url = typeof item.url === "string" ? item.url : typeof item.id === "string" ? item.id : "";
    const title = typeof item.title === "string" ? item.title.trim() : "";
    const html =
      typeof item.content_html === "string"
        ? item.content_html
        : typeof item.content_text === "string"
          ? escapeText(item.content_text)
          : "";
    if (!url || !title || !html) {
      skipped.push(`${title || url || "an item"}: ${!url ? "no url" : !title ? "no title" : "no content"}`);
      continue;
    }
    const published = typeof item.date_published === "string" ? when(item.date_published) : undefined;
    const updated = typeof item.date_modified === "string" ? when(item.date_modified) : undefined;
    const tags = Array.isArray(item.tags) ? item.tags.filter((t): t is string => typeof t === "string") : [];
    const authors = Array.isArray(item.authors) ? (item.authors as { name?: string }[]) : [];
    items.push({
      url,
      position,
      title,
      html,
      ...(published !== undefined ? { published } : {}),
      ...(updated !== undefined ? { updated } : {}),
      tags,
      categories: tags,
      ...(authors[0]?.name ? { author: authors[0].name } : {}),
    });
  }
  return { kind: "json" as const, items, skipped };
}

/** Plain text as HTML paragraphs. */
function escapeText(value: string): string {
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return value
    .split(/\n\s*\n/)
    .map((p) => `<p>${esc(p.trim())}</p>`)
    .join("\n");
}
