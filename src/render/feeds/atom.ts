/**
 * Atom 1.0 (RFC 4287) with RFC 5005 paging or fh:complete. Entry ids are urn:uuid from the
 * article's permanent id (§4.2.6: "MUST NOT change"); `updated` is always a content date. Pure.
 */
import type { SiteSettings } from "../../content/model.ts";
import { absolutize, articleUrl, feedUrl, homeUrl, itemCategories, itemUpdated, type FeedView } from "./view.ts";
import { xml } from "./xml.ts";

export function renderAtom(view: FeedView, site: SiteSettings): string {
  const link = (rel: string, page: number) =>
    `<link rel="${rel}" type="application/atom+xml" href="${xml(feedUrl(site, view, "atom", page))}"/>`;
  const paging =
    view.pages === 1
      ? [`<fh:complete/>`]
      : [
          link("first", 1),
          view.page > 1 ? link("previous", view.page - 1) : "",
          view.page < view.pages ? link("next", view.page + 1) : "",
          link("last", view.pages),
        ];
  const entries = view.articles.map((a) => {
    const url = articleUrl(site, a);
    return [
      `<entry>`,
      `<id>urn:uuid:${a.id}</id>`,
      `<title type="text">${xml(a.title)}</title>`,
      `<link rel="alternate" type="text/html" href="${xml(url)}"/>`,
      a.published.kind === "exact" ? `<published>${a.published.iso}</published>` : "",
      `<updated>${itemUpdated(a)}</updated>`,
      a.author ? `<author><name>${xml(a.author)}</name></author>` : "",
      ...itemCategories(site, a).map((c) => `<category term="${xml(c.term)}" label="${xml(c.label)}"/>`),
      `<summary type="text">${xml(a.summary)}</summary>`,
      `<content type="html">${xml(absolutize(a.html, url))}</content>`,
      `</entry>`,
    ]
      .filter(Boolean)
      .join("\n");
  });
  return [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:fh="http://purl.org/syndication/history/1.0" xml:lang="${xml(site.language)}">`,
    `<id>${xml(view.id)}</id>`,
    `<title type="text">${xml(view.title)}</title>`,
    `<subtitle type="text">${xml(view.description)}</subtitle>`,
    `<updated>${view.updated}</updated>`,
    `<link rel="alternate" type="text/html" href="${xml(homeUrl(site, view))}"/>`,
    `<link rel="self" type="application/atom+xml" href="${xml(feedUrl(site, view, "atom", view.page))}"/>`,
    site.websub ? `<link rel="hub" href="${xml(site.websub)}"/>` : "",
    ...paging,
    // §4.1.1: a feed whose entries lack an author needs one; the publisher is the association.
    `<author><name>${xml(site.name)}</name><uri>${xml(site.origin)}/</uri></author>`,
    `<rights type="text">${xml(site.copyright)}</rights>`,
    ...entries,
    `</feed>`,
    ``,
  ]
    .filter((l, i, all) => l !== "" || i === all.length - 1)
    .join("\n");
}
