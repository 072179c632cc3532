/**
 * The cron's announcement (W3C WebSub §7, "Publishing"): the feeds the articles that came out
 * enter, each told to the hub (outbound/websub.ts); the pages themselves go to the search engines
 * (outbound/indexing.ts) from the run (index.ts).
 */
import { paths, type Content, type Listed } from "../content/index.ts";
import { FEED_FORMAT_LIST, feedUrl } from "../render/feeds/index.ts";

/** The feeds (every format, first page) an article enters when it becomes visible. */
export function feedsOf(
  content: Pick<Content, "site">,
  articles: readonly Pick<Listed, "category" | "tags">[],
): string[] {
  const bases = new Set<string>([paths.homeBase]);
  for (const a of articles) {
    bases.add(paths.section(a.category));
    for (const t of a.tags) bases.add(paths.tag(t));
  }
  return [...bases].flatMap((base) => FEED_FORMAT_LIST.map((format) => feedUrl(content.site, base, format)));
}
