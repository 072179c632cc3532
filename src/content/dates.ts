import type { Published } from "./model.ts";

/** The calendar date of an RFC 3339 instant as written (already in the site's offset). */
export function isoDate(iso: string): string {
  return iso.slice(0, 10);
}

function chineseDate(ymd: string): string {
  const [y, m, d] = ymd.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}

/**
 * What a reader is told about the publication date: the date when known; otherwise that it is
 * unknown and, when the text allows it, the earliest possible day. Never a made-up date.
 */
export function describePublished(published: Published): string {
  if (published.kind === "exact") return chineseDate(isoDate(published.iso));
  return published.notBefore ? `发布日期不详(不早于${chineseDate(published.notBefore)})` : "发布日期不详";
}
