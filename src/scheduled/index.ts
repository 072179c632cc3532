/**
 * The Cron Trigger (wrangler.toml [triggers]), one run every five minutes: when articles that were
 * scheduled come out, it purges the edge's copies of the routes they change (purge.ts), renders
 * those routes into the cache (warm.ts) and announces them: the feeds to the WebSub hub, the pages
 * to the search engines (announce.ts; the outbound clients are src/outbound/).
 *
 * WebSub publishing (W3C WebSub §7, "Publishing"): when a scheduled
 * article's time has come, the feeds it enters have new bytes, and the hub named in
 * content/site.yaml is told, so subscribers hear of it without polling. (The deploy script does the
 * same for what a deploy changes: scripts/deploy/websub.ts.)
 *
 * Each run compares the store's visibility epoch with the one recorded in KV. Nothing changed:
 * nothing happens (no request, no write). Articles became visible: their routes are rendered into
 * the cache, then each feed they enter (the site's, their section's and their tags', in every
 * format) gets one publish request. Hub failures (4xx, 5xx, a timeout) are logged and kept for the
 * next run; without KV nothing is done and the next run tries again. The state is written before
 * the hub is called, so a run that cannot record its work does no work; runs in one isolate are
 * serialised, so two at once announce once.
 *
 * Before anything is announced, the edge (Workers Cache) is told to forget exactly the routes the
 * new articles change: their Cache-Tags (serving/tags.ts) join a queue kept with the state, sent
 * within the edge's purge limits (serving/purge.ts: 100 tags a call, a token bucket of 5 calls a
 * minute and 25 at once, kept here across runs), oldest first; what does not fit, or what the
 * edge refuses, waits for the next run. A purge never holds back the render or the announcements.
 */
import { url, type Content } from "../content/index.ts";
import { announceToSearchEngines, type IndexingConfig, type IndexingReport, type Post } from "../outbound/indexing.ts";
import { publishToHub } from "../outbound/websub.ts";
import { enqueue, sendPurges, type Purge, type PurgeBucket } from "../serving/purge.ts";
import { feedsOf } from "./announce.ts";
import { purgeTagsOf } from "./purge.ts";
import { pagesOf } from "./warm.ts";

export const STATE_KEY = "websub:state";

/** What the cron keeps in KV between runs (under STATE_KEY; the field names are stored). */
export interface CronState {
  /** The visibility epoch the last run saw. */
  epoch: number;
  /** Feed URLs whose publish request failed, to retry. */
  retry: string[];
  /** Cache-Tags still to purge, oldest first (not sent yet: over the limits, or refused). */
  purge?: string[];
  /** The edge's purge token bucket as this cron last left it (serving/purge.ts). */
  bucket?: PurgeBucket;
}

export type { Purge };

export interface CronOptions {
  content: Content;
  /** Absent where there is no Workers Cache in front (local development, tests without one). */
  purge?: Purge;
  kv: KVNamespace | undefined;
  now: number;
  /** The hub's fetch (injected in tests: a fake hub). */
  fetch: typeof fetch;
  /** Search engines to tell of the pages that came out (IndexNow, Baidu), and the fetch to tell them with. */
  indexing?: { config: IndexingConfig; post: Post };
  /** Renders these paths into the cache (the app's own fetch). */
  warm: (paths: string[]) => Promise<void>;
  log: (event: Record<string, unknown>) => void;
}

/** What a run did (the Worker's scheduled() answer; `pinged`: the feeds the hub was told of). */
export type CronResult =
  | { kind: "no-kv" | "first-run" | "unchanged" | "store-fault" }
  | {
      kind: "published";
      epoch: number;
      pinged: string[];
      failed: string[];
      /** Cache-Tags purged in this run, and how many purge calls it made. */
      purged: string[];
      purgeCalls: number;
      /** Cache-Tags left for the next run. */
      waiting: number;
      indexed?: IndexingReport;
    };

let running: Promise<unknown> = Promise.resolve();

/** One cron run, after any run already going in this isolate. */
export function runCron(options: CronOptions): Promise<CronResult> {
  const run = running.then(() => cronRun(options));
  running = run.catch(() => undefined);
  return run;
}

async function cronRun({ content, purge, indexing, kv, now, fetch, warm, log }: CronOptions): Promise<CronResult> {
  const hub = content.site.websub;
  if (!kv) return { kind: "no-kv" };
  let state: CronState | null;
  try {
    state = await kv.get<CronState>(STATE_KEY, "json");
  } catch (error) {
    log({ level: "error", msg: "websub: KV unavailable, nothing done", error: String(error) });
    return { kind: "no-kv" };
  }
  const epoch = content.epoch(now);
  const save = async (next: CronState) => {
    try {
      await kv.put(STATE_KEY, JSON.stringify(next));
      return true;
    } catch (error) {
      log({ level: "error", msg: "websub: KV write failed, nothing done", error: String(error) });
      return false;
    }
  };
  if (!state) {
    // The first run records where things stand: what is visible now was announced by the deploy.
    await save({ epoch, retry: [] });
    return { kind: "first-run" };
  }
  if (epoch === state.epoch && state.retry.length === 0 && !state.purge?.length) return { kind: "unchanged" };
  const bucket = state.bucket;

  const published = epoch > state.epoch ? await content.published(state.epoch, epoch) : { entries: [], faults: [] };
  if (published.faults.length) {
    // A lost list shard hides which articles appeared: nothing is recorded, the next run tries again.
    log({ level: "error", msg: "websub: content fault, retried next run", faults: published.faults });
    return { kind: "store-fault" };
  }
  const appeared = published.entries;
  const feeds = [...new Set([...state.retry, ...(hub ? feedsOf(content, appeared) : [])])];
  // The queue: what earlier runs left, then this run's tags (each once, at its oldest place).
  const stale = purge ? enqueue(state.purge ?? [], await purgeTagsOf(content, appeared, now, state.epoch)) : [];
  const kept = (queue: string[], left: PurgeBucket | undefined): CronState => ({
    epoch,
    retry: feeds,
    purge: queue,
    ...(left ? { bucket: left } : {}),
  });
  // Recorded first: if this write fails, nothing is sent and the next run starts from the same state.
  if (!(await save(kept(stale, bucket)))) return { kind: "no-kv" };
  const sent =
    purge && stale.length
      ? await sendPurges(purge, stale, bucket, now, log)
      : { queue: stale, bucket, purged: [], calls: 0 };
  if (appeared.length) await warm([...pagesOf(appeared), ...feeds.map((u) => new URL(u).pathname)]);

  const failed: string[] = [];
  for (const url of hub ? feeds : []) {
    try {
      await publishToHub(fetch, hub!, url);
    } catch (error) {
      failed.push(url);
      log({ level: "error", msg: "websub: publish failed, retried next run", hub, url, error: String(error) });
    }
  }
  await save({ ...kept(sent.queue, sent.bucket), retry: failed });
  // Search engines hear of the pages that came out, once: a failure or a spent quota is logged.
  let indexed: IndexingReport | undefined;
  if (indexing && appeared.length) {
    const pages = pagesOf(appeared).filter((p) => !p.endsWith(".xml"));
    indexed = await announceToSearchEngines(
      indexing.post,
      content.site.origin,
      pages.map((p) => url(content.site, p)),
      indexing.config,
    );
    for (const problem of [...(indexed.indexNow?.problems ?? []), ...(indexed.baidu?.problems ?? [])])
      log({ level: "error", msg: "search engine not told", problem });
  }
  log({ level: "info", msg: "websub: published", epoch, pinged: feeds.length - failed.length, failed: failed.length });
  return {
    kind: "published",
    epoch,
    pinged: feeds.filter((f) => !failed.includes(f)),
    failed,
    purged: sent.purged,
    purgeCalls: sent.calls,
    waiting: sent.queue.length,
    ...(indexed ? { indexed } : {}),
  };
}
