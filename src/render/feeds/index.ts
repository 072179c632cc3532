export { renderAtom } from "./atom.ts";
export { renderJsonFeed } from "./json.ts";
export { renderRss } from "./rss.ts";
export { FEED_FORMAT_LIST, FEED_FORMATS, feedUrl, type FeedFormat } from "../feed-formats.ts";
export type { FeedView } from "./view.ts";
export { clean, rfc822, xml } from "../xml.ts";
export { feedItemBytes } from "./size.ts";
