import { describe, expect, it } from "vitest";
import { MemoryTier } from "../../../src/cache/index.ts";

/** (key + body) UTF-16 units × 2, plus the bytes, plus 256 of overhead per entry. */
const size = (key: string, body: string) => (key.length + body.length) * 2 + 256;

describe("MemoryTier", () => {
  it("counts the bytes it holds", () => {
    const tier = new MemoryTier<{ body: string }>(10_000);
    tier.set("a", { body: "x".repeat(100) });
    tier.set("b", { body: "y".repeat(10) });
    expect(tier.bytes).toBe(size("a", "x".repeat(100)) + size("b", "y".repeat(10)));
  });

  it("counts a replaced entry once", () => {
    const tier = new MemoryTier<{ body: string }>(10_000);
    tier.set("a", { body: "x".repeat(100) });
    tier.set("a", { body: "x" });
    expect(tier.size).toBe(1);
    expect(tier.bytes).toBe(size("a", "x"));
  });

  it("evicts the least recently read first", () => {
    const tier = new MemoryTier<{ body: string }>(size("a", "1".repeat(100)) * 2);
    tier.set("a", { body: "1".repeat(100) });
    tier.set("b", { body: "2".repeat(100) });
    tier.get("a");
    tier.set("c", { body: "3".repeat(100) });
    expect(tier.get("b")).toBeUndefined();
    expect(tier.get("a")?.body).toBe("1".repeat(100));
  });

  it("holds nothing when its bound is 0", () => {
    const tier = new MemoryTier<{ body: string }>(0);
    tier.set("a", { body: "" });
    expect(tier.size).toBe(0);
    expect(tier.bytes).toBe(0);
  });

  it("returns the bytes to the bound on delete", () => {
    const tier = new MemoryTier<{ body: string }>(10_000);
    tier.set("a", { body: "x" });
    tier.delete("a");
    expect(tier.bytes).toBe(0);
  });
});
