/**
 * Feeds: /feed.xml, /atom.xml, /feed.json and the same under /categories/:slug/ and /tags/:tag/
 * (the lists of sources.ts). They always answer with the feed, whatever `Accept` says (readers
 * send text/html too), so nothing varies. `?page=N` (N ≥ 2) are the older pages of a paged feed
 * (RFC 5005 §3), `&part=K` the later parts of a page split to stay within the byte budget; other
 * parameters are ignored and never reach the cache key. Errors are short text: readers log them,
 * people read them.
 */
import { Hono } from "hono";
import {
  feedPaging,
  feedParts,
  type Listed,
  newestChange,
  pageCount,
  paginate,
  paths,
  RANGES,
  type StoreFault,
} from "../content/index.ts";
import type { AppEnv } from "../env.ts";
import { surface, wholeParam } from "../http/index.ts";
import { MIME } from "../mime.ts";
import {
  FEED_FORMAT_LIST,
  FEED_FORMATS,
  renderAtom,
  renderJsonFeed,
  renderRss,
  type FeedFormat,
  type FeedView,
} from "../render/feeds/index.ts";
import { renderFeedsPage } from "../render/index.ts";
import { cacheTag, lastModifiedOf } from "../serving/index.ts";
import { withFacets, type RouteContext, type RouteCtx } from "./context.ts";
import { listSources, type ListSource } from "./sources.ts";

const RENDERERS = { rss: renderRss, atom: renderAtom, json: renderJsonFeed } as const;

export function feedRoutes({ content, serve }: RouteContext) {
  const site = content.site;
  const sources = listSources(content);

  const feed = async (c: RouteCtx, format: FeedFormat, source: ListSource): Promise<Response> => {
    const fail = c.var.fail;
    const page = wholeParam(fail, "page", c.req.query("page"), RANGES.page);
    const part = wholeParam(fail, "part", c.req.query("part"), RANGES.part);
    const now = c.var.now;
    const counted = await source.count(now);
    const found = paginate(counted.total, page, site.feedSize);
    if (!found)
      return fail.notFound(`Feed page ${page} does not exist (last page: ${pageCount(counted.total, site.feedSize)}).`);
    const pages = found.pages;
    return serve(c, {
      policy: "feed",
      format,
      path: paths.feed(source.base, FEED_FORMATS[format].file),
      // An empty RSS or Atom feed takes its date from the latest articles: it changes with them
      // too. (JSON Feed 1.1 has no feed-level date.)
      tags: counted.total === 0 && format !== "json" ? [...source.tags, cacheTag.list("")] : source.tags,
      params: { page: page > 1 ? page : undefined, part: part > 1 ? part : undefined },
      render: async () => {
        const faults: StoreFault[] = [...counted.faults];
        const listOf = async (n: number) => {
          // Offsets come from paginate() alone; n is a page that exists (1 … pages).
          const listing = await source.list(now, paginate(counted.total, n, site.feedSize)!);
          faults.push(...listing.faults);
          return listing.entries;
        };
        // A page is a window of feedSize items; when its items would pass the byte budget it is
        // split into parts (content/pagination.ts), and the links walk every part in order.
        const partsOf = (entries: readonly Listed[]) => feedParts(entries.map((e) => e.feedBytes ?? 0));
        const entries = await listOf(page);
        const parts = partsOf(entries);
        if (part > parts.length) return fail.notFound(`Feed page ${page} has ${parts.length} part(s), not ${part}.`);
        const previous = part === 1 && page > 1 ? partsOf(await listOf(page - 1)).length : 0;
        const last = page === pages ? parts.length : partsOf(await listOf(pages)).length;
        const [start, end] = parts[part - 1]!;
        const mine = entries.slice(start, end);
        const read = await content.articles(mine);
        faults.push(...read.faults);
        // A feed's own date is its newest item's; an empty one takes the site's newest.
        let newest = newestChange(mine);
        if (newest === undefined) {
          const latest = await sources.home().list(now, { offset: 0, limit: site.feedSize });
          faults.push(...latest.faults);
          newest = newestChange(latest.entries);
        }
        const view: FeedView = {
          id: await source.feed.id(),
          title: source.feed.title,
          description: source.feed.description,
          base: source.base,
          articles: read.articles,
          paging: feedPaging({ page, part }, pages, { here: parts.length, previous, last }),
          updated: newest ?? "1970-01-01T00:00:00+00:00",
        };
        return {
          body: RENDERERS[format](view, site),
          type: FEED_FORMATS[format].servedAs,
          lastModified: lastModifiedOf(mine),
          faults,
        };
      },
    });
  };

  const section = (c: RouteCtx, slug: string): ListSource =>
    sources.section(slug) ?? c.var.fail.notFound(`No category "${slug}".`);

  const tag = async (c: RouteCtx, name: string): Promise<ListSource> => {
    const source = sources.tag(name);
    if ((await source.count(c.var.now)).total === 0) return c.var.fail.notFound(`No tag "${name}".`);
    return source;
  };

  const app = new Hono<AppEnv>();
  app.get("/feeds", (c) =>
    serve(c, {
      policy: "page",
      format: "html",
      path: "/feeds",
      tags: [cacheTag.tagList],
      // Without the facets file the page lists the site's and the sections' feeds only.
      render: withFacets(content, c.var.now, (facets) => ({
        body: renderFeedsPage(site, facets?.tags ?? []),
        type: MIME.html,
      })),
    }),
  );
  const onFeed = surface("feed");
  for (const format of FEED_FORMAT_LIST) {
    const file = FEED_FORMATS[format].file;
    app.get(paths.feed(paths.homeBase, file), onFeed, (c) => feed(c, format, sources.home()));
    app.get(`/categories/:slug/${file}`, onFeed, (c) => feed(c, format, section(c, c.req.param("slug"))));
    app.get(`/tags/:tag/${file}`, onFeed, async (c) => feed(c, format, await tag(c, c.req.param("tag"))));
  }
  return app;
}
