/**
 * A page of search results, as the site and the API show them: each result's list entry, its title
 * with the matches marked and a snippet of its text. The articles of the page are read to cut
 * snippets from (a page is at most 50 results); a quoted phrase is checked there, because bigrams
 * alone do not prove the words are contiguous: a result whose text lacks the phrase is left out.
 */
import { pageWindow, paginate, type Page } from "../pagination.ts";
import type { ContentStore, StoreFault, Window } from "../store/index.ts";
import type { Listed } from "../store/format.ts";
import type { ContentSearch } from "./index.ts";
import type { Query } from "./query.ts";
import { highlight, holdsPhrases, snippet, type Snippet } from "./snippet.ts";
import { fold, foldText } from "./fold.ts";
import { plainText } from "./text.ts";

export interface SearchResult {
  entry: Listed;
  title: Snippet;
  snippet: Snippet;
}

export async function searchPage(
  content: Pick<ContentStore, "articles"> & Pick<ContentSearch, "search">,
  query: Query,
  now: number,
  window: Window,
): Promise<{ total: number; results: SearchResult[]; faults: StoreFault[] }> {
  const { total, entries, faults } = await content.search(query, now, window);
  const read = await content.articles(entries);
  const articles = new Map(read.articles.map((a) => [a.slug, a]));
  const results: SearchResult[] = [];
  for (const entry of entries) {
    const article = articles.get(entry.slug);
    const text = fold(article ? plainText(article.html) : entry.summary);
    if (query.terms.some((t) => t.phrase)) {
      const fields = [entry.title, ...entry.tags, ...(article?.headings.map((h) => h.text) ?? [])].map(foldText);
      if (!holdsPhrases([...fields, text.text], query)) continue;
    }
    results.push({ entry, title: highlight(entry.title, query), snippet: snippet(text, query) });
  }
  return { total, results, faults: [...faults, ...read.faults] };
}

/**
 * Page `page` of a search's results, `size` to a page (within `section` when given), as the
 * search page and the API's search ask for it: the results and the page, undefined past the last
 * page (known only once the total is).
 */
export async function searchPaged(
  content: Pick<ContentStore, "articles"> & Pick<ContentSearch, "search">,
  query: Query,
  now: number,
  { page, size, section }: { page: number; size: number; section?: string },
): Promise<{ found: Page | undefined; total: number; results: SearchResult[]; faults: StoreFault[] }> {
  const { total, results, faults } = await searchPage(content, query, now, { section, ...pageWindow(page, size) });
  return { found: paginate(total, page, size), total, results, faults };
}
