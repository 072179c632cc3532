/**
 * Feeds: /feed.xml, /atom.xml, /feed.json and the same under /categories/:slug/ and /tags/:tag/. They always
 * answer with the feed, whatever `Accept` says (readers send text/html too), so nothing varies.
 * `?page=N` (N ≥ 2) are the older pages of a paged feed (RFC 5005 §3), `&part=K` the later parts of
 * a page split to stay within the byte budget; other parameters are ignored and never reach the
 * cache key. Errors are short text: readers log them, people read them.
 */
import { Hono, type Context } from "hono";
import { HTTPException } from "hono/http-exception";
import {
  facetCount,
  facetTerm,
  feedId,
  feedIdName,
  feedPaging,
  feedParts,
  newestChange,
  pageCount,
  parsePageNumber,
  type Listed,
} from "../content/index.ts";
import type { AppEnv } from "../env.ts";
import { plainResponse } from "../http/index.ts";
import { MIME } from "../mime.ts";
import {
  FEED_FORMAT_LIST,
  FEED_FORMATS,
  feedBase,
  tagFeedBase,
  renderAtom,
  renderJsonFeed,
  renderRss,
  type FeedFormat,
  type FeedView,
} from "../render/feeds/index.ts";
import { renderFeedsPage } from "../render/index.ts";
import { lastModifiedOf } from "../serving/index.ts";
import type { RouteContext } from "./context.ts";

const RENDERERS = { rss: renderRss, atom: renderAtom, json: renderJsonFeed } as const;

/** A feed error, as text. */
function feedError(status: 400 | 404, message: string): never {
  throw new HTTPException(status, { res: plainResponse("feed", status, `${message}\n`, MIME.text) });
}

/** What a feed lists: the site's articles, a category's or a tag's. */
interface FeedSource {
  base: string;
  id: () => string | Promise<string>;
  title: string;
  description: string;
  count: (now: number) => number | Promise<number>;
  list: (now: number, window: { offset: number; limit: number }) => Promise<Listed[]>;
}

export function feedRoutes({ store, clock, serve }: RouteContext) {
  const site = store.site;

  const feed = async (c: Context<AppEnv>, format: FeedFormat, source: FeedSource): Promise<Response> => {
    const number = (name: string) => {
      const param = c.req.query(name);
      const n = param === undefined ? 1 : parsePageNumber(param);
      if (n === undefined)
        feedError(400, `Invalid ${name} "${param}": ${name} must be a positive integer, e.g. ?${name}=2.`);
      return n;
    };
    const page = number("page");
    const part = number("part");
    const now = clock();
    const total = await source.count(now);
    const pages = pageCount(total, site.feedSize);
    if (page > pages) feedError(404, `Feed page ${page} does not exist (last page: ${pages}).`);
    return serve(
      c,
      {
        kind: "feed",
        format,
        path: `${source.base}/${FEED_FORMATS[format].file}`,
        params: { page: page > 1 ? page : undefined, part: part > 1 ? part : undefined },
        render: async () => {
          // A page is a window of feedSize items; when its items would pass the byte budget it is
          // split into parts (content/pagination.ts), and the links walk every part in order.
          const window = (n: number) => ({ offset: (n - 1) * site.feedSize, limit: site.feedSize });
          const partsOf = (entries: readonly Listed[]) => feedParts(entries.map((e) => e.feedBytes ?? 0));
          const entries = await source.list(now, window(page));
          const parts = partsOf(entries);
          if (part > parts.length) feedError(404, `Feed page ${page} has ${parts.length} part(s), not ${part}.`);
          const previous = part === 1 && page > 1 ? partsOf(await source.list(now, window(page - 1))).length : 0;
          const last = page === pages ? parts.length : partsOf(await source.list(now, window(pages))).length;
          const [start, end] = parts[part - 1]!;
          const mine = entries.slice(start, end);
          const articles = await store.articles(mine);
          // A feed's own date is its newest item's; an empty one takes the site's newest.
          const newest = newestChange(mine) ?? newestChange(await store.list(now, { offset: 0, limit: site.feedSize }));
          const view: FeedView = {
            id: await source.id(),
            title: source.title,
            description: source.description,
            base: source.base,
            articles,
            paging: feedPaging({ page, part }, pages, { here: parts.length, previous, last }),
            updated: newest ?? "1970-01-01T00:00:00+00:00",
          };
          return {
            body: RENDERERS[format](view, site),
            type: FEED_FORMATS[format].servedAs,
            lastModified: lastModifiedOf(mine),
          };
        },
      },
      now,
    );
  };

  const all: FeedSource = {
    base: feedBase(),
    id: () => site.feedIds.all!,
    title: site.name,
    description: site.description,
    count: (now) => store.count(now),
    list: (now, window) => store.list(now, window),
  };

  const category = (slug: string): FeedSource => {
    const found = store.category(slug) ?? feedError(404, `No category "${slug}".`);
    return {
      base: feedBase(found.slug),
      id: () => site.feedIds[found.slug]!,
      title: `${site.name} - ${found.name}`,
      description: `${site.name}「${found.name}」栏目的文章。`,
      count: (now) => store.count(now, found.slug),
      list: (now, window) => store.list(now, { category: found.slug, ...window }),
    };
  };

  const facets = async (now: number) =>
    (await store.facets(now)) ?? feedError(404, "The tag index is unavailable; try again later.");

  const tag = async (name: string): Promise<FeedSource> => {
    if (facetCount(await facets(clock()), { tag: name }) === 0) feedError(404, `No tag "${name}".`);
    const term = [facetTerm.tag(name)];
    return {
      base: tagFeedBase(name),
      id: () => feedId(site.id, feedIdName.tag(name)),
      title: `${site.name} - 标签:${name}`,
      description: `${site.name}标有「${name}」的文章。`,
      count: async (now) => facetCount(await facets(now), { tag: name }),
      list: async (now, window) => (await store.facet(term, now, window)).entries,
    };
  };

  const app = new Hono<AppEnv>();
  app.get("/feeds", (c) => {
    const now = clock();
    return serve(
      c,
      {
        kind: "page",
        format: "html",
        path: "/feeds",
        render: async () => ({ body: renderFeedsPage(site, (await store.facets(now))?.tags ?? []), type: MIME.html }),
      },
      now,
    );
  });
  for (const format of FEED_FORMAT_LIST) {
    const file = FEED_FORMATS[format].file;
    app.get(`/${file}`, (c) => feed(c, format, all));
    app.get(`/categories/:slug/${file}`, (c) => feed(c, format, category(c.req.param("slug"))));
    app.get(`/tags/:tag/${file}`, async (c) => feed(c, format, await tag(c.req.param("tag"))));
  }
  return app;
}
