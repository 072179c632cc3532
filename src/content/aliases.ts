/**
 * Old URLs of imported articles (front matter `aliases:`): the worker answers an old path with a
 * 301 to the article (RFC 9110 §15.4.2), so links in search engines, chats and other sites keep
 * working after the move. One normal form for the build (which indexes and checks them) and the
 * worker (which looks them up): the path only (no query or fragment, which old CMSs used for
 * tracking), percent-decoded, `index.html` (and a trailing slash) dropped, so `/news/`,
 * `/news/index.html` and `/news/index.html?from=wechat` are one old page.
 */

/** The top-level path segments the site's own routes answer: an alias there would shadow one. */
const ROUTED = new Set([
  "",
  "articles",
  "categories",
  "tags",
  "archive",
  "page",
  "feed.xml",
  "atom.xml",
  "feed.json",
  "feeds",
  "search",
  "api",
  "oembed",
  "embed",
  "embed.js",
  "sitemap.xml",
  "sitemaps",
  "robots.txt",
  "manifest.webmanifest",
  "media",
  "assets",
  "_store",
  "__preview",
]);

/** The normal form of an old path, or undefined when it is not one (not absolute, undecodable). */
export function aliasKey(path: string): string | undefined {
  const bare = path.split(/[?#]/)[0]!;
  if (!bare.startsWith("/")) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(bare);
  } catch {
    return undefined;
  }
  if (/[\u0000-\u001f\u007f]/.test(decoded)) return undefined;
  const key = decoded
    .normalize("NFC")
    .replace(/\/index\.html?$/i, "/")
    .replace(/\/+$/, "");
  return key === "" ? "/" : key;
}

/** Whether an alias (normal form) would fall under one of the site's own routes. */
export function aliasShadowsRoute(key: string): boolean {
  return ROUTED.has(key.split("/")[1] ?? "");
}
