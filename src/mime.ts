/**
 * Media types of everything the worker sends (RFC 6838 names, UTF-8 declared for text). A leaf
 * module: renderers (feed autodiscovery), routes and the HTTP layer all read the same table.
 */
export const MIME = {
  html: "text/html; charset=utf-8",
  text: "text/plain; charset=utf-8",
  xml: "application/xml; charset=utf-8",
  json: "application/json; charset=utf-8",
  /** RFC 9457 §3. */
  problem: "application/problem+json; charset=utf-8",
  /** RSS 2.0 (no IANA registration; the de facto type readers and the W3C validator expect). */
  rss: "application/rss+xml; charset=utf-8",
  /** RFC 4287 §7. */
  atom: "application/atom+xml; charset=utf-8",
  /**
   * What RSS and Atom documents are served as. Browsers show `application/rss+xml` and
   * `application/atom+xml` as raw text (Chromium 156 does, as tested here), but render `application/xml` with its
   * xml-stylesheet, so a person who opens a feed sees a page. Feed readers sniff the root element
   * and accept it, and the W3C validator finds `<rss`/`<feed` in the first 512 bytes, so it does
   * not warn (feedvalidator/mediaTypes.py, contentSniffing). Autodiscovery links keep the
   * specific types.
   */
  xmlFeed: "application/xml; charset=utf-8",
  /** Web App Manifest §"Media type registration". */
  webManifest: "application/manifest+json; charset=utf-8",
  /** JSON Feed 1.1 §"Content type". */
  jsonFeed: "application/feed+json; charset=utf-8",
} as const;

/** The type without parameters, as `<link type>` wants it (HTML §4.6.6). */
export function essence(type: string): string {
  return type.split(";")[0]!;
}

/** Pictures of content/media/ by extension (the names MEDIA_FILE_RE allows). */
const PICTURES: Record<string, string> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  gif: "image/gif",
  webp: "image/webp",
  avif: "image/avif",
  svg: "image/svg+xml",
};

/** The media type of a picture file by its extension, or undefined. */
export function pictureType(file: string): string | undefined {
  return PICTURES[file.slice(file.lastIndexOf(".") + 1).toLowerCase()];
}
