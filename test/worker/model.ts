/**
 * The tests' own site (test/fixtures/site/, built by test/setup/worker-content.ts) and small
 * content models for worker tests, built the way the build step builds them.
 */
import { inject } from "vitest";
import type { Article, ContentModel } from "../../src/content/model.ts";
import { SEED_SLUG } from "../support/site.ts";

/** The whole fixture site: the seed, dated articles in three sections, a draft, a scheduled one. */
export const fixtureSite: ContentModel = inject("site");
/** The fixture site with its seed article alone: what the seed's fidelity is asserted on. */
export const content: ContentModel = {
  ...fixtureSite,
  articles: fixtureSite.articles.filter((a) => a.slug === SEED_SLUG),
};
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
