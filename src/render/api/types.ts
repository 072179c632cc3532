/**
 * The JSON API's response types (/api/v1). Explicit, documented in the OpenAPI document
 * (src/render/api/openapi.ts), never raw front matter. Names are snake_case like JSON Feed.
 */

/** What is known of the publication date: a date, or that it is unknown (and the earliest day). */
export type PublishedJson =
  { known: true; date: string } | { known: false; not_before: string | null; note: string | null };

export interface CategoryRefJson {
  slug: string;
  name: string;
}

export interface ArticleSummaryJson {
  id: string;
  slug: string;
  url: string;
  title: string;
  summary: string;
  published: PublishedJson;
  /** RFC 3339, or null. */
  date_modified: string | null;
  category: CategoryRefJson;
  tags: string[];
  image: string | null;
}

export interface ArticleJson extends ArticleSummaryJson {
  author: string | null;
  source: string | null;
  /** The original article's URL, or null. */
  source_url: string | null;
  content_html: string;
  content_text: string;
  headings: { level: number; id: string; text: string }[];
}

export interface PageJson {
  page: number;
  limit: number;
  total: number;
  pages: number;
}

export interface ArticleListJson {
  data: ArticleSummaryJson[];
  meta: PageJson;
  links: { self: string; first: string; last: string; prev: string | null; next: string | null };
}

/** Where the query matched: [offset, length] pairs in UTF-16 code units of the text, ascending. */
export interface SnippetJson {
  text: string;
  matches: { offset: number; length: number }[];
}

export interface SearchItemJson extends ArticleSummaryJson {
  /** The title's matches (offsets into `title`). */
  title_matches: SnippetJson["matches"];
  /** A stretch of the article's text around the matches ("…" where it was cut). */
  snippet: SnippetJson;
}

export interface SearchJson {
  data: SearchItemJson[];
  meta: PageJson & { query: string; dropped_terms: number };
  links: ArticleListJson["links"];
}

export interface TagJson {
  name: string;
  url: string;
  articles: number;
  feeds: { rss: string; atom: string; json: string };
  /** The API list of its articles. */
  api: string;
}

export interface CategoryJson extends CategoryRefJson {
  url: string;
  articles: number;
  feeds: { rss: string; atom: string; json: string };
}

export interface SiteJson {
  id: string;
  name: string;
  url: string;
  description: string;
  language: string;
  time_zone: string;
  copyright: string;
  icp: { number: string; url: string };
  feeds: { rss: string; atom: string; json: string };
  api: { articles: string; categories: string; tags: string; search: string; openapi: string };
}

/** RFC 9457 problem details. */
export interface ProblemJson {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  invalid_params?: { name: string; reason: string; allowed?: string[] }[];
}
