/**
 * WebSub publishing from the Cron Trigger (W3C WebSub §7, "Publishing"): when a scheduled
 * article's time has come, the feeds it enters have new bytes, and the hub named in
 * content/site.yaml is told, so subscribers hear of it without polling. (The deploy script does the
 * same for what a deploy changes: scripts/lib/websub.ts.)
 *
 * Each run compares the store's visibility epoch with the one recorded in KV. Nothing changed:
 * nothing happens (no request, no write). Articles became visible: their routes are rendered into
 * the cache, then each feed they enter (the site's, their category's and their tags', in every
 * format) gets one publish request. Hub failures (4xx, 5xx, a timeout) are logged and kept for the
 * next run; without KV nothing is done and the next run tries again. The state is written before
 * the hub is called, so a run that cannot record its work does no work; runs in one isolate are
 * serialised, so two at once ping once.
 */
import { paths, type ContentStore, type Listed } from "./content/index.ts";
import { publishToHub } from "./http/websub.ts";
import { FEED_FORMAT_LIST, feedUrl, tagFeedBase, feedBase } from "./render/feeds/index.ts";

export const STATE_KEY = "websub:state";

export interface PushState {
  /** The visibility epoch the last run saw. */
  epoch: number;
  /** Feed URLs whose publish request failed, to retry. */
  retry: string[];
}

export interface PushOptions {
  store: ContentStore;
  kv: KVNamespace | undefined;
  now: number;
  /** The hub's fetch (injected in tests: a fake hub). */
  fetch: typeof fetch;
  /** Renders these paths into the cache (the app's own fetch). */
  warm: (paths: string[]) => Promise<void>;
  log: (event: Record<string, unknown>) => void;
}

export type PushResult =
  | { kind: "no-kv" | "first-run" | "unchanged" | "store-fault" }
  | { kind: "published"; epoch: number; pinged: string[]; failed: string[] };

/** The feeds (every format, first page) an article enters when it becomes visible. */
export function feedsOf(store: ContentStore, articles: readonly Pick<Listed, "category" | "tags">[]): string[] {
  const bases = new Set<string>([feedBase()]);
  for (const a of articles) {
    bases.add(feedBase(a.category));
    for (const t of a.tags) bases.add(tagFeedBase(t));
  }
  return [...bases].flatMap((base) => FEED_FORMAT_LIST.map((format) => feedUrl(store.site, base, format)));
}

/** The pages a newly visible article changes: to render before readers (and the hub's fetch) arrive. */
function pagesOf(articles: readonly Listed[]): string[] {
  const pages = new Set(["/", "/sitemap.xml"]);
  for (const a of articles) {
    pages.add(paths.article(a.slug));
    pages.add(paths.category(a.category));
    for (const t of a.tags) pages.add(paths.tag(t));
  }
  return [...pages];
}

let running: Promise<unknown> = Promise.resolve();

/** One cron run, after any run already going in this isolate. */
export function publishScheduled(options: PushOptions): Promise<PushResult> {
  const run = running.then(() => publish(options));
  running = run.catch(() => undefined);
  return run;
}

async function publish({ store, kv, now, fetch, warm, log }: PushOptions): Promise<PushResult> {
  const hub = store.site.websub;
  if (!kv) return { kind: "no-kv" };
  let state: PushState | null;
  try {
    state = await kv.get<PushState>(STATE_KEY, "json");
  } catch (error) {
    log({ level: "error", msg: "websub: KV unavailable, nothing done", error: String(error) });
    return { kind: "no-kv" };
  }
  const epoch = store.epoch(now);
  const save = async (next: PushState) => {
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
  if (epoch === state.epoch && state.retry.length === 0) return { kind: "unchanged" };

  const published = epoch > state.epoch ? await store.published(state.epoch, epoch) : { entries: [], faults: [] };
  if (published.faults.length) {
    // A lost list shard hides which articles appeared: nothing is recorded, the next run tries again.
    log({ level: "error", msg: "websub: store fault, retried next run", faults: published.faults });
    return { kind: "store-fault" };
  }
  const appeared = published.entries;
  const feeds = [...new Set([...state.retry, ...(hub ? feedsOf(store, appeared) : [])])];
  // Recorded first: if this write fails, nothing is sent and the next run starts from the same state.
  if (!(await save({ epoch, retry: feeds }))) return { kind: "no-kv" };
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
  await save({ epoch, retry: failed });
  log({ level: "info", msg: "websub: published", epoch, pinged: feeds.length - failed.length, failed: failed.length });
  return { kind: "published", epoch, pinged: feeds.filter((f) => !failed.includes(f)), failed };
}
