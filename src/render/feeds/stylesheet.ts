/**
 * Kept apart from xml.ts: the build imports the feed size bound (size.ts → xml.ts) before it has
 * generated the asset table this needs.
 */
import { ASSETS } from "../../generated/assets.ts";

/**
 * The processing instruction that styles a feed for a person who opens it in a browser (W3C
 * "Associating Style Sheets with XML documents 1.0"): CSS, not XSLT, which Chrome removed. Feed
 * readers ignore it and read the same bytes. Root-relative, so it loads from the origin serving
 * the feed.
 */
export function stylesheet(): string {
  return `<?xml-stylesheet type="text/css" href="${ASSETS["feed.css"].path}"?>`;
}
