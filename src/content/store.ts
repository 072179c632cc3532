/**
 * Queries over the content model. "Visible" is decided per request against the clock: drafts
 * never, scheduled articles (a future `date`) only once their time has come. In preview (local
 * `npm run dev` only) everything is visible, and pages mark what readers would not see yet.
 */
import type { Article, ContentModel, NavCategory } from "./model.ts";
import { findCategory } from "./site.ts";

export interface ContentStore {
  readonly model: ContentModel;
  /** Whether drafts and scheduled articles are shown (local preview). */
  readonly preview: boolean;
  /**
   * The visibility epoch at `now`: how many publication instants have passed. The visible set
   * changes only when it does, so it is part of every render-cache key (a scheduled article
   * appears the moment its time comes, without a deploy). In preview too: the marks change then.
   */
  epoch(now: number): number;
  /** Visible articles at `now` (ms since epoch), newest first. */
  published(now: number): Article[];
  /** A visible article by slug, or undefined (unknown, draft or not yet published). */
  bySlug(slug: string, now: number): Article | undefined;
  category(slug: string): NavCategory | undefined;
}

function isPublished(article: Article, now: number): boolean {
  if (article.draft) return false;
  return article.published.kind === "unknown" || Date.parse(article.published.iso) <= now;
}

export function createStore(model: ContentModel, options: { preview?: boolean } = {}): ContentStore {
  const preview = options.preview ?? false;
  const visible = (a: Article, now: number) => preview || isPublished(a, now);
  const slugs = new Map(model.articles.map((a) => [a.slug, a]));
  // The sorted publication instants of non-draft articles: when the visible set can change.
  const instants = model.articles
    .filter((a) => !a.draft && a.published.kind === "exact")
    .map((a) => Date.parse((a.published as { iso: string }).iso))
    .sort((a, b) => a - b);
  const epoch = (now: number) => passed(instants, now);
  // Keep the last visible set, so a request costs a binary search instead of a scan of every article.
  let last: { epoch: number; articles: Article[] } | undefined;
  return {
    model,
    preview,
    epoch,
    published(now) {
      const current = epoch(now);
      if (last?.epoch !== current) last = { epoch: current, articles: model.articles.filter((a) => visible(a, now)) };
      return last.articles;
    },
    bySlug(slug, now) {
      const article = slugs.get(slug);
      return article && visible(article, now) ? article : undefined;
    },
    category: (slug) => findCategory(model.site, slug),
  };
}

/** How many of the sorted `instants` lie at or before `now`. */
function passed(instants: readonly number[], now: number): number {
  let lo = 0;
  let hi = instants.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (instants[mid]! <= now) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
