/**
 * XML text for feeds and sitemaps. Every string goes through `xml()`: characters XML 1.0 forbids
 * (§2.2 Char: C0 controls other than tab/LF/CR, U+FFFE/U+FFFF, lone surrogates) are dropped, and
 * markup characters are escaped. Feeds use escaped text, never CDATA, so `]]>` in content is harmless.
 */
const INVALID = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
/**
 * Everything INVALID can match, and valid surrogate pairs too, in a class without the `u` flag:
 * a scan five times faster, so text without such characters (nearly all) skips the exact pass.
 */
const SUSPECT = /[\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF\uD800-\uDFFF]/;

export function xml(value: string): string {
  // Native replaceAll passes beat one regex with a callback on long bodies. CR is written as a
  // character reference: a literal CR would be normalised to LF by every parser (XML 1.0 §2.11).
  return clean(value)
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&apos;")
    .replaceAll("\r", "&#13;");
}

/** XML lines, an absent optional element (the empty string) left out, one a line. */
export function xmlLines(lines: readonly string[]): string {
  return lines.filter((line) => line !== "").join("\n");
}

/**
 * An XML document (XML 1.0 §2.8): the UTF-8 declaration, then `lines` as `xmlLines` writes them,
 * ending with a newline. Feeds and sitemaps are written through it.
 *
 * @example
 * xmlDocument([`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`, ...urls, `</urlset>`]);
 */
export function xmlDocument(lines: readonly string[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${xmlLines(lines)}\n`;
}

/** The same cleaning for JSON: JSON can carry any code point, but readers choke on the same ones. */
export function clean(value: string): string {
  return SUSPECT.test(value) ? value.replace(INVALID, "") : value;
}

/** RFC 822 date-time (RSS 2.0 §"Elements of <item>", with a four-digit year per RFC 1123) from an RFC 3339 instant, keeping its offset. */
export function rfc822(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/.exec(iso);
  if (!m) throw new Error(`not an RFC 3339 instant: ${iso}`);
  const [, y, mo, d, h, mi, s, zone] = m;
  const day = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][new Date(Date.UTC(+y!, +mo! - 1, +d!)).getUTCDay()];
  const month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][+mo! - 1];
  const offset = zone === "Z" ? "+0000" : zone!.replace(":", "");
  return `${day}, ${d} ${month} ${y} ${h}:${mi}:${s} ${offset}`;
}
