import { readWhole, type WholeRange } from "../content/params.ts";
import type { Fail } from "./fail.ts";

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

/**
 * A whole-number parameter (a query value or a path segment) in its range
 * (src/content/params.ts RANGES), the range's default when absent; anything else is refused
 * through the surface's `fail` (fail.ts), naming the parameter (on pages by its label) and its range.
 *
 * @example
 * const page = wholeParam(c.var.fail, "page", c.req.param("n"), RANGES.page); // "/page/0": the 400 page
 * const year = wholeParam(c.var.fail, "year", c.req.query("year"), RANGES.year); // number | undefined
 */
export function wholeParam<R extends WholeRange, V extends string | undefined>(
  fail: Fail,
  name: string,
  value: V,
  range: R,
): V extends string ? number : R extends { default: number } ? number : number | undefined;
export function wholeParam(fail: Fail, name: string, value: string | undefined, range: WholeRange) {
  if (value === undefined) return range.default;
  const n = readWhole(value, range);
  if (n !== undefined) return n;
  fail.badParam(name, numberMessage(range.label ?? name, value, range, fail.lang));
}
