import { describe, expect, it } from "vitest";
import { racy } from "../../scripts/content/files.ts";

// When a file's size and time may stand for its text unread (git's "racily clean" rule).
describe("racy: a file time too close to its stat", () => {
  const statAt = Date.parse("2026-12-07T06:00:00.000Z");

  it("distrusts a whole-second time up to a second before the stat (a coarse clock or a tool's whole seconds)", () => {
    expect(racy(statAt - 1000, statAt)).toBe(true);
    expect(racy(statAt - 2000, statAt)).toBe(false);
  });

  it("distrusts a time with a fraction of a second only within 100 ms of the stat", () => {
    expect(racy(statAt - 99.5, statAt)).toBe(true);
    expect(racy(statAt - 100, statAt)).toBe(true);
    expect(racy(statAt - 100.5, statAt)).toBe(false);
    expect(racy(statAt - 500.25, statAt)).toBe(false);
  });

  it("distrusts a time after the stat", () => {
    expect(racy(statAt + 3.5, statAt)).toBe(true);
    expect(racy(statAt + 3000, statAt)).toBe(true);
  });
});
