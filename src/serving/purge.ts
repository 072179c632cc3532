/**
 * Purging Workers Cache by Cache-Tag within the edge's documented limits. Workers Cache purges
 * (`ctx.cache.purge`) have the Free plan's limits on every plan (Cloudflare, "Purge cache": a
 * token bucket of 25 calls refilled at 5 a minute, and at most 100 tags a call), per account.
 *
 * The cron (src/scheduled/) keeps a queue of tags to purge and its estimate of the bucket in KV,
 * across runs. Each run sends the queue oldest first, 100 tags a call, while the bucket holds a
 * token; what does not fit waits for the next run. A call the edge refuses (`success: false`, a
 * throw: a 429 among them) keeps its tags at the head of the queue and ends this run's purging
 * with the bucket taken as empty (other purges of the account may have spent it): a tag leaves
 * the queue only when a call that named it succeeded.
 */

/** The documented limits (Cloudflare, "Purge cache", Free plan; Workers Cache on every plan). */
export const PURGE_LIMITS = { perMinute: 5, burst: 25, tagsPerCall: 100 } as const;

/** The token bucket as last seen: tokens left (fractions accrue) at time `at` (ms). */
export interface PurgeBucket {
  tokens: number;
  at: number;
}

/** What purges the edge's entries by Cache-Tag (ctx.cache.purge in the worker; a fake in tests). */
export type Purge = (tags: string[]) => Promise<{ success: boolean; errors: { code: number; message: string }[] }>;

export interface PurgeRun {
  /** The tags still to purge, oldest first. */
  queue: string[];
  bucket: PurgeBucket;
  /** The tags purged in this run. */
  purged: string[];
  /** Purge calls made in this run, refused ones included. */
  calls: number;
}

/** The bucket at `now`: refilled at PURGE_LIMITS.perMinute, never past the burst; full the first time. */
export function refill(bucket: PurgeBucket | undefined, now: number): PurgeBucket {
  const { perMinute, burst } = PURGE_LIMITS;
  if (!bucket || !Number.isFinite(bucket.tokens) || !Number.isFinite(bucket.at)) return { tokens: burst, at: now };
  // A clock behind the last run's refills nothing (and never takes tokens away).
  const elapsed = Math.max(0, now - bucket.at);
  return {
    tokens: Math.min(burst, Math.max(0, bucket.tokens) + (elapsed * perMinute) / 60_000),
    at: Math.max(now, bucket.at),
  };
}

/** `queue` followed by the tags of `more` it does not hold yet: each tag once, at its oldest place. */
export function enqueue(queue: readonly string[], more: readonly string[]): string[] {
  return [...new Set([...queue, ...more])];
}

/** Sends what the bucket allows of `queue` at `now`: the queue and bucket to keep, and what was sent. */
export async function sendPurges(
  purge: Purge,
  queue: readonly string[],
  bucket: PurgeBucket | undefined,
  now: number,
  log: (event: Record<string, unknown>) => void,
): Promise<PurgeRun> {
  let { tokens, at } = refill(bucket, now);
  let rest = [...queue];
  const purged: string[] = [];
  let calls = 0;
  let refused = false;
  while (rest.length > 0 && tokens >= 1) {
    const batch = rest.slice(0, PURGE_LIMITS.tagsPerCall);
    tokens -= 1;
    calls++;
    try {
      const result = await purge(batch);
      if (!result.success) throw new Error(result.errors.map((e) => `${e.code} ${e.message}`).join("; "));
    } catch (error) {
      tokens = 0;
      refused = true;
      log({
        level: "error",
        msg: "cache purge failed, retried next run",
        tags: batch,
        waiting: rest.length,
        error: String(error),
      });
      break;
    }
    purged.push(...batch);
    rest = rest.slice(batch.length);
  }
  if (rest.length > 0 && !refused)
    log({ level: "info", msg: "cache purge: limit reached, the rest waits for the next run", waiting: rest.length });
  return { queue: rest, bucket: { tokens, at }, purged, calls };
}
