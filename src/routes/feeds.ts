/**
 * Feeds: /feed.xml, /atom.xml, /feed.json and the same under /categories/:slug/. They always
 * answer with the feed, whatever `Accept` says (readers send text/html too), so nothing varies.
 * `?page=N` (N ≥ 2) are the older pages of a paged feed (RFC 5005 §3); other parameters are ignored
 * and never reach the cache key.
 */
import { Hono, type Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { Article, NavCategory } from "../content/index.ts";
import type { AppEnv } from "../env.ts";
import { renderFeedsPage } from "../render/index.ts";
import { HTML } from "./articles.ts";
import {
  FEED_FILES,
  FEED_TYPES,
  renderAtom,
  renderJsonFeed,
  renderRss,
  type FeedFormat,
  type FeedView,
} from "../render/feeds/index.ts";
import { lastModifiedOf, type Serve, type Services } from "./services.ts";

const RENDERERS = { rss: renderRss, atom: renderAtom, json: renderJsonFeed } as const;

export function feedRoutes({ store, clock }: Services, serve: Serve) {
  const site = store.model.site;

  const feed = async (c: Context<AppEnv>, format: FeedFormat, category?: NavCategory): Promise<Response> => {
    const page = parseFeedPage(c.req.query("page"));
    const now = clock();
    const published = store.published(now);
    const all = category ? published.filter((a) => a.category === category.slug) : published;
    const pages = Math.max(1, Math.ceil(all.length / site.feedSize));
    if (page > pages)
      throw new HTTPException(404, { res: plain(404, `Feed page ${page} does not exist (last page: ${pages}).`) });
    const base = category ? `/categories/${category.slug}` : "";
    return serve(
      c,
      {
        kind: "feed",
        format,
        path: `${base}/${FEED_FILES[format]}`,
        params: page > 1 ? { page } : undefined,
        render: () => {
          const articles = all.slice((page - 1) * site.feedSize, page * site.feedSize);
          const view: FeedView = {
            id: site.feedIds[category?.slug ?? "all"]!,
            title: category ? `${site.name} - ${category.name}` : site.name,
            description: category ? `${site.name}「${category.name}」栏目的文章。` : site.description,
            base,
            articles,
            page,
            pages,
            updated: newest(articles) ?? newest(published) ?? "1970-01-01T00:00:00+00:00",
          };
          return {
            body: RENDERERS[format](view, site),
            type: FEED_TYPES[format],
            lastModified: lastModifiedOf(articles),
          };
        },
      },
      now,
    );
  };

  const category = (slug: string) => {
    const found = store.category(slug);
    if (!found) throw new HTTPException(404, { res: plain(404, `No category "${slug}".`) });
    return found;
  };

  const app = new Hono<AppEnv>();
  app.get("/feeds", (c) =>
    serve(c, {
      kind: "page",
      format: "html",
      path: "/feeds",
      render: () => ({ body: renderFeedsPage(site), type: HTML }),
    }),
  );
  for (const [format, file] of Object.entries(FEED_FILES) as [FeedFormat, string][]) {
    app.get(`/${file}`, (c) => feed(c, format));
    app.get(`/categories/:slug/${file}`, (c) => feed(c, format, category(c.req.param("slug"))));
  }
  return app;
}

/** The newest date an article of `articles` carries (RFC 3339, as written in the content). */
function newest(articles: readonly Article[]): string | undefined {
  let best: string | undefined;
  for (const a of articles) {
    for (const iso of [a.updated, a.published.kind === "exact" ? a.published.iso : undefined]) {
      if (iso && (!best || Date.parse(iso) > Date.parse(best))) best = iso;
    }
  }
  return best;
}

function parseFeedPage(value: string | undefined): number {
  if (value === undefined) return 1;
  if (!/^[1-9][0-9]{0,8}$/.test(value)) {
    throw new HTTPException(400, {
      res: plain(400, `Invalid page "${value}": page must be a positive integer, e.g. ?page=2.`),
    });
  }
  return Number(value);
}

/** Errors on feed URLs are short text: readers log them, people read them. */
function plain(status: number, message: string): Response {
  return new Response(`${message}\n`, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "public, max-age=60" },
  });
}
