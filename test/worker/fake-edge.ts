/**
 * A fake Workers Cache (`ctx.cache`; local development does not simulate the edge). It keeps
 * answers by path with their Cache-Tags for as long as CDN-Cache-Control says, forgets by tag
 * when purged, and enforces the documented purge limits (Cloudflare, "Purge cache", Free plan,
 * which Workers Cache has on every plan): at most 100 tags a call, and a token bucket of 25 calls
 * refilled at 5 a minute. Written apart from src/serving/purge.ts on purpose: a call over the
 * limits is answered as the edge answers it (an error, 429) and fails the test that made it
 * (`expect.soft`: the worker catches the refusal, the test still fails).
 */
import { expect } from "vitest";
import type { Harness } from "./harness.ts";

const BURST = 25;
const PER_MINUTE = 5;
const TAGS_PER_CALL = 100;

interface Held {
  status: number;
  body: string;
  tags: string[];
  /** Until when (ms) the edge answers it without asking the worker. */
  fresh: number;
}

export interface FakeEdge extends CacheContext {
  /** The edge's clock (ms): set it to each cron run's time. */
  now: number;
  /** Every purge call, in order. */
  calls: { at: number; tags: string[] }[];
  /** Calls over the limits (each also failed the test). */
  violations: string[];
  /**
   * Refuse the next `refuse` calls with a 429 without spending a token, as the edge does when
   * other purges of the account spent its bucket.
   */
  refuse: number;
  /** GET `path` through the edge: its held answer while fresh, else the worker's (`app`), held as it says. */
  fetch(app: Harness, path: string): Promise<{ status: number; body: string; from: "edge" | "worker" }>;
  /** The paths the edge holds now. */
  held(): string[];
}

/** A fake edge starting at `now` with a full bucket; `onViolation` defaults to failing the test. */
export function fakeEdge(
  now: number,
  onViolation: (problem: string) => void = (problem) => expect.soft(problem, "purge over the edge's limits").toBe(""),
): FakeEdge {
  const entries = new Map<string, Held>();
  let tokens = BURST;
  let last = now;
  const forget = (tags: readonly string[]) => {
    const gone = new Set(tags);
    for (const [path, held] of entries) if (held.tags.some((t) => gone.has(t))) entries.delete(path);
  };
  const call = async ({ tags = [] }: CachePurgeOptions): Promise<CachePurgeResult> => {
    if (edge.refuse > 0) {
      edge.refuse--;
      return { success: false, errors: [{ code: 429, message: "Too Many Requests" }] };
    }
    tokens = Math.min(BURST, tokens + ((edge.now - last) * PER_MINUTE) / 60_000);
    last = edge.now;
    edge.calls.push({ at: edge.now, tags: [...tags] });
    const problem =
      tags.length > TAGS_PER_CALL
        ? `a purge call of ${tags.length} tags (at most ${TAGS_PER_CALL})`
        : tokens < 1
          ? `purge call ${edge.calls.length} at ${new Date(edge.now).toISOString()} with the bucket empty (${PER_MINUTE} a minute, burst ${BURST})`
          : undefined;
    if (problem) {
      edge.violations.push(problem);
      onViolation(problem);
      return { success: false, errors: [{ code: 429, message: problem }] };
    }
    tokens -= 1;
    forget(tags);
    return { success: true, errors: [] };
  };
  const edge: FakeEdge = {
    now,
    calls: [],
    violations: [],
    refuse: 0,
    purge: call,
    // Revalidation by ETag gives the worker's current bytes: for what a reader sees, a forget.
    invalidate: call,
    async fetch(app, path) {
      const held = entries.get(path);
      if (held && edge.now < held.fresh) return { status: held.status, body: held.body, from: "edge" };
      const res = await app.fetch(path);
      const body = await res.text();
      const maxAge = /(?:^|,)\s*max-age=(\d+)/.exec(res.headers.get("cdn-cache-control") ?? "")?.[1];
      if (maxAge !== undefined && Number(maxAge) > 0) {
        const tags = (res.headers.get("cache-tag") ?? "").split(",").filter(Boolean);
        entries.set(path, { status: res.status, body, tags, fresh: edge.now + Number(maxAge) * 1000 });
      } else entries.delete(path);
      return { status: res.status, body, from: "worker" };
    },
    held: () => [...entries.keys()],
  };
  return edge;
}
