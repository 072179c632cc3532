/**
 * `npm run warm -- [--env production|staging] [--local] [--persist-to DIR] [--out FILE] [--articles N] [--all]`
 *
 * Renders what readers ask for first of the version about to be served and writes the renders to
 * that environment's KV namespace in bulk, so the first readers after a deploy get cache hits:
 * the home page, every section's first page, every feed, the sitemaps, the API's lists and the
 * newest N articles (default 100). The rest renders on demand, from the content store. --all
 * crawls every same-site link instead (every page of every list, every article).
 *
 * The worker is bundled exactly as `wrangler deploy --env` would bundle it and run in workerd
 * (Miniflare API) with the environment's vars; it renders through its own render cache into a
 * local KV, so keys, bodies and metadata are byte-for-byte what the deployed worker computes.
 * A crawl from /, /feeds, /sitemap.xml and the API follows every same-site link. The collected
 * entries then go up with `wrangler kv bulk put` (--remote), or into wrangler dev's local storage
 * with --local.
 */
import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs, promisify } from "node:util";
import { bundleWorker } from "./wrangler/bundle.ts";
import { localWorker } from "./wrangler/local-worker.ts";
import { progress } from "./terminal/progress.ts";
import { readWranglerEnv } from "./wrangler/config.ts";
import { paths, url, withQuery } from "../src/content/urls.ts";
import { FEED_FORMAT_LIST, FEED_FORMATS } from "../src/render/feed-formats.ts";
import { wranglerCommand } from "./wrangler/bin.ts";

const { values } = parseArgs({
  options: {
    env: { type: "string" },
    local: { type: "boolean", default: false },
    "persist-to": { type: "string" },
    out: { type: "string" },
    root: { type: "string", default: process.cwd() },
    articles: { type: "string", default: "100" },
    all: { type: "boolean", default: false },
  },
});
const root = values.root;
const envName = values.local ? undefined : (values.env ?? "production");
const EXPIRATION_TTL = 30 * 24 * 3600; // as the worker's own writes (src/cache/render-cache.ts)
const START = [
  paths.home,
  paths.feeds,
  paths.sitemap,
  paths.robots,
  paths.embedScript,
  paths.api.articles,
  paths.api.sections,
  paths.api.site,
  paths.api.openapi,
];
const MAX_ROUTES = 100_000;

const config = await readWranglerEnv(root, envName);
console.error(`warm: bundling the worker${envName ? ` for --env ${envName}` : ""} (origin ${config.origin})`);
const bundle = await bundleWorker(root, envName);
// The local worker writes every render it makes (no per-isolate write budget): that is the harvest.
const vars = { ...config.vars, RENDER_CACHE_KV_WRITES_PER_MINUTE: "Infinity" };
const mf = localWorker(bundle, { vars, kvId: config.kvId });

try {
  const origin = config.origin;
  const first = await firstRoutes(origin, Number(values.articles));
  const seen = new Set<string>(first);
  const queue = [...first];
  const bar = progress("warm: rendering", queue.length);
  let done = 0;
  const failures: string[] = [];
  while (queue.length) {
    const path = queue.shift()!;
    const res = await mf.dispatchFetch(url({ origin }, path));
    const body = await res.text();
    done++;
    if (res.status !== 200) failures.push(`${res.status} ${path}`);
    else if (values.all) {
      for (const link of links(body, origin)) {
        if (!seen.has(link) && seen.size < MAX_ROUTES) {
          seen.add(link);
          queue.push(link);
        }
      }
    }
    bar.setTotal(seen.size);
    bar.tick(done, path);
  }
  bar.done();
  if (failures.length)
    console.error(`warm: ${failures.length} route(s) did not answer 200 (not cached):\n  ${failures.join("\n  ")}`);

  const kv = await mf.getKVNamespace("RENDER_CACHE");
  const keys = await settledKeys(kv, seen.size);
  const entries = [];
  for (const name of keys) {
    const { value, metadata } = await kv.getWithMetadata(name, { type: "text" });
    if (value !== null) entries.push({ key: name, value, metadata, expiration_ttl: EXPIRATION_TTL });
  }
  const file = values.out ?? join(await mkdtemp(join(tmpdir(), "warm-")), "renders.json");
  await writeFile(file, JSON.stringify(entries));
  const mib = (Buffer.byteLength(JSON.stringify(entries)) / 1024 / 1024).toFixed(2);
  console.error(`warm: ${done} routes crawled, ${entries.length} renders (${mib} MiB) → ${file}`);

  const target = values.local
    ? ["--local", ...(values["persist-to"] ? ["--persist-to", values["persist-to"]] : [])]
    : ["--remote"];
  const wrangler = wranglerCommand([
    "kv",
    "bulk",
    "put",
    file,
    "--binding",
    "RENDER_CACHE",
    ...(envName ? ["--env", envName] : []),
    ...target,
  ]);
  console.error(`warm: ${wrangler.command} ${wrangler.args.join(" ")}`);
  const { stdout, stderr } = await promisify(execFile)(wrangler.command, wrangler.args, {
    cwd: root,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
  });
  process.stderr.write(stdout + stderr);
  console.log(`warm: ${entries.length} renders written to ${values.local ? "local" : envName} KV`);
} finally {
  await mf.dispose();
}

/**
 * What matters first: the fixed routes, each section's first page and feeds, the site's feeds, the
 * sitemap's children, and the newest `articles` articles (page and API), from the API's own lists.
 */
async function firstRoutes(origin: string, articles: number): Promise<string[]> {
  const get = async <T>(path: string) => (await (await mf.dispatchFetch(url({ origin }, path))).json()) as T;
  const routes = [...START, ...FEED_FORMAT_LIST.map((f) => paths.feed(paths.homeBase, FEED_FORMATS[f].file))];
  const local = (url: string) => url.slice(origin.length);
  for (const c of await get<{ url: string; feeds: Record<string, string> }[]>(paths.api.sections)) {
    routes.push(local(c.url), ...Object.values(c.feeds).map(local));
  }
  const index = await (await mf.dispatchFetch(url({ origin }, paths.sitemap))).text();
  for (const m of index.matchAll(/<loc>([^<]+)<\/loc>/g)) routes.push(local(m[1]!));
  for (let page = 1; routes.length < START.length + articles * 2 + 100; page++) {
    const list = await get<{ data: { url: string; slug: string }[]; links: { next: string | null } }>(
      withQuery(paths.api.articles, { limit: 50, page }),
    );
    for (const a of list.data.slice(0, Math.max(0, articles - (page - 1) * 50))) {
      routes.push(local(a.url), paths.api.article(a.slug));
    }
    if (!list.links.next || page * 50 >= articles) break;
  }
  return [...new Set(routes)];
}

/** Same-site paths linked from a body (HTML attributes, sitemap <loc>, JSON and XML URLs). */
function links(body: string, origin: string): string[] {
  const found: string[] = [];
  const add = (raw: string) => {
    const url = raw.replace(/&amp;/g, "&");
    const path = url.startsWith(origin)
      ? url.slice(origin.length)
      : url.startsWith("/") && !url.startsWith("//")
        ? url
        : undefined;
    if (path === undefined || !path.startsWith("/")) return;
    found.push(path.split("#")[0]!);
  };
  for (const m of body.matchAll(/\s(?:href|src)="([^"]+)"/g)) add(m[1]!);
  for (const m of body.matchAll(/https?:\/\/[^\s"'<>\\]+/g)) add(m[0]);
  return found;
}

/** The worker writes through waitUntil: wait until the key count stops growing. */
async function settledKeys(kv: Awaited<ReturnType<typeof mf.getKVNamespace>>, expected: number): Promise<string[]> {
  let previous = -1;
  for (let i = 0; i < 50; i++) {
    const names: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await kv.list({ prefix: "render:", cursor });
      names.push(...page.keys.map((k) => k.name));
      cursor = page.list_complete ? undefined : page.cursor;
    } while (cursor);
    if (names.length === previous && names.length >= Math.min(expected, 1)) return names;
    previous = names.length;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("KV writes did not settle");
}
