import { describe, expect, it } from "vitest";
import { clean, rfc822, xml } from "../../../src/render/feeds/index.ts";
import { xmlDocument, xmlLines } from "../../../src/render/xml.ts";

describe("xml() (XML 1.0 §2.2, §2.4, §2.11)", () => {
  it("escapes the five markup characters", () => {
    expect(xml(`<a href="x">Tom & 'Jerry'</a>`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt;",
    );
  });

  it("escapes a CDATA end so it cannot close anything", () => {
    expect(xml("]]>")).toBe("]]&gt;");
  });

  it("drops C0 controls but keeps tab, LF and CR (as a reference)", () => {
    expect(xml("a\u0000b\u0008c\td\ne\rf")).toBe("abc\td\ne&#13;f");
  });

  it("drops U+FFFE, U+FFFF and lone surrogates, keeps astral characters", () => {
    expect(xml("x\uFFFEy\uFFFFz\uD800w\uDC00v😀")).toBe("xyzwv😀");
  });

  it("leaves CJK text unchanged", () => {
    expect(xml("禅城区陶瓷行业协会")).toBe("禅城区陶瓷行业协会");
  });
});

describe("clean()", () => {
  it("removes what XML forbids, without escaping", () => {
    expect(clean("<b>\u0001</b>")).toBe("<b></b>");
  });
});

describe("rfc822() (RSS 2.0, RFC 822 §5 with a four-digit year)", () => {
  it("keeps the instant's own offset", () => {
    expect(rfc822("2026-01-05T09:00:00+08:00")).toBe("Mon, 05 Jan 2026 09:00:00 +0800");
  });

  it("writes Z as +0000", () => {
    expect(rfc822("2018-06-20T00:00:00Z")).toBe("Wed, 20 Jun 2018 00:00:00 +0000");
  });

  it("refuses what is not an RFC 3339 instant", () => {
    expect(() => rfc822("2026-01-05")).toThrow("not an RFC 3339 instant: 2026-01-05");
  });
});

describe("xmlDocument() and xmlLines() (the one writer of feeds and sitemaps)", () => {
  it("leaves out an absent optional element and keeps the others in order, one a line", () => {
    expect(xmlLines(["<item>", "", "<title>a</title>", "", "</item>"])).toBe("<item>\n<title>a</title>\n</item>");
  });

  it("starts a document with the UTF-8 declaration and ends it with a newline", () => {
    expect(xmlDocument(["<urlset>", "", "</urlset>"])).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<urlset>\n</urlset>\n',
    );
  });
});
