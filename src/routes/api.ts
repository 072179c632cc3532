/**
 * The JSON API for embedding sites, /api/v1 (contract: /api/v1/openapi.json). Parameters are
 * validated strictly (a bad one is a 400 problem naming it and the allowed values) and only their
 * canonical values reach the cache key.
 */
import { Hono, type Context } from "hono";
import {
  facetCount,
  facetTerm,
  isQueryProblem,
  pageCount,
  paginate,
  parseQuery,
  searchPage,
  SLUG_RE,
} from "../content/index.ts";
import type { AppEnv } from "../env.ts";
import { badParam, problem, textParam } from "../http/index.ts";
import { MIME } from "../mime.ts";
import { LIMIT_DEFAULT, LIMIT_MAX, openApiDocument } from "../render/api/openapi.ts";
import {
  articleJson,
  categoriesJson,
  json,
  linkHeader,
  listJson,
  searchJson,
  siteJson,
  tagsJson,
} from "../render/api/views.ts";
import { lastModifiedOf } from "../serving/index.ts";
import type { RouteContext } from "./context.ts";

export function apiRoutes({ store, clock, serve }: RouteContext) {
  const site = store.site;
  const slugs = site.categories.map((c) => c.slug);
  const categoryParam = (category: string | undefined) => {
    if (category !== undefined && !slugs.includes(category)) {
      badParam("category", `must be a category slug; "${category}" is not one.`, slugs);
    }
    return category;
  };
  const staticJson = (c: Context<AppEnv>, path: string, value: () => unknown) =>
    serve(c, { kind: "api", format: "json", path, render: () => ({ body: json(value()), type: MIME.json }) });

  return new Hono<AppEnv>()
    .get("/api/v1/articles", async (c) => {
      const page = intParam("page", c.req.query("page"), 1, 1_000_000_000);
      const limit = intParam("limit", c.req.query("limit"), LIMIT_DEFAULT, LIMIT_MAX);
      const category = categoryParam(c.req.query("category"));
      const tag = c.req.query("tag");
      if (tag !== undefined && (tag === "" || tag.length > 100))
        badParam("tag", "must be a tag of the site (see /api/v1/tags).");
      const year = optionalInt("year", c.req.query("year"), 1000, 9999);
      const month = optionalInt("month", c.req.query("month"), 1, 12);
      if (month !== undefined && year === undefined) badParam("month", "needs year: e.g. ?year=2024&month=6.");
      const now = clock();
      const counts = tag !== undefined || year !== undefined ? await store.facets(now) : undefined;
      if (tag !== undefined && (!counts || facetCount(counts, { tag }) === 0)) {
        problem(404, `No published article has the tag "${tag}". See ${site.origin}/api/v1/tags.`);
      }
      // Filters beyond the category are facets of the search index. One of them alone is counted
      // from the facets file; a combination needs the postings intersected.
      const facets = [
        ...(tag !== undefined ? [facetTerm.tag(tag)] : []),
        ...(year !== undefined ? [month !== undefined ? facetTerm.month(year, month) : facetTerm.year(year)] : []),
      ];
      if (facets.length && category) facets.push(facetTerm.category(category));
      const single =
        facets.length === 1 && counts
          ? facetCount(counts, tag !== undefined ? { tag } : { year: year!, ...(month !== undefined ? { month } : {}) })
          : undefined;
      const total = !facets.length
        ? store.count(now, category)
        : (single ?? (await store.facet(facets, now, { offset: 0, limit: 0 })).total);
      const found = paginate(total, page, limit);
      if (!found) problem(404, `Page ${page} is past the last page (${pageCount(total, limit)}) for limit=${limit}.`);
      const filters = { category, tag, year, month };
      const href = (n: number) => `${site.origin}/api/v1/articles?${query({ page: n, limit, ...filters })}`;
      const meta = { page, limit, total: found.total, pages: found.pages };
      return serve(
        c,
        {
          kind: "api",
          format: "json",
          path: "/api/v1/articles",
          params: { page, limit, ...filters },
          headers: [["link", linkHeader(meta, href)]],
          render: async () => {
            const window = { offset: found.offset, limit };
            const items = facets.length
              ? (await store.facet(facets, now, window)).entries
              : await store.list(now, { category, ...window });
            return {
              body: json(listJson(items, meta, href, site)),
              type: MIME.json,
              lastModified: lastModifiedOf(items),
            };
          },
        },
        now,
      );
    })
    .get("/api/v1/search", (c) => {
      const raw = (textParam(c.req.url, "q") ?? "").trim();
      if (raw === "") badParam("q", "is required: the words to search for, e.g. ?q=陶瓷.");
      const parsed = parseQuery(raw);
      if (isQueryProblem(parsed)) badParam("q", `${parsed.message}.`);
      const page = intParam("page", c.req.query("page"), 1, 1_000_000_000);
      const limit = intParam("limit", c.req.query("limit"), LIMIT_DEFAULT, LIMIT_MAX);
      const category = categoryParam(c.req.query("category"));
      const now = clock();
      const href = (n: number) => `${site.origin}/api/v1/search?${query({ q: raw, page: n, limit, category })}`;
      return serve(
        c,
        {
          kind: "api",
          format: "json",
          path: "/api/v1/search",
          params: { q: parsed.key, page, limit, category },
          shared: false,
          render: async () => {
            const window = { category, offset: (page - 1) * limit, limit };
            const { total, results } = await searchPage(store, parsed, now, window);
            const found = paginate(total, page, limit);
            if (!found)
              problem(404, `Page ${page} is past the last page (${pageCount(total, limit)}) for limit=${limit}.`);
            const meta = { page, limit, total, pages: found.pages, query: parsed.key, dropped_terms: parsed.dropped };
            return { body: json(searchJson(results, meta, href, site)), type: MIME.json };
          },
        },
        now,
      );
    })
    .get("/api/v1/tags", (c) => {
      const now = clock();
      return serve(
        c,
        {
          kind: "api",
          format: "json",
          path: "/api/v1/tags",
          render: async () => {
            const facets = (await store.facets(now)) ?? problem(503, "The tag index is unavailable; try again later.");
            return { body: json(tagsJson(facets.tags, site)), type: MIME.json };
          },
        },
        now,
      );
    })
    .get("/api/v1/articles/:slug", (c) => {
      const now = clock();
      const slug = c.req.param("slug");
      const missing = () => problem(404, `No published article has the slug "${slug}".`);
      if (!SLUG_RE.test(slug)) missing();
      return serve(
        c,
        {
          kind: "api",
          format: "json",
          path: `/api/v1/articles/${slug}`,
          render: async () => {
            const article = (await store.article(slug, now)) ?? missing();
            return { body: json(articleJson(article, site)), type: MIME.json, lastModified: lastModifiedOf([article]) };
          },
        },
        now,
      );
    })
    .get("/api/v1/categories", (c) => {
      const now = clock();
      return serve(
        c,
        {
          kind: "api",
          format: "json",
          path: "/api/v1/categories",
          render: () => {
            const counts = new Map(site.categories.map((cat) => [cat.slug, store.count(now, cat.slug)]));
            return { body: json(categoriesJson(site, counts)), type: MIME.json };
          },
        },
        now,
      );
    })
    .get("/api/v1/site", (c) => staticJson(c, "/api/v1/site", () => siteJson(site)))
    .get("/api/v1", (c) => staticJson(c, "/api/v1", () => siteJson(site).api))
    .get("/api/v1/openapi.json", (c) => staticJson(c, "/api/v1/openapi.json", () => openApiDocument(site)))
    .get("/api/*", (c) => problem(404, `No API resource at ${c.req.path}. See ${site.origin}/api/v1/openapi.json.`));
}

/** URLSearchParams of the defined values (links keep the request's filters, in one order). */
function query(params: Record<string, string | number | undefined>): URLSearchParams {
  return new URLSearchParams(
    Object.entries(params).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)] as [string, string]])),
  );
}

/** An optional whole number within [min, max], or undefined when absent. */
function optionalInt(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[0-9]{1,4}$/.test(value) || Number(value) < min || Number(value) > max)
    badParam(name, `must be a whole number from ${min} to ${max}; got "${value}".`);
  return Number(value);
}

/** An optional positive integer query parameter within [1, max]. */
function intParam(name: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (!/^[0-9]{1,10}$/.test(value)) badParam(name, `must be a whole number from 1 to ${max}; got "${value}".`);
  const n = Number(value);
  if (n < 1 || n > max) badParam(name, `must be from 1 to ${max}; got ${n}.`);
  return n;
}
