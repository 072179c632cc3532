import { describe, expect, it } from "vitest";
import { feedPaging, feedParts, pageCount, pageLinks, paginate, parsePageNumber } from "../../../src/content/index.ts";

describe("pagination", () => {
  it("has one page for an empty list", () => {
    expect(pageCount(0, 20)).toBe(1);
    expect(paginate(0, 1, 20)).toEqual({ page: 1, pages: 1, total: 0, offset: 0, limit: 20 });
  });

  it("holds the rest on the last page", () => {
    expect(paginate(45, 3, 20)).toEqual({ page: 3, pages: 3, total: 45, offset: 40, limit: 20 });
  });

  it("has no page past the last", () => {
    expect(paginate(45, 4, 20)).toBeUndefined();
  });

  it("links first, last and neighbours", () => {
    expect(pageLinks({ page: 1, pages: 3 })).toEqual({ first: 1, last: 3, next: 2 });
    expect(pageLinks({ page: 2, pages: 3 })).toEqual({ first: 1, last: 3, prev: 1, next: 3 });
    expect(pageLinks({ page: 3, pages: 3 })).toEqual({ first: 1, last: 3, prev: 2 });
  });

  it("reads only canonical positive integers as page numbers", () => {
    expect(parsePageNumber("12")).toBe(12);
    for (const bad of ["0", "01", "-1", "1.0", "1e3", " 2", "", "9999999999"])
      expect(parsePageNumber(bad), bad).toBeUndefined();
  });
});

describe("feedParts", () => {
  it("packs items greedily from the newest within the budget, one item at least per part", () => {
    expect(feedParts([40, 40, 40, 10], 100)).toEqual([
      [0, 2],
      [2, 4],
    ]);
    expect(feedParts([300, 20], 100)).toEqual([
      [0, 1],
      [1, 2],
    ]);
    expect(feedParts([], 100)).toEqual([[0, 0]]);
  });
});

describe("feedPaging", () => {
  it("walks the parts of a page, then the next page, with the last page's last part as last", () => {
    const paging = feedPaging({ page: 2, part: 1 }, 3, { here: 2, previous: 3, last: 4 });
    expect(paging).toEqual({
      self: { page: 2, part: 1 },
      first: { page: 1, part: 1 },
      last: { page: 3, part: 4 },
      prev: { page: 1, part: 3 },
      next: { page: 2, part: 2 },
      complete: false,
    });
  });

  it("calls a single document of one part complete", () => {
    expect(feedPaging({ page: 1, part: 1 }, 1, { here: 1, previous: 0, last: 1 }).complete).toBe(true);
  });
});
