/**
 * Conditional GET/HEAD (RFC 9110 §13.1, §13.2.2): If-None-Match, compared weakly, decides when
 * present; If-Modified-Since is evaluated only without it. Malformed values are ignored, as
 * §13.1.3 requires for an invalid HTTP-date, so garbage can never turn a 200 into a 304.
 */
export function notModified(req: Request, etag: string, lastModified: string | undefined): boolean {
  const ifNoneMatch = req.headers.get("if-none-match");
  if (ifNoneMatch !== null) return noneMatchHits(ifNoneMatch, etag);
  const ifModifiedSince = req.headers.get("if-modified-since");
  if (ifModifiedSince === null || lastModified === undefined) return false;
  const since = parseHttpDate(ifModifiedSince);
  return since !== undefined && Date.parse(lastModified) <= since;
}

/** §13.1.2: "*" matches any current representation; otherwise weak comparison of entity-tags. */
function noneMatchHits(header: string, etag: string): boolean {
  if (header.trim() === "*") return true;
  const opaque = etag.replace(/^W\//, "");
  for (const tag of header.match(/(?:W\/)?"[^"]*"/g) ?? []) {
    if (tag.replace(/^W\//, "") === opaque) return true;
  }
  return false;
}

/** HTTP-date (§5.6.7): IMF-fixdate, or the obsolete RFC 850 and asctime forms. */
const HTTP_DATE =
  /^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \d{2}-(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)-\d{2} \d{2}:\d{2}:\d{2} GMT|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d \d{2}:\d{2}:\d{2} \d{4})$/;

export function parseHttpDate(value: string): number | undefined {
  const text = value.trim();
  if (!HTTP_DATE.test(text)) return undefined;
  const ms = Date.parse(text.endsWith("GMT") ? text : `${text} GMT`);
  return Number.isNaN(ms) ? undefined : ms;
}

/** An RFC 3339 instant as an HTTP-date (IMF-fixdate), second precision. */
export function httpDate(iso: string): string {
  return new Date(Date.parse(iso)).toUTCString();
}
