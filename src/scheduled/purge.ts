/**
 * The cron's purge: which Cache-Tags (serving/tags.ts) the articles that came out change, for
 * Workers Cache to forget; serving/purge.ts sends them within the edge's limits.
 */
import { paths, type Content, type Listed } from "../content/index.ts";
import { cacheTag } from "../serving/index.ts";

/**
 * The Cache-Tags of every route the newly visible `articles` change: the lists they enter (the
 * latest articles, their section, their tags, their year and month) and what is drawn from them,
 * the indexes and sitemaps, their own pages, the 上一篇/下一篇 of their neighbours, and the
 * related lists of every page that draws on one of their tags, at any depth (`rt:<tag>`, and
 * `related` for pages with too many tags to name: serving/tags.ts). So a publish costs a number
 * of tags that grows with its own tags and lists, never with how many articles share a tag.
 */
export async function purgeTagsOf(
  content: Content,
  articles: readonly Listed[],
  now: number,
  before: number,
): Promise<string[]> {
  const tags = new Set([cacheTag.list(""), cacheTag.sections]);
  // The indexes: compared between the visible sets before and now (a tag's count may change
  // without its place in the list changing; a month may gain an article without a new month).
  const [was, is] = await Promise.all([content.facetCounts(before), content.facetCounts(now)]);
  if (!was.ok || !is.ok) {
    for (const t of [cacheTag.tagIndex, cacheTag.tagList, cacheTag.archiveIndex, cacheTag.archiveList]) tags.add(t);
  } else {
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
    if (!same(was.value.tags, is.value.tags)) tags.add(cacheTag.tagIndex);
    if (
      !same(
        was.value.tags.map((t) => t.name),
        is.value.tags.map((t) => t.name),
      )
    )
      tags.add(cacheTag.tagList);
    if (!same([was.value.months, was.value.undated], [is.value.months, is.value.undated]))
      tags.add(cacheTag.archiveIndex);
    const periods = (f: typeof is.value) => f.months.map((m) => `${m.year}-${m.month}`);
    if (!same(periods(was.value), periods(is.value))) tags.add(cacheTag.archiveList);
  }
  for (const a of articles) {
    tags.add(cacheTag.article(a.slug));
    const rank = await content.access.rankOf(a.slug);
    if (rank.ok && rank.value !== undefined)
      tags.add(cacheTag.sitemap(Math.floor(rank.value / content.access.manifest.layout.sitemap)));
    tags.add(cacheTag.list(paths.section(a.category)));
    if (a.published.kind === "exact") {
      const [year, month] = a.published.iso.slice(0, 7).split("-").map(Number) as [number, number];
      tags.add(cacheTag.list(paths.archive(year)));
      tags.add(cacheTag.list(paths.archive(year, month)));
    }
    const { older, newer } = await content.neighbours(a.slug, now);
    if (older) tags.add(cacheTag.neighbours(older.slug));
    if (newer) tags.add(cacheTag.neighbours(newer.slug));
    for (const t of a.tags) {
      tags.add(cacheTag.list(paths.tag(t)));
      tags.add(cacheTag.relatedTo(t));
    }
    if (a.tags.length) tags.add(cacheTag.relatedAny);
  }
  return [...tags];
}
