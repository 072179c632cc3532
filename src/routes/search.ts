/**
 * /search?q=…&page=N: the search page. No query (or only spaces): the form alone. A query over
 * 200 characters: 400 naming the limit. Results are ranked when the page is rendered, and a page
 * past the last is a 404 then. Results live in this isolate's memory tier only (never KV), keyed
 * by the query's canonical form and the words as typed (the page shows them).
 */
import { Hono } from "hono";
import {
  isQueryProblem,
  MAX_QUERY,
  parseQuery,
  paths,
  RANGES,
  searchPaged,
  withQuery,
  valueOr,
} from "../content/index.ts";
import type { AppEnv } from "../env.ts";
import { surface, textParam, wholeParam } from "../http/index.ts";
import { MIME } from "../mime.ts";
import { renderSearch } from "../render/index.ts";
import type { RouteContext } from "./context.ts";

/** Tags suggested when nothing was found. */
const SUGGESTIONS = 12;

export function searchRoutes({ content, serve }: RouteContext) {
  const site = content.site;
  return new Hono<AppEnv>().get(paths.search, surface("page"), (c) => {
    const fail = c.var.fail;
    const q = (textParam(c.req.url, "q") ?? "").replace(/\s+/g, " ").trim();
    const page = wholeParam(fail, "page", c.req.query("page"), RANGES.page);
    const parsed = q ? parseQuery(q) : undefined;
    if (parsed && isQueryProblem(parsed) && parsed.code === "query-too-long") {
      return fail.badParam("q", `搜索词太长:最多 ${MAX_QUERY} 个字。`);
    }
    const query = parsed && !isQueryProblem(parsed) ? parsed : undefined;
    const href = (n: number) => withQuery(paths.search, { q, page: n > 1 ? n : undefined });
    const now = c.var.now;
    return serve(c, {
      policy: "page",
      format: "html",
      path: paths.search,
      tags: [],
      params: query ? { q: query.key, typed: q, page } : q ? { typed: q } : undefined,
      shared: false,
      render: async () => {
        const empty = { hits: [], total: 0, page: 1, pages: 1, href, dropped: 0, suggestions: [] };
        if (!query) return { body: renderSearch({ ...empty, q }, site), type: MIME.html };
        const { found, total, results, faults } = await searchPaged(content, query, now, { page, size: site.pageSize });
        if (!found) return fail.notFound(`search page ${page} does not exist`);
        // Only a search that found nothing suggests tags (the most used ones).
        const facets = total ? undefined : valueOr(await content.facetCounts(now), undefined);
        if (facets) faults.push(...facets.faults);
        const suggestions = (facets?.value?.tags ?? []).slice(0, SUGGESTIONS).map((t) => t.name);
        const hits = results.map((r) => ({ article: r.entry, title: r.title, snippet: r.snippet }));
        const view = { q, hits, total, page, pages: found.pages, href, dropped: query.dropped, suggestions };
        return { body: renderSearch(view, site), type: MIME.html, faults };
      },
    });
  });
}
