/**
 * A free-text query parameter (a search), decoded as the URL Standard decodes
 * application/x-www-form-urlencoded (§5.1): bytes that are not UTF-8 become U+FFFD instead of
 * leaving the whole value undecoded, so a broken byte costs one character, never the query.
 */
export function textParam(url: string, name: string): string | undefined {
  const search = url.indexOf("?");
  if (search < 0) return undefined;
  return new URLSearchParams(url.slice(search + 1).split("#")[0]).get(name) ?? undefined;
}
