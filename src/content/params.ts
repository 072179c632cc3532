/**
 * The whole-number parameters of the site's URLs, each range written once: the routes read them
 * through src/http/params.ts `wholeParam` (one adapter for pages, feeds, the API and oEmbed) and
 * the OpenAPI document states them (src/render/api/openapi.ts `integerSchema`), so a range
 * cannot say one thing in the contract and another in the code.
 *
 * @example
 * parseWhole("2025", RANGES.year.min, RANGES.year.max) // 2025
 * integerSchema(RANGES.limit) // { type: "integer", minimum: 1, maximum: 50, default: 10 }
 */
import { MAX_PAGE, parseWhole } from "./pagination.ts";

export interface WholeRange {
  min: number;
  max: number;
  /** The value when the parameter is absent. */
  default?: number;
  /** How a page names the parameter to a reader (the API and feeds use its own name). */
  label?: string;
  /**
   * Digits it may be zero-padded to (an archive month: 06 as well as 6); otherwise canonical
   * form only. The route decides which spelling is canonical (the archive redirects to it).
   */
  padded?: number;
  /** False: the bound guards against absurd values and is no promise of the contract (OpenAPI leaves it out). */
  stated?: false;
}

/** Items of an API list page when `limit` is absent, and at most. */
export const LIMIT_DEFAULT = 10;
export const LIMIT_MAX = 50;

const month = { min: 1, max: 12, label: "月份" } as const;

export const RANGES = {
  /** A list's, a feed's or a search's page. */
  page: { min: 1, max: MAX_PAGE, default: 1, label: "页码", stated: false },
  /** A part of a feed page split by the byte budget. */
  part: { min: 1, max: MAX_PAGE, default: 1, stated: false },
  /** Items of an API list page. */
  limit: { min: 1, max: LIMIT_MAX, default: LIMIT_DEFAULT },
  /** A year of the archive (the site's time zone). */
  year: { min: 1000, max: 9999, label: "年份" },
  /** A month of a year of the archive. */
  month,
  /** A month as the archive's path writes it: 06 (its canonical spelling) as well as 6. */
  monthSegment: { ...month, padded: 2 },
  /** A consumer's maxwidth or maxheight for an oEmbed card, in CSS pixels. */
  dimension: { min: 1, max: 99999 },
} as const satisfies Record<string, WholeRange>;

/** The value of `value` in `range` (canonical digits, or zero-padded when the range allows), or undefined. */
export function readWhole(value: string, range: WholeRange): number | undefined {
  const digits = range.padded && value.length <= range.padded ? value.replace(/^0+(?=\d)/, "") : value;
  return parseWhole(digits, range.min, range.max);
}

/** The OpenAPI 3.1 schema of a whole-number parameter in `range`. */
export function integerSchema(range: WholeRange): {
  type: "integer";
  minimum: number;
  maximum?: number;
  default?: number;
} {
  return {
    type: "integer",
    minimum: range.min,
    ...(range.stated === false ? {} : { maximum: range.max }),
    ...(range.default === undefined ? {} : { default: range.default }),
  };
}
