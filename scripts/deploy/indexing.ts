/**
 * Search engines at deploy time (src/http/indexing.ts speaks to them): `npm run deploy` snapshots
 * the live site's pages before the upload and again after warm, and sends IndexNow and Baidu the
 * URLs that changed: list pages (the pages sitemap: home, sections, tags, archives) whose bytes
 * changed (their ETag), and articles that are new or whose `lastmod` changed (the article
 * sitemaps: an article's content, not the links around it, is what an engine re-reads it for).
 * Each engine is off until configured; a failure is logged, never a failed deploy.
 */
import { indexingConfig, announceToSearchEngines, type IndexingConfig } from "../../src/outbound/indexing.ts";
import { paths, url } from "../../src/content/urls.ts";
import { snapshot, type Fetch } from "./websub.ts";

/** Page URL → what says it changed (a list page's ETag, an article's lastmod); null when it did not answer. */
export type PageSnapshot = Map<string, string | null>;

/** The `<loc>` (and `<lastmod>`) of each `<url>` or `<sitemap>` of a sitemap document. */
function locations(xml: string): { loc: string; lastmod: string | null }[] {
  return [...xml.matchAll(/<(?:url|sitemap)>([\s\S]*?)<\/(?:url|sitemap)>/g)].map(([, inner]) => ({
    loc: /<loc>([^<]*)<\/loc>/.exec(inner!)?.[1]?.replaceAll("&amp;", "&") ?? "",
    lastmod: /<lastmod>([^<]*)<\/lastmod>/.exec(inner!)?.[1] ?? null,
  }));
}

/** Every page of the site at `origin`, as its sitemaps list them; empty when it does not answer (a first deploy). */
export async function pageSnapshot(origin: string, get: Fetch): Promise<PageSnapshot> {
  const text = async (url: string) => {
    try {
      const res = await get(url);
      return res.ok ? await res.text() : undefined;
    } catch {
      return undefined;
    }
  };
  const out: PageSnapshot = new Map();
  const index = await text(url({ origin }, paths.sitemap));
  for (const { loc } of index ? locations(index) : []) {
    const xml = await text(loc);
    if (!xml) continue;
    const entries = locations(xml);
    if (loc.endsWith(paths.pagesSitemap)) {
      for (const [url, etag] of await snapshot(
        entries.map((e) => e.loc),
        get,
      ))
        out.set(url, etag);
    } else for (const e of entries) out.set(e.loc, e.lastmod ?? "");
  }
  return out;
}

/** The pages of `after` that are new or changed since `before`. */
export function changedPages(before: PageSnapshot, after: PageSnapshot): string[] {
  return [...after].filter(([url, mark]) => mark !== null && before.get(url) !== mark).map(([url]) => url);
}

/** The engines configured for a deploy: the environment's vars (wrangler.toml) and the shell's (secrets). */
export function deployIndexing(vars: Record<string, string | undefined>): IndexingConfig {
  return indexingConfig({
    INDEXNOW_KEY: vars.INDEXNOW_KEY ?? process.env.INDEXNOW_KEY,
    BAIDU_PUSH_SITE: vars.BAIDU_PUSH_SITE ?? process.env.BAIDU_PUSH_SITE,
    BAIDU_PUSH_TOKEN: process.env.BAIDU_PUSH_TOKEN,
  });
}

/** Tells the configured engines of `urls`; one line per engine, and one per problem. */
export async function tellEngines(
  origin: string,
  urls: readonly string[],
  config: IndexingConfig,
  post: Fetch,
  log: (line: string) => void,
): Promise<void> {
  const report = await announceToSearchEngines(post, origin, urls, config);
  if (report.indexNow) log(`indexing: IndexNow took ${report.indexNow.taken} of ${report.indexNow.sent} URLs`);
  if (report.baidu)
    log(
      `indexing: Baidu took ${report.baidu.taken} of ${report.baidu.sent} URLs` +
        (report.baidu.remain !== undefined ? `, ${report.baidu.remain} left today` : ""),
    );
  for (const problem of [...(report.indexNow?.problems ?? []), ...(report.baidu?.problems ?? [])]) log(problem);
}
