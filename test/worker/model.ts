/** The built seed content and small content models for worker tests, built the way the build step builds them. */
import { inject } from "vitest";
import type { Article, ContentModel } from "../../src/content/model.ts";

/** content/ as the build reads it (test/setup/worker-content.ts). */
export const content: ContentModel = inject("content");
export const site = content.site;

export function makeArticle(overrides: Partial<Article> & Pick<Article, "slug">): Article {
  return {
    id: crypto.randomUUID(),
    title: `文章 ${overrides.slug}`,
    category: "news",
    summary: "摘要。",
    tags: [],
    published: { kind: "exact", iso: "2026-01-05T09:00:00+08:00" },
    draft: false,
    headings: [],
    figures: [],
    file: `content/articles/${overrides.slug}.md`,
    html: "<p>正文。</p>\n",
    qr: content.articles[0]!.qr,
    ...overrides,
  };
}

export function makeModel(articles: Article[]): ContentModel {
  return { site, articles, version: "test0000test0000" };
}
