/**
 * Queries over the content model. "Visible" is decided per request against the clock: drafts
 * never, scheduled articles (a future `date`) only once their time has come. In preview (local
 * `npm run dev` only) everything is visible, and pages mark what readers would not see yet.
 */
import type { Article, ContentModel, NavCategory } from "./model.ts";

export interface ContentStore {
  readonly model: ContentModel;
  /** Whether drafts and scheduled articles are shown (local preview). */
  readonly preview: boolean;
  /** Visible articles at `now` (ms since epoch), newest first. */
  published(now: number): Article[];
  /** A visible article by slug, or undefined (unknown, draft or not yet published). */
  bySlug(slug: string, now: number): Article | undefined;
  category(slug: string): NavCategory | undefined;
}

export function isPublished(article: Article, now: number): boolean {
  if (article.draft) return false;
  return article.published.kind === "unknown" || Date.parse(article.published.iso) <= now;
}

export function createStore(model: ContentModel, options: { preview?: boolean } = {}): ContentStore {
  const preview = options.preview ?? false;
  const visible = (a: Article, now: number) => preview || isPublished(a, now);
  const slugs = new Map(model.articles.map((a) => [a.slug, a]));
  const categories = new Map(model.site.categories.map((c) => [c.slug, c]));
  return {
    model,
    preview,
    published: (now) => model.articles.filter((a) => visible(a, now)),
    bySlug(slug, now) {
      const article = slugs.get(slug);
      return article && visible(article, now) ? article : undefined;
    },
    category: (slug) => categories.get(slug),
  };
}
