import { HTTPException } from "hono/http-exception";
import { readWhole, type WholeRange } from "../content/params.ts";
import { MIME } from "../mime.ts";
import { badParam, problem } from "./problem.ts";
import { plainResponse } from "./responses.ts";

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
 * Where a parameter is read, which says how a bad one is reported: a page answers the 400 page in
 * Chinese naming the parameter by its label (app.ts onError), a feed plain text, the API and
 * oEmbed an RFC 9457 problem naming the parameter (problem.ts badParam).
 */
export type Surface = "page" | "feed" | "api";

/**
 * A feed's error: plain text (a feed reader shows it as it is), with the feed route's headers.
 * Throws; the app's onError passes its response through.
 */
export function feedError(status: 400 | 404, message: string): never {
  throw new HTTPException(status, { res: plainResponse("feed", status, `${message}\n`, MIME.text) });
}

/**
 * The one way a route says "not found", in its surface's format: the 404 page (app.ts onError, the
 * message kept for the log), a feed's plain text, or the API's RFC 9457 problem. Throws.
 *
 * @example
 * const article = (await articles.published(slug, now)) ?? notFound("api", `No published article has the slug "${slug}".`);
 */
export function notFound(surface: Surface, message: string): never {
  if (surface === "page") throw new HTTPException(404, { message });
  if (surface === "feed") feedError(404, message);
  problem(404, message);
}

/**
 * A whole-number parameter (a query value or a path segment) in its range
 * (src/content/params.ts RANGES), the range's default when absent; anything else is refused in
 * the surface's own format, naming the parameter and its range.
 *
 * @example
 * const page = wholeParam("page", "page", c.req.param("n"), RANGES.page); // "/page/0": the 400 page
 * const year = wholeParam("api", "year", c.req.query("year"), RANGES.year); // number | undefined
 */
export function wholeParam<R extends WholeRange, V extends string | undefined>(
  surface: Surface,
  name: string,
  value: V,
  range: R,
): V extends string ? number : R extends { default: number } ? number : number | undefined;
export function wholeParam(surface: Surface, name: string, value: string | undefined, range: WholeRange) {
  if (value === undefined) return range.default;
  const n = readWhole(value, range);
  if (n !== undefined) return n;
  if (surface === "page")
    throw new HTTPException(400, { message: numberMessage(range.label ?? name, value, range, "zh") });
  if (surface === "feed") feedError(400, `Invalid ${name}: ${numberMessage(name, value, range, "en")}`);
  badParam(name, numberMessage(name, value, range, "en"));
}
