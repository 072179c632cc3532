/**
 * JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/): `authors` (not 1.0's `author`),
 * `language`, `hubs` for WebSub, `next_url` for the next page. Dates only where known: an article
 * whose publication date is unknown has no `date_published`. Pure.
 */
import type { SiteSettings } from "../../content/model.ts";
import { paths, url } from "../../content/urls.ts";
import { feedUrl } from "../feed-formats.ts";
import { articleUrl, homeUrl, itemCategories, itemHtml, itemImage, type FeedView } from "./view.ts";
import { clean } from "../xml.ts";
import { ICONS } from "../../generated/assets.ts";

export function renderJsonFeed(view: FeedView, site: SiteSettings): string {
  const { next } = view.paging;
  const feed = {
    version: "https://jsonfeed.org/version/1.1",
    title: clean(view.title),
    home_page_url: homeUrl(site, view),
    feed_url: feedUrl(site, view.base, "json", view.paging.self),
    description: clean(view.description),
    // JSON Feed 1.1: `icon` 512×512 for timelines, `favicon` small and square.
    icon: url(site, ICONS["icon-512.png"].path),
    favicon: url(site, ICONS["icon-64.png"].path),
    ...(next ? { next_url: feedUrl(site, view.base, "json", next) } : {}),
    authors: [{ name: clean(site.name), url: url(site, paths.home) }],
    language: site.language,
    ...(site.websub ? { hubs: [{ type: "WebSub", url: site.websub }] } : {}),
    items: view.articles.map((a) => {
      const url = articleUrl(site, a);
      const image = itemImage(site, a);
      return {
        id: `urn:uuid:${a.id}`,
        url,
        title: clean(a.title),
        content_html: clean(itemHtml(a, url)),
        summary: clean(a.summary),
        ...(image ? { image } : {}),
        ...(a.published.kind === "exact" ? { date_published: a.published.iso } : {}),
        ...(a.updated ? { date_modified: a.updated } : {}),
        ...(a.author ? { authors: [{ name: clean(a.author) }] } : {}),
        tags: itemCategories(site, a).map((c) => clean(c.label)),
        language: site.language,
      };
    }),
  };
  return `${JSON.stringify(feed)}\n`;
}
