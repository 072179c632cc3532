/**
 * Old URLs of imported articles (front matter `aliases:`): the worker answers an old path with a
 * 301 to the article (RFC 9110 §15.4.2), so links in search engines, chats and other sites keep
 * working after the move. One normal form for the build (which indexes and checks them) and the
 * worker (which looks them up):
 *
 * - The path, percent-decoded, NFC, `index.html` (and a trailing slash) dropped, so `/news/`,
 *   `/news/index.html` and `/news/index.html?from=wechat` are one old page. An alias written
 *   without a query matches whatever query a link carries (old CMSs and chat apps add tracking:
 *   `?from=singlemessage`).
 * - An alias written with a query is a dynamic page whose identity is in the query
 *   (`/plus/view.php?aid=123`, WordPress's `/?p=123`): its normal form is the path, `?`, then its
 *   parameters parsed as a browser does (WHATWG URL `application/x-www-form-urlencoded`: `+` is a
 *   space, percent-decoded), NFC, sorted by name (then value), joined `name=value&…` with `%`, `&`,
 *   `=` and `#` inside a name or value percent-encoded again so the form stays unambiguous. A
 *   request matches it when the request's parameters include all of the alias's (extra ones, such
 *   as `utm_source` or `from=wechat`, are ignored); the most specific match wins, and a query alias
 *   wins over the bare path's alias.
 * - Query aliases are bucketed in the store by their path and first parameter (`aliasBucketKey`),
 *   so the worker reads a bucket only for a request parameter whose name starts some query alias
 *   (the manifest lists those names), and tries at most `MAX_QUERY_PROBES` of them: a request with
 *   hundreds of parameters costs no more reads than one with five.
 * - Under the site's own routes an alias is refused (the route answers first, so it could never
 *   redirect), query or not — with one exception: a query alias on `/` (WordPress's `/?p=123`),
 *   because the home page takes no query, so the worker looks such aliases up before serving it,
 *   and only when the request to `/` has a query.
 */

/** How many of a request's parameters are tried as the first parameter of a query alias. */
export const MAX_QUERY_PROBES = 4;

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

/** The normal form of an old path alone (no query), or undefined when it is not one (not absolute, undecodable). */
export function aliasPathKey(path: string): string | undefined {
  const bare = path.split(/[?#]/)[0]!;
  if (!bare.startsWith("/")) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(bare);
  } catch {
    return undefined;
  }
  if (CONTROL.test(decoded)) return undefined;
  // A `?` in a path can only have been written %3F: it stays encoded, so it cannot pass for a query.
  const key = decoded
    .normalize("NFC")
    .replace(/\?/g, "%3F")
    .replace(/\/index\.html?$/i, "/")
    .replace(/\/+$/, "");
  return key === "" ? "/" : key;
}

const CONTROL = /[\u0000-\u001f\u007f]/;

/** A name or value in a query's normal form: decoded, with the characters that delimit it encoded. */
const escapePart = (s: string) =>
  s.normalize("NFC").replace(/[%&=#]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * A query's parameters in normal form (`name=value` each), sorted, duplicates dropped; undefined
 * when one holds a control character (no link a reader follows carries one).
 */
export function queryPairs(search: string): string[] | undefined {
  const pairs = new Set<string>();
  for (const [name, value] of new URLSearchParams(search)) {
    if (CONTROL.test(name) || CONTROL.test(value)) return undefined;
    pairs.add(`${escapePart(name)}=${escapePart(value)}`);
  }
  return [...pairs].sort(byNameThenValue);
}

/** Sorts `name=value` pairs by name, then value (plain code-unit order, the same in every runtime). */
function byNameThenValue(a: string, b: string): number {
  const [an, av] = splitPair(a);
  const [bn, bv] = splitPair(b);
  return an < bn ? -1 : an > bn ? 1 : av < bv ? -1 : av > bv ? 1 : 0;
}

function splitPair(pair: string): [string, string] {
  const at = pair.indexOf("=");
  return [pair.slice(0, at), pair.slice(at + 1)];
}

/**
 * The normal form of an alias (above): its path's, followed by `?` and its parameters when it has
 * a query; undefined when it is not a path this site can answer.
 */
export function aliasKey(alias: string): string | undefined {
  const path = aliasPathKey(alias);
  if (path === undefined) return undefined;
  const hash = alias.indexOf("#");
  const beforeHash = hash < 0 ? alias : alias.slice(0, hash);
  const q = beforeHash.indexOf("?");
  if (q < 0) return path;
  const pairs = queryPairs(beforeHash.slice(q + 1));
  if (pairs === undefined) return undefined;
  return pairs.length ? `${path}?${pairs.join("&")}` : path;
}

/** An alias key's path and its query's pairs (none for a bare path's alias). */
export function splitAliasKey(key: string): { path: string; pairs: string[] } {
  const q = key.indexOf("?");
  return q < 0 ? { path: key, pairs: [] } : { path: key.slice(0, q), pairs: key.slice(q + 1).split("&") };
}

/** What the store buckets an alias by: a bare path's alias by itself, a query alias by its path and first parameter. */
export function aliasBucketKey(key: string): string {
  const { path, pairs } = splitAliasKey(key);
  return pairs.length ? `${path}?${pairs[0]}` : path;
}

/** A query parameter's name (normal form) from a `name=value` pair. */
export const pairName = (pair: string): string => splitPair(pair)[0];

/** Whether an alias (normal form) would fall under one of the site's own routes (see the exception above). */
export function aliasShadowsRoute(key: string): boolean {
  const { path, pairs } = splitAliasKey(key);
  if (path === "/" && pairs.length) return false;
  return ROUTED.has(path.split("/")[1] ?? "");
}
