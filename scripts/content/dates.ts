/**
 * Front-matter dates: `YYYY-MM-DD`, `YYYY-MM-DDTHH:mm[:ss]` (wall time in the site's time zone)
 * or with an explicit offset (`…+08:00`, `…Z`). Stored as RFC 3339 instants carrying the site's
 * UTC offset (RFC 3339 §5.6), so every format can print them without a time-zone database.
 */
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** True when `text` is a real calendar date/time in one of the accepted forms. */
export function isDateInput(text: string): boolean {
  const m = DATE_RE.exec(text);
  if (!m) return false;
  const [, y, mo, d, h = "0", mi = "0", s = "0"] = m;
  const date = new Date(Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s));
  return (
    date.getUTCFullYear() === +y! &&
    date.getUTCMonth() === +mo! - 1 &&
    date.getUTCDate() === +d! &&
    +h < 24 &&
    +mi < 60 &&
    +s < 60
  );
}

/** Offset of `timeZone` from UTC at `instant`, in minutes (Asia/Shanghai: 480). */
const formatters = new Map<string, Intl.DateTimeFormat>();

export function offsetMinutes(instant: number, timeZone: string): number {
  let format = formatters.get(timeZone);
  if (!format) {
    // Creating a formatter is costly (time-zone data): one per zone for the whole build.
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, format);
  }
  const parts = format.formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return Math.round((wall - Math.floor(instant / 1000) * 1000) / 60000);
}

/** Converts an accepted date input to an RFC 3339 instant with the site's offset. */
export function toInstant(text: string, timeZone: string): string {
  const m = DATE_RE.exec(text);
  if (!m || !isDateInput(text)) throw new Error(`not a date: ${text}`);
  const [, y, mo, d, h = "00", mi = "00", s = "00", zone] = m;
  const wallUtc = Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s);
  let instant: number;
  if (zone) {
    const sign = zone === "Z" ? 0 : zone[0] === "-" ? -1 : 1;
    const [zh, zm] = zone === "Z" ? [0, 0] : zone.slice(1).split(":").map(Number);
    instant = wallUtc - sign * (zh! * 60 + zm!) * 60000;
  } else {
    // Two passes settle the offset across a DST change (RFC 9557 "compatible" disambiguation).
    let guess = wallUtc - offsetMinutes(wallUtc, timeZone) * 60000;
    guess = wallUtc - offsetMinutes(guess, timeZone) * 60000;
    instant = guess;
  }
  return formatInstant(instant, timeZone);
}

/** RFC 3339 `YYYY-MM-DDTHH:mm:ss±hh:mm` for `instant` in `timeZone`. */
export function formatInstant(instant: number, timeZone: string): string {
  const offset = offsetMinutes(instant, timeZone);
  const local = new Date(instant + offset * 60000).toISOString().slice(0, 19);
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${local}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
