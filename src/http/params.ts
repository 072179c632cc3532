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

/**
 * The one text for a number parameter that is not a whole number in range, in the reader's
 * language: Chinese on pages (the parameter named first), English in the API and feeds (whose
 * readers are programs and their developers; the API's problem names the parameter itself).
 */
export function numberMessage(
  name: string,
  value: string,
  { min, max }: { min: number; max: number },
  lang: "zh" | "en",
): string {
  const shown = JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return lang === "zh"
    ? `${name} ${shown} 无效:应为 ${min} 到 ${max} 之间的整数。`
    : `must be a whole number from ${min} to ${max}; got ${shown}.`;
}
