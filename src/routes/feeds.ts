/**
 * Feeds: /feed.xml, /atom.xml, /feed.json and the same under /categories/:slug/. They always
 * answer with the feed, whatever `Accept` says (readers send text/html too), so nothing varies.
 * `?page=N` (N ≥ 2) are the older pages of a paged feed (RFC 5005 §3); other parameters are ignored
 * and never reach the cache key. Errors are short text: readers log them, people read them.
 */
import { Hono, type Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { newestChange, pageCount, paginate, parsePageNumber, type NavCategory } from "../content/index.ts";
import type { AppEnv } from "../env.ts";
import { plainResponse } from "../http/index.ts";
import { MIME } from "../mime.ts";
import {
  FEED_FORMAT_LIST,
  FEED_FORMATS,
  feedBase,
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

export function feedRoutes({ store, clock, serve }: RouteContext) {
  const site = store.site;

  const feed = async (c: Context<AppEnv>, format: FeedFormat, category?: NavCategory): Promise<Response> => {
    const param = c.req.query("page");
    const page = param === undefined ? 1 : parsePageNumber(param);
    if (page === undefined) feedError(400, `Invalid page "${param}": page must be a positive integer, e.g. ?page=2.`);
    const now = clock();
    const total = store.count(now, category?.slug);
    const found = paginate(total, page, site.feedSize);
    if (!found) feedError(404, `Feed page ${page} does not exist (last page: ${pageCount(total, site.feedSize)}).`);
    const base = feedBase(category?.slug);
    return serve(
      c,
      {
        kind: "feed",
        format,
        path: `${base}/${FEED_FORMATS[format].file}`,
        params: page > 1 ? { page } : undefined,
        render: async () => {
          const entries = await store.list(now, { category: category?.slug, ...found });
          const articles = await store.articles(entries);
          // A feed's own date is its newest item's; an empty one takes the site's newest.
          const newest =
            newestChange(entries) ?? newestChange(await store.list(now, { offset: 0, limit: site.feedSize }));
          const view: FeedView = {
            id: site.feedIds[category?.slug ?? "all"]!,
            title: category ? `${site.name} - ${category.name}` : site.name,
            description: category ? `${site.name}「${category.name}」栏目的文章。` : site.description,
            base,
            articles,
            page,
            pages: found.pages,
            updated: newest ?? "1970-01-01T00:00:00+00:00",
          };
          return {
            body: RENDERERS[format](view, site),
            type: FEED_FORMATS[format].type,
            lastModified: lastModifiedOf(entries),
          };
        },
      },
      now,
    );
  };

  const category = (slug: string) => store.category(slug) ?? feedError(404, `No category "${slug}".`);

  const app = new Hono<AppEnv>();
  app.get("/feeds", (c) =>
    serve(c, {
      kind: "page",
      format: "html",
      path: "/feeds",
      render: () => ({ body: renderFeedsPage(site), type: MIME.html }),
    }),
  );
  for (const format of FEED_FORMAT_LIST) {
    const file = FEED_FORMATS[format].file;
    app.get(`/${file}`, (c) => feed(c, format));
    app.get(`/categories/:slug/${file}`, (c) => feed(c, format, category(c.req.param("slug"))));
  }
  return app;
}
