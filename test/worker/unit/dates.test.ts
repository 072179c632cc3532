import { describe, expect, it } from "vitest";
import { lastChanged, newestChange } from "../../../src/content/index.ts";

const exact = (iso: string) => ({ kind: "exact" as const, iso });

describe("lastChanged: the one rule for an article's latest date", () => {
  it("is the publication date when nothing was updated", () => {
    expect(lastChanged({ published: exact("2026-01-05T09:00:00+08:00") })).toBe("2026-01-05T09:00:00+08:00");
  });

  it("is the update when it is later", () => {
    expect(lastChanged({ published: exact("2026-01-05T09:00:00+08:00"), updated: "2026-02-01T10:00:00+08:00" })).toBe(
      "2026-02-01T10:00:00+08:00",
    );
  });

  it("is the publication date when an update is recorded before it", () => {
    expect(lastChanged({ published: exact("2026-01-05T09:00:00+08:00"), updated: "2025-12-01T10:00:00+08:00" })).toBe(
      "2026-01-05T09:00:00+08:00",
    );
  });

  it("is the update when the publication date is unknown", () => {
    expect(lastChanged({ published: { kind: "unknown" }, updated: "2026-11-27T00:00:00+08:00" })).toBe(
      "2026-11-27T00:00:00+08:00",
    );
  });

  it("compares instants, not strings, across offsets", () => {
    const articles = [
      { published: exact("2026-01-05T09:00:00+08:00") }, // 01:00Z
      { published: exact("2026-01-05T02:00:00Z") },
    ];
    expect(newestChange(articles)).toBe("2026-01-05T02:00:00Z");
    expect(newestChange([])).toBeUndefined();
  });
});
