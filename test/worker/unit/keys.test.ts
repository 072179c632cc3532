import { describe, expect, it } from "vitest";
import { keyPrefix, makeKey } from "../../../src/cache/index.ts";

const scope = { renderVersion: "r1", contentVersion: "c1", epoch: 3 };

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

  it("bound the path to 200 characters", () => {
    const key = makeKey(scope, { format: "html", path: `/${"x".repeat(1000)}` });
    expect(key).toBe(`render:r1:c1:3:html:/${"x".repeat(199)}`);
  });

  it("change when the epoch moves", () => {
    const parts = { format: "html", path: "/" };
    expect(makeKey({ ...scope, epoch: 4 }, parts)).not.toBe(makeKey(scope, parts));
  });
});
