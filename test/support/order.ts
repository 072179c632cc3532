import { expect } from "vitest";

/** Asserts that every one of `parts` occurs in `text`, in this order, without overlapping. */
export function expectInOrder(text: string, parts: readonly string[]): void {
  let at = 0;
  for (const part of parts) {
    const found = text.indexOf(part, at);
    expect(found, `"${part.slice(0, 30)}…" missing or out of order`).toBeGreaterThanOrEqual(at);
    at = found + part.length;
  }
}
