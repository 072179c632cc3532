import { describe, expect, it } from "vitest";
import { headersFor, kindOfPath } from "../../../src/http/index.ts";

const names = (list: readonly [string, string][]) => list.map(([name]) => name).sort();

describe("headers per response kind", () => {
  it("gives every kind nosniff and exactly one Cache-Control", () => {
    for (const kind of ["page", "frame", "feed", "api", "asset", "script"] as const) {
      const list = headersFor(kind);
      expect(list.filter(([n]) => n === "x-content-type-options")).toEqual([["x-content-type-options", "nosniff"]]);
      expect(list.filter(([n]) => n === "cache-control")).toHaveLength(1);
    }
  });

  it("gives CORS to the API only", () => {
    expect(names(headersFor("api"))).toContain("access-control-allow-origin");
    for (const kind of ["page", "frame", "feed", "asset", "script"] as const)
      expect(names(headersFor(kind))).not.toContain("access-control-allow-origin");
  });

  it("forbids framing of pages, not of the embeddable card", () => {
    expect(headersFor("page")).toContainEqual(["x-frame-options", "DENY"]);
    expect(names(headersFor("frame"))).not.toContain("x-frame-options");
  });

  it("makes errors briefly cacheable and 5xx not at all", () => {
    expect(headersFor("page", "error")).toContainEqual(["cache-control", "public, max-age=60"]);
    expect(headersFor("api", "no-store")).toContainEqual(["cache-control", "no-store"]);
  });

  it("treats the API and oEmbed paths as CORS paths", () => {
    expect(kindOfPath("/api/v1/x")).toBe("api");
    expect(kindOfPath("/oembed")).toBe("api");
    expect(kindOfPath("/apiary")).toBe("page");
  });
});
