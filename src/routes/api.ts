/**
 * The JSON API for embedding sites, /api/v1 (contract: /api/v1/openapi.json). Parameters are
 * validated strictly (a bad one is a 400 problem naming it and the allowed values) and only their
 * canonical values reach the cache key.
 */
import { Hono } from "hono";
import type { Rendered } from "../cache/index.ts";
import { isQueryProblem, pageCount, paginate, parseQuery, paths, RANGES, searchPaged, url } from "../content/index.ts";
import type { AppEnv } from "../env.ts";
import { surface, textParam, wholeParam, type Fail } from "../http/index.ts";
import { MIME } from "../mime.ts";
import { openApiDocument } from "../render/api/openapi.ts";
import {
  articleJson,
  json,
  linkHeader,
  listJson,
  searchJson,
  sectionsJson,
  siteJson,
  tagsJson,
} from "../render/api/views.ts";
import { cacheTag, lastModifiedOf, type Representation } from "../serving/index.ts";
import type { StoreFault } from "../content/index.ts";
import { withFacets, type RouteContext, type RouteCtx } from "./context.ts";
import { articleFinder, listSources } from "./sources.ts";

export function apiRoutes(routes: RouteContext) {
  const { content, serve } = routes;
  const site = content.site;
  const sources = listSources(content);
  const articles = articleFinder(routes);
  const slugs = site.categories.map((c) => c.slug);
  /** The `category` parameter (the API's name for a section): a section's slug, or absent. */
  const sectionParam = (fail: Fail, slug: string | undefined) => {
    if (slug !== undefined && !slugs.includes(slug)) {
      fail.badParam("category", `must be a category slug; "${slug}" is not one.`, slugs);
    }
    return slug;
  };
  const pastLast = (fail: Fail, page: number, total: number, limit: number): never =>
    fail.notFound(`Page ${page} is past the last page (${pageCount(total, limit)}) for limit=${limit}.`);
  /** An API resource: its value as JSON, through the render cache. */
  const serveJson = (c: RouteCtx, rep: JsonRepresentation) =>
    serve(c, {
      policy: "api",
      format: "json",
      ...rep,
      render: async () => {
        const { value, ...rest } = await rep.render();
        return { body: json(value), type: MIME.json, ...rest };
      },
    });
  const api = surface("api");

  return new Hono<AppEnv>()
    .get(paths.api.articles, api, async (c) => {
      const fail = c.var.fail;
      const page = wholeParam(fail, "page", c.req.query("page"), RANGES.page);
      const limit = wholeParam(fail, "limit", c.req.query("limit"), RANGES.limit);
      const section = sectionParam(fail, c.req.query("category"));
      const tag = c.req.query("tag");
      if (tag !== undefined && (tag === "" || tag.length > 100))
        return fail.badParam("tag", "must be a tag of the site (see /api/v1/tags).");
      const year = wholeParam(fail, "year", c.req.query("year"), RANGES.year);
      const month = wholeParam(fail, "month", c.req.query("month"), RANGES.month);
      if (month !== undefined && year === undefined)
        return fail.badParam("month", "needs year: e.g. ?year=2024&month=6.");
      const now = c.var.now;
      const filters = { category: section, tag, year, month };
      const source = sources.filtered(filters);
      const counted = await source.count(now);
      // A filter that matches nothing is a 404, as /archive/<year> is: never rendered, never cached.
      const filtered = tag !== undefined || year !== undefined;
      if (filtered && counted.total === 0) {
        return fail.notFound(
          `No published article matches these filters. See ${url(site, paths.api.tags)} and ${url(site, paths.archives)}.`,
        );
      }
      const found = paginate(counted.total, page, limit) ?? pastLast(fail, page, counted.total, limit);
      const href = (n: number) => url(site, paths.api.articles, { page: n, limit, ...filters });
      const meta = { page, limit, total: found.total, pages: found.pages };
      return serveJson(c, {
        path: paths.api.articles,
        tags: source.tags,
        params: { page, limit, ...filters },
        // KV holds the lists a page of the site also shows (the default size, one filter at
        // most); other combinations are kept in this isolate's memory only.
        shared:
          limit === RANGES.limit.default &&
          Object.values(filters).filter((v) => v !== undefined).length <= (month !== undefined ? 2 : 1),
        headers: [["link", linkHeader(meta, href)]],
        render: async () => {
          const { entries, faults } = await source.list(now, found);
          return {
            value: listJson(entries, meta, href, site),
            lastModified: lastModifiedOf(entries),
            faults: [...counted.faults, ...faults],
          };
        },
      });
    })
    .get(paths.api.search, api, (c) => {
      const fail = c.var.fail;
      const raw = (textParam(c.req.url, "q") ?? "").trim();
      if (raw === "") return fail.badParam("q", "is required: the words to search for, e.g. ?q=陶瓷.");
      const parsed = parseQuery(raw);
      if (isQueryProblem(parsed)) return fail.badParam("q", `${parsed.message}.`);
      const page = wholeParam(fail, "page", c.req.query("page"), RANGES.page);
      const limit = wholeParam(fail, "limit", c.req.query("limit"), RANGES.limit);
      const section = sectionParam(fail, c.req.query("category"));
      // Links carry the canonical query the answer was made for (its cache key), never the words
      // as one visitor typed them: a cached answer is shared by every spelling of the query.
      const href = (n: number) => url(site, paths.api.search, { q: parsed.key, page: n, limit, category: section });
      return serveJson(c, {
        path: paths.api.search,
        tags: [],
        params: { q: parsed.key, page, limit, category: section },
        shared: false,
        render: async () => {
          // A page past the last is known only once the total is.
          const { found, total, results, faults } = await searchPaged(content, parsed, c.var.now, {
            page,
            size: limit,
            section,
          });
          if (!found) return pastLast(fail, page, total, limit);
          const meta = { page, limit, total, pages: found.pages, query: parsed.key, dropped_terms: parsed.dropped };
          return { value: searchJson(results, meta, href, site), faults };
        },
      });
    })
    .get(paths.api.tags, api, (c) =>
      serve(c, {
        policy: "api",
        format: "json",
        path: paths.api.tags,
        tags: [cacheTag.tagIndex],
        // Without the facets file: no tag can be listed; the empty answer is kept a minute at most.
        render: withFacets(content, c.var.now, (facets) => ({
          body: json(tagsJson(facets?.tags ?? [], site)),
          type: MIME.json,
        })),
      }),
    )
    .get("/api/v1/articles/:slug", api, (c) => {
      const slug = c.req.param("slug");
      return articles.serve(c, slug, `No published article has the slug "${slug}".`, {
        policy: "api",
        format: "json",
        path: paths.api.article(slug),
        tags: [],
        render: (article) => ({ body: json(articleJson(article, site)), type: MIME.json }),
      });
    })
    .get(paths.api.sections, api, (c) =>
      serveJson(c, {
        path: paths.api.sections,
        tags: [cacheTag.sections],
        render: () => {
          const counts = new Map(site.categories.map((s) => [s.slug, content.count(c.var.now, s.slug)]));
          return { value: sectionsJson(site, counts) };
        },
      }),
    )
    .get(paths.api.site, api, (c) =>
      serveJson(c, { path: paths.api.site, tags: [], render: () => ({ value: siteJson(site) }) }),
    )
    .get(paths.api.root, api, (c) =>
      serveJson(c, { path: paths.api.root, tags: [], render: () => ({ value: siteJson(site).api }) }),
    )
    .get(paths.api.openapi, api, (c) =>
      serveJson(c, { path: paths.api.openapi, tags: [], render: () => ({ value: openApiDocument(site) }) }),
    )
    .get("/api/*", api, (c) =>
      c.var.fail.notFound(`No API resource at ${c.req.path}. See ${url(site, paths.api.openapi)}.`),
    );
}

/** An API resource as `serveJson` takes it: a value to write as JSON, dated and degraded as a render is. */
interface JsonRepresentation extends Omit<Representation, "policy" | "format" | "render"> {
  render(): JsonRendered | Promise<JsonRendered>;
}
type JsonRendered = Omit<Rendered, "body" | "type"> & { value: unknown; faults?: StoreFault[] };
