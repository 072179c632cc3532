/** An article's summary (what lists show) and its thumbnail: one rule each. */
import type { Article, ArticleSummary, Figure } from "./model.ts";

/** Slugs: lowercase ASCII words joined by single hyphens (the URL is /articles/<slug>). */
export const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Files in content/media/: a plain name with a picture's extension (what /media/<file> serves). */
export const MEDIA_FILE_RE = /^[A-Za-z0-9_][A-Za-z0-9_.-]*\.(?:jpe?g|png|gif|webp|avif|svg)$/;

/**
 * The thumbnail of pages, feeds, the API and link previews: the picture chosen in front matter,
 * else the first available one, else undefined.
 */
export function thumbnailOf(article: Pick<Article, "figures" | "cover">): Figure | undefined {
  return article.cover ?? article.figures.find((f) => f.available);
}

/** The thumbnail's published file (its largest derived variant, or the file itself). */
export function imageOf(
  article: Pick<Article, "figures" | "cover"> | Pick<ArticleSummary, "image">,
): string | undefined {
  if ("figures" in article) {
    const t = thumbnailOf(article);
    return t && (t.src ?? t.file);
  }
  return article.image;
}

export function summaryOf(a: Article): ArticleSummary {
  const image = imageOf(a);
  return {
    id: a.id,
    slug: a.slug,
    title: a.title,
    category: a.category,
    summary: a.summary,
    tags: a.tags,
    published: a.published,
    ...(a.updated ? { updated: a.updated } : {}),
    draft: a.draft,
    ...(image ? { image } : {}),
    ...(a.cover?.thumb ? { thumb: a.cover.thumb } : {}),
  };
}
