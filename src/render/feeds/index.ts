export { renderAtom } from "./atom.ts";
export { renderJsonFeed } from "./json.ts";
export { renderRss } from "./rss.ts";
export { absolutize, FEED_FILES, FEED_TYPES, feedUrl, type FeedFormat, type FeedView } from "./view.ts";
export { clean, rfc822, xml } from "./xml.ts";
