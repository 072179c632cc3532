/**
 * RSS 2.0 (https://www.rssboard.org/rss-specification) with content:encoded (full HTML), the Atom
 * namespace for rel="self"/"hub" and RFC 5005 paging links, dc:creator for author names, and
 * fh:complete (RFC 5005 §2) when the feed holds every article. Pure.
 */
import type { Article, SiteSettings } from "../../content/model.ts";
import { url } from "../../content/urls.ts";
import { rfc822, xml, xmlDocument, xmlLines } from "../xml.ts";
import { stylesheet } from "./stylesheet.ts";
import { ICONS } from "../../generated/assets.ts";
import { essence } from "../../mime.ts";
import { FEED_FORMATS, feedUrl } from "../feed-formats.ts";
import { archiveLinks, articleUrl, homeUrl, itemCategories, itemEnclosure, itemHtml, type FeedView } from "./view.ts";

/** RSS 2.0 <enclosure>: the thumbnail, for readers that show a picture beside the title. */
function enclosure(site: SiteSettings, article: Article): string {
  const e = itemEnclosure(site, article);
  return e ? `<enclosure url="${xml(e.url)}" length="${e.length}" type="${xml(e.type)}"/>` : "";
}

export function renderRss(view: FeedView, site: SiteSettings): string {
  const self = feedUrl(site, view.base, "rss", view.paging.self);
  const archive = archiveLinks(site, view, "rss");
  const type = essence(FEED_FORMATS.rss.type);
  const items = view.articles.map((a) => {
    const url = articleUrl(site, a);
    return xmlLines([
      `<item>`,
      `<title>${xml(a.title)}</title>`,
      `<link>${xml(url)}</link>`,
      // The permanent id, not the URL: slugs and domains may change (RSS 2.0 "guid").
      `<guid isPermaLink="false">urn:uuid:${a.id}</guid>`,
      a.published.kind === "exact" ? `<pubDate>${rfc822(a.published.iso)}</pubDate>` : "",
      a.author ? `<dc:creator>${xml(a.author)}</dc:creator>` : "",
      ...itemCategories(site, a).map((c) => `<category>${xml(c.label)}</category>`),
      `<description>${xml(a.summary)}</description>`,
      // Dublin Core §"source": the resource this one is derived from (the original publisher).
      a.source ? `<dc:source>${xml(a.sourceUrl ?? a.source)}</dc:source>` : "",
      `<content:encoded>${xml(itemHtml(a, url))}</content:encoded>`,
      enclosure(site, a),
      `</item>`,
    ]);
  });
  return xmlDocument([
    stylesheet(),
    `<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:fh="http://purl.org/syndication/history/1.0">`,
    `<channel>`,
    `<title>${xml(view.title)}</title>`,
    `<link>${xml(homeUrl(site, view))}</link>`,
    `<description>${xml(view.description)}</description>`,
    `<language>${xml(site.language)}</language>`,
    `<copyright>${xml(site.copyright)}</copyright>`,
    `<lastBuildDate>${rfc822(view.updated)}</lastBuildDate>`,
    // RSS 2.0 <image>: its title and link are the channel's; at most 144 px wide.
    `<image><url>${xml(url(site, ICONS["icon-144.png"].path))}</url><title>${xml(view.title)}</title><link>${xml(homeUrl(site, view))}</link><width>144</width><height>144</height></image>`,
    `<atom:link rel="self" type="${type}" href="${xml(self)}"/>`,
    ...archive.links.map(({ rel, href }) => `<atom:link rel="${rel}" type="${type}" href="${xml(href)}"/>`),
    site.websub ? `<atom:link rel="hub" href="${xml(site.websub)}"/>` : "",
    archive.complete ? `<fh:complete/>` : "",
    ...items,
    `</channel>`,
    `</rss>`,
  ]);
}
