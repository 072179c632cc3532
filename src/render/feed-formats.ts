/**
 * The feed formats, once: file name, media type and labels. Routes, autodiscovery links, the
 * /feeds page and the API's feed URLs all read this table.
 */
import { paths, url, type FeedPageRef } from "../content/index.ts";
import type { SiteSettings } from "../content/model.ts";
import { MIME } from "../mime.ts";

export type FeedFormat = "rss" | "atom" | "json";

export interface FeedFormatInfo {
  /** The file name under the feed's base path. */
  file: string;
  /** The format's media type, with charset: autodiscovery links and atom:link say it. */
  type: string;
  /** The Content-Type a document is served with (mime.ts `xmlFeed` says why it may differ). */
  servedAs: string;
  /** Short label for autodiscovery titles. */
  label: string;
  /** Format and version, for people. */
  name: string;
}

export const FEED_FORMATS: Record<FeedFormat, FeedFormatInfo> = {
  rss: { file: "feed.xml", type: MIME.rss, servedAs: MIME.xmlFeed, label: "RSS", name: "RSS 2.0" },
  atom: { file: "atom.xml", type: MIME.atom, servedAs: MIME.xmlFeed, label: "Atom", name: "Atom 1.0" },
  json: { file: "feed.json", type: MIME.jsonFeed, servedAs: MIME.jsonFeed, label: "JSON Feed", name: "JSON Feed 1.1" },
};

export const FEED_FORMAT_LIST = Object.keys(FEED_FORMATS) as FeedFormat[];

/**
 * Absolute URL of a document of the feed at `base` in `format`: page 1 has no query, a later page
 * `?page=N`, a later part of a page split by the byte budget `&part=K` (or `?part=K` on page 1).
 */
export function feedUrl(
  site: SiteSettings,
  base: string,
  format: FeedFormat,
  { page, part }: FeedPageRef = { page: 1, part: 1 },
): string {
  return url(site, paths.feed(base, FEED_FORMATS[format].file), {
    page: page > 1 ? page : undefined,
    part: part > 1 ? part : undefined,
  });
}

/** The feed URLs of one base in every format, as the API lists them. */
export function feedUrls(site: SiteSettings, base: string): Record<FeedFormat, string> {
  return { rss: feedUrl(site, base, "rss"), atom: feedUrl(site, base, "atom"), json: feedUrl(site, base, "json") };
}
