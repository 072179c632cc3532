import { describe, expect, it } from "vitest";
import { httpDate, notModified, parseHttpDate } from "../../../src/http/index.ts";

const ETAG = '"abc"';
const LAST = "Sun, 01 Feb 2026 02:00:00 GMT";
const req = (headers: Record<string, string>) => new Request("https://x/", { headers });

describe("notModified (RFC 9110 §13.1.2, §13.1.3, §13.2.2)", () => {
  it("matches an If-None-Match list member, weakly", () => {
    expect(notModified(req({ "if-none-match": `"x", W/${ETAG}` }), ETAG, undefined)).toBe(true);
  });

  it("matches * against any current representation", () => {
    expect(notModified(req({ "if-none-match": " * " }), ETAG, undefined)).toBe(true);
  });

  it("does not match another tag", () => {
    expect(notModified(req({ "if-none-match": '"abd"' }), ETAG, LAST)).toBe(false);
  });

  it("ignores If-Modified-Since when If-None-Match is present", () => {
    expect(notModified(req({ "if-none-match": '"nope"', "if-modified-since": LAST }), ETAG, LAST)).toBe(false);
  });

  it("answers If-Modified-Since at or after Last-Modified", () => {
    expect(notModified(req({ "if-modified-since": LAST }), ETAG, LAST)).toBe(true);
    expect(notModified(req({ "if-modified-since": "Sun, 01 Feb 2026 01:59:59 GMT" }), ETAG, LAST)).toBe(false);
  });

  it("ignores If-Modified-Since without a Last-Modified", () => {
    expect(notModified(req({ "if-modified-since": LAST }), ETAG, undefined)).toBe(false);
  });

  it("ignores a malformed date instead of answering 304", () => {
    expect(notModified(req({ "if-modified-since": "tomorrow" }), ETAG, LAST)).toBe(false);
  });
});

describe("HTTP-date (§5.6.7)", () => {
  it("parses the three forms to the same instant", () => {
    const ms = Date.UTC(1994, 10, 6, 8, 49, 37);
    expect(parseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT")).toBe(ms);
    expect(parseHttpDate("Sunday, 06-Nov-94 08:49:37 GMT")).toBe(ms);
    expect(parseHttpDate("Sun Nov  6 08:49:37 1994")).toBe(ms);
  });

  it("rejects an ISO date", () => {
    expect(parseHttpDate("1994-11-06T08:49:37Z")).toBeUndefined();
  });

  it("writes an RFC 3339 instant with an offset as IMF-fixdate in GMT", () => {
    expect(httpDate("2026-01-05T09:00:00+08:00")).toBe("Mon, 05 Jan 2026 01:00:00 GMT");
  });
});
