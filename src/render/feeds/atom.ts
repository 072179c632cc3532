/**
 * Atom 1.0 (RFC 4287) with RFC 5005 paging or fh:complete. Entry ids are urn:uuid from the
 * article's permanent id (§4.2.6: "MUST NOT change"); `updated` is always a content date. Pure.
 */
import { lastChanged } from "../../content/index.ts";
import type { SiteSettings } from "../../content/model.ts";
import { paths, url } from "../../content/urls.ts";
import { essence } from "../../mime.ts";
import { FEED_FORMATS, feedUrl } from "../feed-formats.ts";
import { archiveLinks, articleUrl, homeUrl, itemCategories, itemEnclosure, itemHtml, type FeedView } from "./view.ts";
import { xml, xmlDocument, xmlLines } from "../xml.ts";
import { stylesheet } from "./stylesheet.ts";
import { ICONS } from "../../generated/assets.ts";

export function renderAtom(view: FeedView, site: SiteSettings): string {
  const archive = archiveLinks(site, view, "atom");
  const type = essence(FEED_FORMATS.atom.type);
  const paging = archive.complete
    ? [`<fh:complete/>`]
    : archive.links.map(({ rel, href }) => `<link rel="${rel}" type="${type}" href="${xml(href)}"/>`);
  const entries = view.articles.map((a) => {
    const url = articleUrl(site, a);
    // RFC 4287 §4.2.7.2: rel="enclosure", the thumbnail (with its length, which §4.2.7.6 allows).
    const enclosure = itemEnclosure(site, a);
    return xmlLines([
      `<entry>`,
      `<id>urn:uuid:${a.id}</id>`,
      `<title type="text">${xml(a.title)}</title>`,
      `<link rel="alternate" type="text/html" href="${xml(url)}"/>`,
      enclosure
        ? `<link rel="enclosure" type="${xml(enclosure.type)}" href="${xml(enclosure.url)}" length="${enclosure.length}"/>`
        : "",
      a.published.kind === "exact" ? `<published>${a.published.iso}</published>` : "",
      `<updated>${lastChanged(a) ?? view.updated}</updated>`,
      a.author ? `<author><name>${xml(a.author)}</name></author>` : "",
      ...itemCategories(site, a).map((c) => `<category term="${xml(c.term)}" label="${xml(c.label)}"/>`),
      `<summary type="text">${xml(a.summary)}</summary>`,
      `<content type="html">${xml(itemHtml(a, url))}</content>`,
      `</entry>`,
    ]);
  });
  return xmlDocument([
    stylesheet(),
    `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:fh="http://purl.org/syndication/history/1.0" xml:lang="${xml(site.language)}">`,
    `<id>${xml(view.id)}</id>`,
    `<title type="text">${xml(view.title)}</title>`,
    `<subtitle type="text">${xml(view.description)}</subtitle>`,
    // §4.2.5 icon: small and square; §4.2.8 logo: 2:1.
    `<icon>${xml(url(site, ICONS["icon-64.png"].path))}</icon>`,
    `<logo>${xml(url(site, ICONS["logo.png"].path))}</logo>`,
    `<updated>${view.updated}</updated>`,
    `<link rel="alternate" type="text/html" href="${xml(homeUrl(site, view))}"/>`,
    `<link rel="self" type="${type}" href="${xml(feedUrl(site, view.base, "atom", view.paging.self))}"/>`,
    site.websub ? `<link rel="hub" href="${xml(site.websub)}"/>` : "",
    ...paging,
    // §4.1.1: a feed whose entries lack an author needs one; the publisher is the association.
    `<author><name>${xml(site.name)}</name><uri>${xml(url(site, paths.home))}</uri></author>`,
    `<rights type="text">${xml(site.copyright)}</rights>`,
    ...entries,
    `</feed>`,
  ]);
}
