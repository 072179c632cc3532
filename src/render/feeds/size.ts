/**
 * How many bytes an article adds to a feed document, as an upper bound for every format: the
 * build records it in the content store's lists, and feed pages are split by it (the byte budget,
 * content/pagination.ts). XML escaping (RSS, Atom) is the larger of the two escapings for every
 * character but the line feed, which JSON writes as two bytes: counted once more. Metadata (ids,
 * dates, links, categories) is covered by a fixed allowance.
 */
import type { Article, SiteSettings } from "../../content/model.ts";
import { articleUrl, itemCategories, itemHtml } from "./view.ts";
import { xml } from "../xml.ts";

const encoder = new TextEncoder();
/** Per item: element names, the id, dates, the link, the author. */
const METADATA_BYTES = 2048;

function escapedBytes(text: string): number {
  let lines = 0;
  for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) lines++;
  return encoder.encode(xml(text)).length + lines;
}

export function feedItemBytes(article: Article, site: SiteSettings): number {
  const url = articleUrl(site, article);
  return (
    METADATA_BYTES +
    escapedBytes(itemHtml(article, url)) +
    escapedBytes(article.summary) +
    escapedBytes(article.title) +
    escapedBytes(url) +
    itemCategories(site, article).reduce((n, c) => n + escapedBytes(c.label) + 32, 0)
  );
}
