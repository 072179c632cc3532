/**
 * The search page: the form, and the results of a query (title and snippet with the matches
 * marked, date as known, section), paginated; with no query, just the form; with no results,
 * tags to try instead. Pure.
 */
import { paths } from "../../content/urls.ts";
import { sectionName, type Snippet } from "../../content/index.ts";
import type { ArticleSummary, SiteSettings } from "../../content/model.ts";
import { esc } from "./escape.ts";
import { layout } from "./layout.ts";
import { dateHtml, pageRels, pager, searchForm, tagList } from "./parts.ts";

export interface SearchHit {
  article: ArticleSummary;
  title: Snippet;
  snippet: Snippet;
}

export interface SearchView {
  /** The query as the reader typed it ("" for the empty form). */
  q: string;
  hits: SearchHit[];
  total: number;
  page: number;
  pages: number;
  href: (page: number) => string;
  /** Terms left out of a very long query. */
  dropped: number;
  /** Tags to suggest when nothing was found. */
  suggestions: string[];
}

/** Snippet text with its matches in <mark>, everything escaped. */
export function marked({ text, matches }: Snippet): string {
  let out = "";
  let at = 0;
  for (const [offset, length] of matches) {
    out += `${esc(text.slice(at, offset))}<mark>${esc(text.slice(offset, offset + length))}</mark>`;
    at = offset + length;
  }
  return out + esc(text.slice(at));
}

export function renderSearch(view: SearchView, site: SiteSettings): string {
  const { q } = view;
  let results = "";
  if (q) {
    const summary = view.total
      ? `<p class="found" role="status">找到 ${view.total} 篇与「${esc(q)}」相关的文章${view.pages > 1 ? `,第 ${view.page} / ${view.pages} 页` : ""}。</p>`
      : `<p class="found" role="status">没有找到与「${esc(q)}」相关的文章。换个说法,少用几个词,或者看看这些标签:</p>${tagList(view.suggestions, "常用标签")}`;
    const dropped = view.dropped ? `<p class="note">查询太长,最后 ${view.dropped} 个词未参与搜索。</p>` : "";
    const items = view.hits.map(
      (h) => `<li><article>
<h2><a href="${esc(paths.article(h.article.slug))}">${marked(h.title)}</a></h2>
<p class="meta">${dateHtml(h.article.published)}<a href="${esc(paths.section(h.article.category))}">${esc(sectionName(site, h.article.category))}</a></p>
<p>${marked(h.snippet)}</p>
</article></li>`,
    );
    results = `${summary}${dropped}${items.length ? `\n<ul class="cards results">${items.join("\n")}</ul>` : ""}\n${pager(view)}`;
  }
  const main = `<section class="listing" aria-labelledby="search-title">
<h1 id="search-title">${q ? `搜索:${esc(q)}` : "搜索"}</h1>
${searchForm(q, "q", "搜索本站文章")}
${results}
</section>`;
  return layout(
    {
      title: q ? `搜索:${q}${view.page > 1 ? ` - 第${view.page}页` : ""} - ${site.name}` : `搜索 - ${site.name}`,
      description: `在${site.name}的全部文章中搜索。`,
      path: paths.search,
      // Result pages are endless variations of one page: search engines should not index them.
      noindex: q !== "",
      ...pageRels(view),
    },
    main,
    site,
  );
}
