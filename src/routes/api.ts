/**
 * The JSON API for embedding sites, /api/v1 (contract: /api/v1/openapi.json). Parameters are
 * validated strictly (a bad one is a 400 problem naming it and the allowed values) and only their
 * canonical values reach the cache key.
 */
import { Hono, type Context } from "hono";
import {
  isQueryProblem,
  pageCount,
  pageWindow,
  paginate,
  parseQuery,
  paths,
  RANGES,
  searchPage,
  url,
  valueOr,
} from "../content/index.ts";
import type { AppEnv } from "../env.ts";
import { badParam, notFound, problem, textParam, wholeParam } from "../http/index.ts";
import { MIME } from "../mime.ts";
import { openApiDocument } from "../render/api/openapi.ts";
import {
  articleJson,
  sectionsJson,
  json,
  linkHeader,
  listJson,
  searchJson,
  siteJson,
  tagsJson,
} from "../render/api/views.ts";
import { cacheTag, lastModifiedOf } from "../serving/index.ts";
import type { RouteContext } from "./context.ts";
import { articleFinder, listSources } from "./sources.ts";

export function apiRoutes({ content, serve }: RouteContext) {
  const site = content.site;
  const sources = listSources(content);
  const articles = articleFinder(content);
  const slugs = site.categories.map((c) => c.slug);
  /** The `category` parameter (the API's name for a section): a section's slug, or absent. */
  const sectionParam = (slug: string | undefined) => {
    if (slug !== undefined && !slugs.includes(slug)) {
      badParam("category", `must be a category slug; "${slug}" is not one.`, slugs);
    }
    return slug;
  };
  const staticJson = (c: Context<AppEnv>, path: string, value: () => unknown) =>
    serve(c, {
      kind: "api",
      format: "json",
      path,
      tags: [],
      render: () => ({ body: json(value()), type: MIME.json }),
    });

  return new Hono<AppEnv>()
    .get(paths.api.articles, async (c) => {
      const page = wholeParam("api", "page", c.req.query("page"), RANGES.page);
      const limit = wholeParam("api", "limit", c.req.query("limit"), RANGES.limit);
      const section = sectionParam(c.req.query("category"));
      const tag = c.req.query("tag");
      if (tag !== undefined && (tag === "" || tag.length > 100))
        badParam("tag", "must be a tag of the site (see /api/v1/tags).");
      const year = wholeParam("api", "year", c.req.query("year"), RANGES.year);
      const month = wholeParam("api", "month", c.req.query("month"), RANGES.month);
      if (month !== undefined && year === undefined) badParam("month", "needs year: e.g. ?year=2024&month=6.");
      const now = c.var.now;
      const filters = { category: section, tag, year, month };
      const source = sources.filtered(filters);
      const counted = await source.count(now);
      // A filter that matches nothing is a 404, as /archive/<year> is: never rendered, never cached.
      const filtered = tag !== undefined || year !== undefined;
      if (filtered && counted.total === 0) {
        problem(
          404,
          `No published article matches these filters. See ${url(site, paths.api.tags)} and ${url(site, paths.archives)}.`,
        );
      }
      const found = paginate(counted.total, page, limit);
      if (!found)
        notFound("api", `Page ${page} is past the last page (${pageCount(counted.total, limit)}) for limit=${limit}.`);
      const href = (n: number) => url(site, paths.api.articles, { page: n, limit, ...filters });
      const meta = { page, limit, total: found.total, pages: found.pages };
      return serve(
        c,
        {
          kind: "api",
          format: "json",
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
              body: json(listJson(entries, meta, href, site)),
              type: MIME.json,
              lastModified: lastModifiedOf(entries),
              faults: [...counted.faults, ...faults],
            };
          },
        },
        now,
      );
    })
    .get(paths.api.search, (c) => {
      const raw = (textParam(c.req.url, "q") ?? "").trim();
      if (raw === "") badParam("q", "is required: the words to search for, e.g. ?q=陶瓷.");
      const parsed = parseQuery(raw);
      if (isQueryProblem(parsed)) badParam("q", `${parsed.message}.`);
      const page = wholeParam("api", "page", c.req.query("page"), RANGES.page);
      const limit = wholeParam("api", "limit", c.req.query("limit"), RANGES.limit);
      const section = sectionParam(c.req.query("category"));
      const now = c.var.now;
      // Links carry the canonical query the answer was made for (its cache key), never the words
      // as one visitor typed them: a cached answer is shared by every spelling of the query.
      const href = (n: number) => url(site, paths.api.search, { q: parsed.key, page: n, limit, category: section });
      return serve(
        c,
        {
          kind: "api",
          format: "json",
          path: paths.api.search,
          tags: [],
          params: { q: parsed.key, page, limit, category: section },
          shared: false,
          render: async () => {
            // The window of page `page`; a page past the last is known only once the total is.
            const window = { section, ...pageWindow(page, limit) };
            const { total, results, faults } = await searchPage(content, parsed, now, window);
            const found = paginate(total, page, limit);
            if (!found)
              notFound("api", `Page ${page} is past the last page (${pageCount(total, limit)}) for limit=${limit}.`);
            const meta = { page, limit, total, pages: found.pages, query: parsed.key, dropped_terms: parsed.dropped };
            return { body: json(searchJson(results, meta, href, site)), type: MIME.json, faults };
          },
        },
        now,
      );
    })
    .get(paths.api.tags, (c) => {
      const now = c.var.now;
      return serve(
        c,
        {
          kind: "api",
          format: "json",
          path: paths.api.tags,
          tags: [cacheTag.tagIndex],
          render: async () => {
            // Without the facets file: no tag can be listed; the empty answer is kept a minute at most.
            const facets = valueOr(await content.facets(now), undefined);
            return { body: json(tagsJson(facets.value?.tags ?? [], site)), type: MIME.json, faults: facets.faults };
          },
        },
        now,
      );
    })
    .get("/api/v1/articles/:slug", (c) => {
      const now = c.var.now;
      const slug = c.req.param("slug");
      const missing = `No published article has the slug "${slug}".`;
      if (!articles.isSlug(slug)) notFound("api", missing);
      return serve(
        c,
        {
          kind: "api",
          format: "json",
          path: paths.api.article(slug),
          tags: [cacheTag.article(slug)],
          render: async () => {
            const article = (await articles.published(slug, now)) ?? notFound("api", missing);
            return { body: json(articleJson(article, site)), type: MIME.json, lastModified: lastModifiedOf([article]) };
          },
        },
        now,
      );
    })
    .get(paths.api.sections, (c) => {
      const now = c.var.now;
      return serve(
        c,
        {
          kind: "api",
          format: "json",
          path: paths.api.sections,
          tags: [cacheTag.sections],
          render: () => {
            const counts = new Map(site.categories.map((s) => [s.slug, content.count(now, s.slug)]));
            return { body: json(sectionsJson(site, counts)), type: MIME.json };
          },
        },
        now,
      );
    })
    .get(paths.api.site, (c) => staticJson(c, paths.api.site, () => siteJson(site)))
    .get(paths.api.root, (c) => staticJson(c, paths.api.root, () => siteJson(site).api))
    .get(paths.api.openapi, (c) => staticJson(c, paths.api.openapi, () => openApiDocument(site)))
    .get("/api/*", (c) => notFound("api", `No API resource at ${c.req.path}. See ${url(site, paths.api.openapi)}.`));
}
