/**
 * Lists: `/` and `/page/:n` (latest articles), a section (`/categories/:slug`), a tag
 * (`/tags/:tag`), an archive year or month (`/archive/:year`, `/archive/:year/:month`), each with
 * `/page/:n`; and the indexes `/tags` (every tag with its count) and `/archive` (按年/按月归档).
 * A malformed page number, year or month is a 400 naming it; a page past the last, an unknown tag or
 * a period without articles is a 404; `/page/1` and a month written without its zero redirect to
 * the canonical URL, built from the parsed values only. What a list shows comes from sources.ts;
 * when the facets file is lost, the indexes say so and the lists count from the postings.
 */
import { Hono } from "hono";
import { foldText, paginate, paths, RANGES, type VisibleFacets } from "../content/index.ts";
import type { AppEnv } from "../env.ts";
import { redirect, surface, wholeParam } from "../http/index.ts";
import { MIME } from "../mime.ts";
import { renderArchiveIndex, renderListing, renderTagIndex, renderUnavailable } from "../render/index.ts";
import { cacheTag, lastModifiedOf } from "../serving/index.ts";
import { withFacets, type RouteContext, type RouteCtx } from "./context.ts";
import { listSources, type ListSource } from "./sources.ts";

export function pageRoutes({ content, serve }: RouteContext) {
  const site = content.site;
  const sources = listSources(content);

  /** The page number of a `/page/:n` segment (1 without one); a 400 naming it when malformed. */
  const pageOf = (c: RouteCtx, pageParam: string | undefined): number =>
    wholeParam(c.var.fail, "page", pageParam, RANGES.page);

  const list = async (c: RouteCtx, page: number, source: ListSource, written: boolean): Promise<Response> => {
    const href = (n: number) => paths.page(source.base, n);
    if (page === 1 && written) return redirect(href(1));
    const now = c.var.now;
    const counted = await source.count(now);
    const found = paginate(counted.total, page, site.pageSize);
    if (!found) return c.var.fail.notFound(`page ${page} does not exist`);
    return serve(c, {
      policy: "page",
      format: "html",
      path: href(page),
      tags: source.tags,
      render: async () => {
        const { entries, faults } = await source.list(now, found);
        const view = {
          ...found,
          articles: entries,
          collection: source.collection,
          href,
          previewAt: content.preview ? now : undefined,
        };
        return {
          body: renderListing(view, site),
          type: MIME.html,
          lastModified: lastModifiedOf(entries),
          faults: [...counted.faults, ...faults],
        };
      },
    });
  };

  const section = (c: RouteCtx, slug: string, pageParam?: string) => {
    const source = sources.section(slug) ?? c.var.fail.notFound(`no category ${slug}`);
    return list(c, pageOf(c, pageParam), source, pageParam !== undefined);
  };

  /** A tag's list; a tag spelled differently (Traditional, full-width) redirects to the one in use. */
  const tag = async (c: RouteCtx, name: string, pageParam?: string): Promise<Response> => {
    const page = pageOf(c, pageParam);
    const now = c.var.now;
    const facets = await content.facetCounts(now);
    if (facets.ok && !facets.value.tags.some((t) => t.name === name)) {
      const folded = foldText(name);
      const same = facets.value.tags.find((t) => foldText(t.name) === folded);
      if (same) return redirect(paths.page(paths.tag(same.name), page));
      return c.var.fail.notFound(`no tag ${name}`);
    }
    const source = sources.tag(name);
    // Without the facets file, the postings say whether the tag exists.
    if (!facets.ok && (await source.count(now)).total === 0) return c.var.fail.notFound(`no tag ${name}`);
    return list(c, page, source, pageParam !== undefined);
  };

  const archive = async (c: RouteCtx, yearParam: string, monthParam?: string, pageParam?: string) => {
    const year = wholeParam(c.var.fail, "year", yearParam, RANGES.year);
    // A month is written with two digits; 1 to 9 without the zero redirect to the canonical form.
    const month = wholeParam(c.var.fail, "month", monthParam, RANGES.monthSegment);
    const page = pageOf(c, pageParam);
    const source = sources.archive(year, month);
    if (month !== undefined && monthParam !== String(month).padStart(2, "0")) {
      return redirect(paths.page(source.base, page));
    }
    if (pageParam === undefined && (await source.count(c.var.now)).total === 0) {
      return c.var.fail.notFound(`no articles in ${source.base}`);
    }
    return list(c, page, source, pageParam !== undefined);
  };

  /**
   * An index of the facets file (every tag, every period), tagged with what it is derived from;
   * without the file, a page saying that `what` cannot be read now (a degraded answer, kept a
   * minute at most).
   */
  const index = (c: RouteCtx, path: string, tag: string, what: string, render: (f: VisibleFacets) => string) =>
    serve(c, {
      policy: "page",
      format: "html",
      path,
      tags: [tag],
      render: withFacets(content, c.var.now, (facets) => ({
        body: facets ? render(facets) : renderUnavailable(what, site),
        type: MIME.html,
      })),
    });

  const page = surface("page");
  return new Hono<AppEnv>()
    .get("/", page, (c) => list(c, 1, sources.home(), false))
    .get("/page/:n", page, (c) => list(c, pageOf(c, c.req.param("n")), sources.home(), true))
    .get("/categories/:slug", page, (c) => section(c, c.req.param("slug")))
    .get("/categories/:slug/page/:n", page, (c) => section(c, c.req.param("slug"), c.req.param("n")))
    .get("/tags", page, (c) => index(c, "/tags", cacheTag.tagIndex, "标签索引", (f) => renderTagIndex(f, site)))
    .get("/tags/:tag", page, (c) => tag(c, c.req.param("tag")))
    .get("/tags/:tag/page/:n", page, (c) => tag(c, c.req.param("tag"), c.req.param("n")))
    .get("/archive", page, (c) =>
      index(c, "/archive", cacheTag.archiveIndex, "归档索引", (f) => renderArchiveIndex(f, site)),
    )
    .get("/archive/:year", page, (c) => archive(c, c.req.param("year")))
    .get("/archive/:year/page/:n", page, (c) => archive(c, c.req.param("year"), undefined, c.req.param("n")))
    .get("/archive/:year/:month", page, (c) => archive(c, c.req.param("year"), c.req.param("month")))
    .get("/archive/:year/:month/page/:n", page, (c) =>
      archive(c, c.req.param("year"), c.req.param("month"), c.req.param("n")),
    );
}
