/**
 * WebSub at deploy time (W3C WebSub §7): `npm run deploy` snapshots every feed's ETag before the
 * upload and again after warm, and sends the hub one publish request for each feed whose bytes
 * changed (a new ETag, or a feed that did not exist). A hub that is down, slow or refusing is
 * logged: it never fails a deploy (the Cron Trigger retries only its own pings; a missed deploy
 * ping is caught by readers' next poll). The worker's cron does the same for scheduled articles
 * (src/scheduled/).
 */

import { paths, url } from "../../src/content/urls.ts";
import { publishToHub } from "../../src/outbound/websub.ts";

/** Feed URL → ETag (null when it did not answer 200). */
export type FeedSnapshot = Map<string, string | null>;
export type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

interface ApiFeeds {
  feeds: { rss: string; atom: string; json: string };
}

/**
 * The first page of every feed of the site at `origin`, in every format: the site's, each
 * section's and each tag's, as the API lists them. Empty when the site does not answer (a first
 * deploy).
 */
export async function feedUrls(origin: string, get: Fetch): Promise<string[]> {
  const json = async <T>(path: string): Promise<T | undefined> => {
    try {
      const res = await get(url({ origin }, path));
      return res.ok ? ((await res.json()) as T) : undefined;
    } catch {
      return undefined;
    }
  };
  const [site, sections, tags] = await Promise.all([
    json<ApiFeeds>(paths.api.site),
    json<ApiFeeds[]>(paths.api.sections),
    json<ApiFeeds[]>(paths.api.tags),
  ]);
  return [site, ...(sections ?? []), ...(tags ?? [])].flatMap((x) => (x ? Object.values(x.feeds) : []));
}

export async function snapshot(urls: readonly string[], get: Fetch): Promise<FeedSnapshot> {
  const out: FeedSnapshot = new Map();
  for (const url of urls) {
    try {
      const res = await get(url);
      await res.body?.cancel();
      out.set(url, res.ok ? res.headers.get("etag") : null);
    } catch {
      out.set(url, null);
    }
  }
  return out;
}

/** The feeds of `after` whose ETag differs from `before` (or that are new there). */
export function changedFeeds(before: FeedSnapshot, after: FeedSnapshot): string[] {
  return [...after].filter(([url, etag]) => etag !== null && before.get(url) !== etag).map(([url]) => url);
}

/** One publish request per feed; failures are logged and returned, never thrown. */
export async function announce(
  hub: string,
  feeds: readonly string[],
  post: Fetch,
  log: (line: string) => void,
): Promise<{ pinged: string[]; failed: string[] }> {
  const pinged: string[] = [];
  const failed: string[] = [];
  for (const url of feeds) {
    try {
      await publishToHub(post, hub, url);
      pinged.push(url);
    } catch (error) {
      failed.push(url);
      log(`websub: ${hub} did not take ${url}: ${(error as Error).message}`);
    }
  }
  return { pinged, failed };
}
