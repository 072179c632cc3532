/**
 * Lists: `/` and `/page/:n` (latest articles), a category (`/categories/:slug`), a tag
 * (`/tags/:tag`), an archive year or month (`/archive/:year`, `/archive/:year/:month`), each with
 * `/page/:n`; and the indexes `/tags` (every tag with its count) and `/archive` (按年/按月归档).
 * A malformed page number, year or month is a 400 naming it; a page past the last, an unknown tag or
 * a month without articles is a 404; `/page/1` and a month written without its zero redirect to
 * the canonical URL. Counts come from the manifest (site, categories) or the facets file (tags,
 * months); a page's entries are read only when it is rendered.
 */
import { Hono, type Context } from "hono";
import { HTTPException } from "hono/http-exception";
import {
  facetCount,
  facetTerm,
  foldText,
  paginate,
  parsePageNumber,
  type Listed,
  type VisibleFacets,
} from "../content/index.ts";
import type { AppEnv } from "../env.ts";
import { redirect } from "../http/index.ts";
import { MIME } from "../mime.ts";
import {
  archiveCollection,
  categoryCollection,
  renderArchiveIndex,
  renderListing,
  renderTagIndex,
  tagCollection,
  tagHref,
  type Collection,
} from "../render/index.ts";
import { lastModifiedOf } from "../serving/index.ts";
import type { RouteContext } from "./context.ts";

/** What a list page lists. */
interface ListSource {
  /** The list's path ("" for the home page); page n is `${base}/page/${n}`. */
  base: string;
  collection?: Collection;
  count: (now: number) => number | Promise<number>;
  list: (now: number, window: { offset: number; limit: number }) => Promise<Listed[]>;
}

export function pageRoutes({ store, clock, serve }: RouteContext) {
  const site = store.site;

  const list = async (c: Context<AppEnv>, pageParam: string | undefined, source: ListSource): Promise<Response> => {
    const href = (n: number) => (n === 1 ? source.base || "/" : `${source.base}/page/${n}`);
    const page = pageParam === undefined ? 1 : parsePageNumber(pageParam);
    if (page === undefined) {
      throw new HTTPException(400, { message: `页码 "${pageParam}" 无效:page 必须是正整数,例如 /page/2。` });
    }
    if (page === 1 && pageParam !== undefined) return redirect(href(1));
    const now = clock();
    const found = paginate(await source.count(now), page, site.pageSize);
    if (!found) throw new HTTPException(404, { message: `page ${page} does not exist` });
    return serve(
      c,
      {
        kind: "page",
        format: "html",
        path: href(page),
        render: async () => {
          const articles = await source.list(now, found);
          const view = {
            ...found,
            articles,
            collection: source.collection,
            href,
            previewAt: store.preview ? now : undefined,
          };
          return { body: renderListing(view, site), type: MIME.html, lastModified: lastModifiedOf(articles) };
        },
      },
      now,
    );
  };

  const home: ListSource = {
    base: "",
    count: (now) => store.count(now),
    list: (now, window) => store.list(now, window),
  };

  const category = (slug: string): ListSource => {
    const found = store.category(slug);
    if (!found) throw new HTTPException(404, { message: `no category ${slug}` });
    return {
      base: `/categories/${found.slug}`,
      collection: categoryCollection(found, site),
      count: (now) => store.count(now, found.slug),
      list: (now, window) => store.list(now, { category: found.slug, ...window }),
    };
  };

  const facets = async (now: number): Promise<VisibleFacets> => {
    const found = await store.facets(now);
    if (!found) throw new Error("the facets file of the content store is missing or corrupt");
    return found;
  };

  const facetSource = (base: string, collection: Collection, terms: string[], count: (f: VisibleFacets) => number) => ({
    base,
    collection,
    count: async (now: number) => count(await facets(now)),
    list: async (now: number, window: { offset: number; limit: number }) =>
      (await store.facet(terms, now, window)).entries,
  });

  /** A tag's list; a tag spelled differently (Traditional, full-width) redirects to the one in use. */
  const tag = async (c: Context<AppEnv>, name: string, pageParam?: string): Promise<Response> => {
    const now = clock();
    const tags = (await facets(now)).tags;
    if (!tags.some((t) => t.name === name)) {
      const folded = foldText(name);
      const same = tags.find((t) => foldText(t.name) === folded);
      if (same) return redirect(`${tagHref(same.name)}${pageParam ? `/page/${pageParam}` : ""}`);
      throw new HTTPException(404, { message: `no tag ${name}` });
    }
    const source = facetSource(tagHref(name), tagCollection(name, site), [facetTerm.tag(name)], (f) =>
      facetCount(f, { tag: name }),
    );
    return list(c, pageParam, source);
  };

  const archive = async (c: Context<AppEnv>, yearParam: string, monthParam?: string, pageParam?: string) => {
    const year = /^[0-9]{4}$/.test(yearParam) ? Number(yearParam) : undefined;
    if (year === undefined || year < 1000) {
      throw new HTTPException(400, { message: `年份 "${yearParam}" 无效:应为四位数字,例如 /archive/2024。` });
    }
    const month = monthParam === undefined ? undefined : /^[0-9]{1,2}$/.test(monthParam) ? Number(monthParam) : 0;
    if (month !== undefined && (month < 1 || month > 12)) {
      throw new HTTPException(400, {
        message: `月份 "${monthParam}" 无效:应为 01 到 12,例如 /archive/${year}/06。`,
      });
    }
    const mm = month === undefined ? "" : String(month).padStart(2, "0");
    if (month !== undefined && monthParam !== mm) {
      return redirect(`/archive/${year}/${mm}${pageParam ? `/page/${pageParam}` : ""}`);
    }
    const base = month === undefined ? `/archive/${year}` : `/archive/${year}/${mm}`;
    const source = facetSource(
      base,
      archiveCollection(year, month, site),
      [month === undefined ? facetTerm.year(year) : facetTerm.month(year, month)],
      (f) => facetCount(f, { year, ...(month !== undefined ? { month } : {}) }),
    );
    if (pageParam === undefined && (await source.count(clock())) === 0) {
      throw new HTTPException(404, { message: `no articles in ${base}` });
    }
    return list(c, pageParam, source);
  };

  const index = (c: Context<AppEnv>, path: string, render: (f: VisibleFacets) => string) => {
    const now = clock();
    return serve(
      c,
      {
        kind: "page",
        format: "html",
        path,
        render: async () => ({ body: render(await facets(now)), type: MIME.html }),
      },
      now,
    );
  };

  return new Hono<AppEnv>()
    .get("/", (c) => list(c, undefined, home))
    .get("/page/:n", (c) => list(c, c.req.param("n"), home))
    .get("/categories/:slug", (c) => list(c, undefined, category(c.req.param("slug"))))
    .get("/categories/:slug/page/:n", (c) => list(c, c.req.param("n"), category(c.req.param("slug"))))
    .get("/tags", (c) => index(c, "/tags", (f) => renderTagIndex(f, site)))
    .get("/tags/:tag", (c) => tag(c, c.req.param("tag")))
    .get("/tags/:tag/page/:n", (c) => tag(c, c.req.param("tag"), c.req.param("n")))
    .get("/archive", (c) => index(c, "/archive", (f) => renderArchiveIndex(f, site)))
    .get("/archive/:year", (c) => archive(c, c.req.param("year")))
    .get("/archive/:year/page/:n", (c) => archive(c, c.req.param("year"), undefined, c.req.param("n")))
    .get("/archive/:year/:month", (c) => archive(c, c.req.param("year"), c.req.param("month")))
    .get("/archive/:year/:month/page/:n", (c) =>
      archive(c, c.req.param("year"), c.req.param("month"), c.req.param("n")),
    );
}
