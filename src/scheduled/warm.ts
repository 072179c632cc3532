/**
 * The cron's warm-up: the pages an article that came out changes, rendered into the cache before
 * readers (and the hub's fetch) arrive.
 */
import { paths, type Listed } from "../content/index.ts";

/** The pages a newly visible article changes: to render before readers (and the hub's fetch) arrive. */
export function pagesOf(articles: readonly Listed[]): string[] {
  const pages = new Set([paths.home, paths.sitemap]);
  for (const a of articles) {
    pages.add(paths.article(a.slug));
    pages.add(paths.section(a.category));
    for (const t of a.tags) pages.add(paths.tag(t));
  }
  return [...pages];
}
