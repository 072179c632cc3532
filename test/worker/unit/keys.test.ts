import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { keyPrefix, makeKey, type KeyParts, type KeyScope } from "../../../src/cache/index.ts";
import { LIMITS, MAX_KEY_BYTES, utf8Bytes } from "../../../src/cache/keys.ts";
import { sha256Hex } from "../../../src/cache/sha256.ts";

const scope = { renderVersion: "r1", contentVersion: "c1", epoch: 3 };
const bytesOf = (key: string) => new TextEncoder().encode(key).length;

describe("render-cache keys", () => {
  it("carry both versions and the visibility epoch", () => {
    expect(keyPrefix(scope)).toBe("render:r1:c1:3");
    expect(makeKey(scope, { format: "html", path: "/articles/x" })).toBe("render:r1:c1:3:html:/articles/x");
  });

  it("write parameters sorted, encoded, without empty ones", () => {
    const key = makeKey(scope, {
      format: "json",
      path: "/api",
      params: { page: 2, category: "新闻", x: undefined, y: "" },
    });
    expect(key).toBe("render:r1:c1:3:json:/api:category=%E6%96%B0%E9%97%BB&page=2");
  });

  it("give the same key whatever the parameters' order", () => {
    const a = makeKey(scope, { format: "json", path: "/p", params: { a: 1, b: 2 } });
    const b = makeKey(scope, { format: "json", path: "/p", params: { b: 2, a: 1 } });
    expect(a).toBe(b);
  });

  it("change when the epoch moves", () => {
    const parts = { format: "html", path: "/" };
    expect(makeKey({ ...scope, epoch: 4 }, parts)).not.toBe(makeKey(scope, parts));
  });
});

describe("hostile keys (issue 25)", () => {
  it("hash a path over 200 bytes, whole: never cut", () => {
    const long = `/${"x".repeat(1000)}`;
    const key = makeKey(scope, { format: "html", path: long });
    expect(key).toMatch(/^render:r1:c1:3:html:#[\w-]{43}$/);
    expect(makeKey(scope, { format: "html", path: long })).toBe(key);
    expect(makeKey(scope, { format: "html", path: `${long}y` })).not.toBe(key);
    // Two long paths that share their first 200 characters (and more) differ.
    expect(makeKey(scope, { format: "html", path: `${long.slice(0, -1)}z` })).not.toBe(key);
  });

  it("keep apart two tags of 23 characters that share their first 22 (the reported case)", () => {
    const base = "陶".repeat(22);
    const a = `/tags/${encodeURIComponent(`${base}瓷`)}`;
    const b = `/tags/${encodeURIComponent(`${base}器`)}`;
    expect(a.length).toBeGreaterThan(200);
    for (const format of ["html", "rss", "atom", "json-feed"]) {
      expect(makeKey(scope, { format, path: a })).not.toBe(makeKey(scope, { format, path: b }));
    }
    // Under the limit, the path is written out as it is.
    expect(makeKey(scope, { format: "html", path: "/tags/陶瓷" })).toBe("render:r1:c1:3:html:/tags/陶瓷");
  });

  it("count the limit in UTF-8 bytes, not characters", () => {
    const cjk = `/${"陶".repeat(70)}`; // 71 characters, 211 bytes
    expect(makeKey(scope, { format: "html", path: cjk })).toMatch(/:#[\w-]{43}$/);
    const fits = `/${"陶".repeat(66)}`; // 199 bytes
    expect(makeKey(scope, { format: "html", path: fits })).toBe(`render:r1:c1:3:html:${fits}`);
  });

  it("hash a long parameter string, whole", () => {
    const q = "会".repeat(200);
    const key = makeKey(scope, { format: "json", path: "/api/v1/search", params: { q, limit: 5 } });
    expect(key).toMatch(/^render:r1:c1:3:json:\/api\/v1\/search:#[\w-]{43}$/);
    const other = makeKey(scope, { format: "json", path: "/api/v1/search", params: { q: `${q}a`, limit: 5 } });
    expect(other).not.toBe(key);
    expect(makeKey(scope, { format: "json", path: "/api/v1/search", params: { q, limit: 6 } })).not.toBe(key);
  });

  it("never let a path pass for parameters, a digest or another path", () => {
    const k = (parts: KeyParts) => makeKey(scope, parts);
    expect(k({ format: "html", path: "/x:a=1" })).not.toBe(k({ format: "html", path: "/x", params: { a: 1 } }));
    expect(k({ format: "html", path: "/a:" })).not.toBe(k({ format: "html", path: "/a%3A" }));
    const long = `/${"x".repeat(300)}`;
    const hashed = k({ format: "html", path: long });
    const digestAsPath = hashed.slice(hashed.lastIndexOf(":") + 1);
    expect(k({ format: "html", path: digestAsPath })).not.toBe(hashed);
    expect(k({ format: "a:b", path: "/" })).not.toBe(k({ format: "a", path: "b:/" }));
    expect(keyPrefix({ ...scope, renderVersion: "a:b" })).not.toBe(keyPrefix({ ...scope, contentVersion: "b:c1" }));
  });

  it("keep apart lone surrogates, which UTF-8 would turn into the same U+FFFD", () => {
    const a = makeKey(scope, { format: "html", path: "/t/\uD800" });
    const b = makeKey(scope, { format: "html", path: "/t/\uDBFF" });
    expect(a).not.toBe(b);
    expect(a.isWellFormed() && b.isWellFormed()).toBe(true);
    // encodeURIComponent throws on a lone surrogate; a key never does.
    const p = makeKey(scope, { format: "json", path: "/api", params: { q: "a\uDC00b" } });
    expect(p).toBe("render:r1:c1:3:json:/api:q=a%uDC00b");
    expect(makeKey(scope, { format: "json", path: "/api", params: { q: "a\uDC01b" } })).not.toBe(p);
  });

  it("stay within KV's 512 bytes in the worst case", () => {
    const huge = "\u{1F600}".repeat(1000);
    const worst: KeyScope = { renderVersion: huge, contentVersion: huge, epoch: -1.2345678901234567e-300 };
    const key = makeKey(worst, { format: huge, path: huge, params: { [huge]: huge, b: huge } });
    expect(bytesOf(key)).toBeLessThanOrEqual(MAX_KEY_BYTES);
    expect(String(worst.epoch)).toHaveLength(LIMITS.epoch);
    // Every part at its limit, written out: exactly 512 bytes.
    const at = (n: number) => "v".repeat(n);
    const params = `a=${at(LIMITS.params - 2)}`;
    const full = makeKey(
      { renderVersion: at(LIMITS.version), contentVersion: at(LIMITS.version), epoch: worst.epoch },
      { format: at(LIMITS.format), path: at(LIMITS.path), params: { a: params.slice(2) } },
    );
    expect(full).not.toContain("#");
    expect(bytesOf(full)).toBe(MAX_KEY_BYTES);
  });

  it("are within 512 bytes, well-formed, and one per resource, for any input (property)", () => {
    const anyString = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 600 }),
      fc.string({ unit: "binary", maxLength: 300 }),
      fc.string({ unit: fc.constantFrom("a", ":", "%", "#", "\uD800", "陶", "/"), maxLength: 300 }),
    );
    const parts = fc.record({
      format: fc.oneof(fc.constantFrom("html", "json", "rss"), anyString),
      path: anyString,
      params: fc.dictionary(fc.oneof(fc.constantFrom("q", "page", "limit"), anyString), anyString, { maxKeys: 3 }),
    });
    fc.assert(
      fc.property(parts, parts, (a, b) => {
        const ka = makeKey(scope, a);
        const kb = makeKey(scope, b);
        expect(ka.isWellFormed()).toBe(true);
        expect(bytesOf(ka)).toBeLessThanOrEqual(MAX_KEY_BYTES);
        expect(utf8Bytes(ka)).toBe(bytesOf(ka));
        const canonical = (p: typeof a) =>
          JSON.stringify([
            p.format,
            p.path,
            Object.entries(p.params)
              .filter(([, v]) => v !== "")
              .map((e) => JSON.stringify(e))
              .sort(),
          ]);
        if (canonical(a) !== canonical(b)) expect(ka).not.toBe(kb);
        else expect(ka).toBe(kb);
      }),
      { numRuns: 300 },
    );
  });
});

describe("SHA-256 (FIPS 180-4 vectors, and every padding boundary)", () => {
  const hex = (s: string) => sha256Hex(new TextEncoder().encode(s));

  it("matches the standard's vectors", () => {
    expect(hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")).toBe(
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    );
    expect(hex("a".repeat(1_000_000))).toBe("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  });

  it("pads at 55, 56, 63, 64 and 119 bytes as node:crypto does", () => {
    expect(hex("a".repeat(55))).toBe("9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
    expect(hex("a".repeat(56))).toBe("b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
    expect(hex("a".repeat(63))).toBe("7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34");
    expect(hex("a".repeat(64))).toBe("ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
    expect(hex("a".repeat(119))).toBe("31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb");
  });
});
