/**
 * Feeds as an import source (issue 22, source 3): RSS 2.0 (with content:encoded), Atom 1.0 (RFC
 * 4287) or JSON Feed 1.1, with the articles' full content. Each item becomes an `Imported`: what
 * the source states and nothing invented (no date where none is given).
 */
import { NS, XmlTooDeep, child, children, parseXml, type XmlElement } from "./xml.ts";
import type { Imported } from "./imported.ts";
import { escapeHtml } from "../content/markdown.ts";

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

/** What one item or entry states, read from its feed's own elements or members. */
interface Entry {
  url: string;
  title: string;
  html: string;
  published?: number | undefined;
  updated?: number | undefined;
  /** Its categories (RSS, Atom) or tags (JSON Feed): each becomes both a tag and a category. */
  terms: string[];
  author: string;
}

/**
 * The items of a feed, each read by `read`: one without a URL, a title or content is skipped
 * (with why), counted as `noun` (RSS and JSON Feed say item, Atom entry) and its URL as `urlWord`.
 */
function collect<K extends FeedKind, T>(
  kind: K,
  entries: readonly T[],
  noun: "item" | "entry",
  urlWord: "link" | "url",
  read: (entry: T) => Entry,
) {
  const items: Imported[] = [];
  const skipped: string[] = [];
  for (const [index, entry] of entries.entries()) {
    const { url, title, html, published, updated, terms, author } = read(entry);
    if (!url || !title || !html) {
      skipped.push(`${title || url || `an ${noun}`}: ${!url ? `no ${urlWord}` : !title ? "no title" : "no content"}`);
      continue;
    }
    items.push({
      url,
      position: `${noun} ${index + 1}`,
      title,
      html,
      ...(published !== undefined ? { published } : {}),
      ...(updated !== undefined ? { updated } : {}),
      tags: terms,
      categories: terms,
      ...(author ? { author } : {}),
    });
  }
  return { kind, items, skipped };
}

function rss(root: XmlElement) {
  const channel = child(root, "channel");
  if (!channel) throw new Error("not a feed: <rss> without <channel>");
  return collect("rss", children(channel, "item"), "item", "link", (item) => ({
    url: text(child(item, "link")) || text(child(item, "guid")),
    title: text(child(item, "title")),
    html: text(child(item, `${NS.content} encoded`)) || text(child(item, "description")),
    published: when(text(child(item, "pubDate"))),
    terms: children(item, "category").map(text).filter(Boolean),
    author: text(child(item, `${NS.dc} creator`)) || text(child(item, "author")),
  }));
}

function atom(root: XmlElement) {
  return collect("atom", children(root, `${NS.atom} entry`), "entry", "link", (entry) => {
    const links = children(entry, `${NS.atom} link`);
    const content = child(entry, `${NS.atom} content`) ?? child(entry, `${NS.atom} summary`);
    const published = when(text(child(entry, `${NS.atom} published`)));
    const updated = when(text(child(entry, `${NS.atom} updated`)));
    const author = child(entry, `${NS.atom} author`);
    return {
      url: (links.find((l) => (l.attrs.rel ?? "alternate") === "alternate") ?? links[0])?.attrs.href ?? "",
      title: text(child(entry, `${NS.atom} title`)),
      html: content?.attrs.type === "text" ? escapeText(text(content)) : text(content),
      published,
      // Atom's updated is required; it is the publication date only when no published is given
      // (RFC 4287 §4.2.15): then it is kept as the last change, not presented as publication.
      updated: updated !== published ? updated : undefined,
      terms: children(entry, `${NS.atom} category`)
        .map((c) => c.attrs.term ?? "")
        .filter(Boolean),
      author: author ? text(child(author, `${NS.atom} name`)) : "",
    };
  });
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
  return collect("json", Array.isArray(feed.items) ? feed.items : [], "item", "url", (raw) => {
    const item = (raw ?? {}) as Record<string, unknown>;
    const tags = Array.isArray(item.tags) ? item.tags.filter((t): t is string => typeof t === "string") : [];
    const authors = Array.isArray(item.authors) ? (item.authors as { name?: string }[]) : [];
    return {
      url: typeof item.url === "string" ? item.url : typeof item.id === "string" ? item.id : "",
      title: typeof item.title === "string" ? item.title.trim() : "",
      html:
        typeof item.content_html === "string"
          ? item.content_html
          : typeof item.content_text === "string"
            ? escapeText(item.content_text)
            : "",
      published: typeof item.date_published === "string" ? when(item.date_published) : undefined,
      updated: typeof item.date_modified === "string" ? when(item.date_modified) : undefined,
      terms: tags,
      author: authors[0]?.name ?? "",
    };
  });
}

/** Plain text as HTML paragraphs, escaped by the build's one HTML escaper. */
function escapeText(value: string): string {
  return value
    .split(/\n\s*\n/)
    .map((p) => `<p>${escapeHtml(p.trim())}</p>`)
    .join("\n");
}
