/**
 * The JSON API for embedding sites, /api/v1 (contract: /api/v1/openapi.json). Parameters are
 * validated strictly (a bad one is a 400 problem naming it and the allowed values) and only their
 * canonical values reach the cache key.
 */
import { Hono, type Context } from "hono";
import { pageCount, paginate, SLUG_RE } from "../content/index.ts";
import type { AppEnv } from "../env.ts";
import { badParam, problem } from "../http/index.ts";
import { MIME } from "../mime.ts";
import { LIMIT_DEFAULT, LIMIT_MAX, openApiDocument } from "../render/api/openapi.ts";
import { articleJson, categoriesJson, json, linkHeader, listJson, siteJson } from "../render/api/views.ts";
import { lastModifiedOf } from "../serving/index.ts";
import type { RouteContext } from "./context.ts";

export function apiRoutes({ store, clock, serve }: RouteContext) {
  const site = store.site;
  const slugs = site.categories.map((c) => c.slug);
  const staticJson = (c: Context<AppEnv>, path: string, value: () => unknown) =>
    serve(c, { kind: "api", format: "json", path, render: () => ({ body: json(value()), type: MIME.json }) });

  return new Hono<AppEnv>()
    .get("/api/v1/articles", (c) => {
      const page = intParam("page", c.req.query("page"), 1, 1_000_000_000);
      const limit = intParam("limit", c.req.query("limit"), LIMIT_DEFAULT, LIMIT_MAX);
      const category = c.req.query("category");
      if (category !== undefined && !slugs.includes(category)) {
        badParam("category", `must be a category slug; "${category}" is not one.`, slugs);
      }
      const now = clock();
      const total = store.count(now, category);
      const found = paginate(total, page, limit);
      if (!found) problem(404, `Page ${page} is past the last page (${pageCount(total, limit)}) for limit=${limit}.`);
      const href = (n: number) => {
        const q = new URLSearchParams({ page: String(n), limit: String(limit), ...(category ? { category } : {}) });
        return `${site.origin}/api/v1/articles?${q}`;
      };
      const meta = { page, limit, total: found.total, pages: found.pages };
      return serve(
        c,
        {
          kind: "api",
          format: "json",
          path: "/api/v1/articles",
          params: { page, limit, category },
          headers: [["link", linkHeader(meta, href)]],
          render: async () => {
            const items = await store.list(now, { category, offset: found.offset, limit });
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

/** An optional positive integer query parameter within [1, max]. */
function intParam(name: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (!/^[0-9]{1,10}$/.test(value)) badParam(name, `must be a whole number from 1 to ${max}; got "${value}".`);
  const n = Number(value);
  if (n < 1 || n > max) badParam(name, `must be from 1 to ${max}; got ${n}.`);
  return n;
}
