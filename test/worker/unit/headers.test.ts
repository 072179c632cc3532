import { describe, expect, it } from "vitest";
import { headersFor, policyOfPath } from "../../../src/http/index.ts";
import { PREFLIGHT_HEADERS } from "../../../src/http/headers.ts";

const names = (list: readonly [string, string][]) => list.map(([name]) => name).sort();
const KINDS = ["page", "frame", "feed", "api", "asset", "script", "media"] as const;
const FRESHNESS = ["ok", "error", "no-store"] as const;
const value = (list: readonly [string, string][], name: string) => list.find(([n]) => n === name)?.[1];

describe("headers per response kind", () => {
  it("gives every kind nosniff and exactly one Cache-Control", () => {
    for (const kind of KINDS) {
      const list = headersFor(kind);
      expect(list.filter(([n]) => n === "x-content-type-options")).toEqual([["x-content-type-options", "nosniff"]]);
      expect(list.filter(([n]) => n === "cache-control")).toHaveLength(1);
    }
  });

  it("gives every kind, fresh or not, and the CORS preflight HSTS and a referrer policy, once", () => {
    for (const list of [...KINDS.flatMap((k) => FRESHNESS.map((f) => headersFor(k, f))), PREFLIGHT_HEADERS]) {
      expect(list.filter(([n]) => n === "strict-transport-security")).toEqual([
        ["strict-transport-security", "max-age=31536000; includeSubDomains"],
      ]);
      expect(list.filter(([n]) => n === "referrer-policy")).toEqual([
        ["referrer-policy", "strict-origin-when-cross-origin"],
      ]);
      expect(new Set(names(list)).size).toBe(list.length);
    }
  });

  it("gives every kind a browser can open as a document a CSP: no script but the pages' own files", () => {
    for (const kind of KINDS) {
      for (const freshness of FRESHNESS) {
        const csp = value(headersFor(kind, freshness), "content-security-policy")!;
        expect(csp, kind).toMatch(/^default-src 'none';/);
        const script = csp.split("; ").filter((d) => d.startsWith("script-src"));
        expect(script, kind).toEqual(kind === "page" ? ["script-src 'self'"] : []);
      }
    }
  });

  it("lets feeds, sitemaps and JSON load nothing but the feeds' same-origin stylesheet, and be framed by none", () => {
    const policy = "default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    for (const kind of ["feed", "api", "script"] as const)
      expect(value(headersFor(kind), "content-security-policy")).toBe(policy);
  });

  it("sandboxes media and assets (an SVG opened on its own is a document)", () => {
    for (const kind of ["media", "asset"] as const)
      expect(value(headersFor(kind), "content-security-policy")).toBe(
        "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox",
      );
  });

  it("gives CORS to the API only", () => {
    expect(names(headersFor("api"))).toContain("access-control-allow-origin");
    for (const kind of ["page", "frame", "feed", "asset", "script", "media"] as const)
      expect(names(headersFor(kind))).not.toContain("access-control-allow-origin");
  });

  it("does not let other origins read Server-Timing (which tier answered a search)", () => {
    for (const freshness of FRESHNESS) {
      const exposed = value(headersFor("api", freshness), "access-control-expose-headers")!;
      expect(exposed.split(/,\s*/)).toEqual(["ETag", "Last-Modified", "Link"]);
      expect(names(headersFor("api", freshness))).not.toContain("timing-allow-origin");
    }
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
    expect(policyOfPath("/api/v1/x")).toBe("api");
    expect(policyOfPath("/oembed")).toBe("api");
    expect(policyOfPath("/apiary")).toBe("page");
  });
});
