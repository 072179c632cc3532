/**
 * /sitemap.xml (an index), its children /sitemaps/pages.xml and /sitemaps/articles-<n>.xml, and
 * /robots.txt, through the render cache like every route. The index needs no I/O: the store knows
 * how many children there are; a child reads one sitemap file of the store when rendered.
 */
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { parsePageNumber } from "../content/index.ts";
import type { AppEnv } from "../env.ts";
import { MIME } from "../mime.ts";
import { renderRobots, renderSitemapIndex, renderUrlset, sitePages } from "../render/crawlers.ts";
import type { RouteContext } from "./context.ts";

export function crawlerRoutes({ store, clock, serve }: RouteContext) {
  const site = store.site;
  return new Hono<AppEnv>()
    .get("/sitemap.xml", (c) =>
      serve(c, {
        kind: "feed",
        format: "sitemap",
        path: "/sitemap.xml",
        render: () => {
          const children = [{ path: "/sitemaps/pages.xml" }];
          for (let n = 1; n <= store.sitemaps(); n++) children.push({ path: `/sitemaps/articles-${n}.xml` });
          return { body: renderSitemapIndex(children, site), type: MIME.xml };
        },
      }),
    )
    .get("/sitemaps/pages.xml", (c) => {
      const now = clock();
      return serve(
        c,
        {
          kind: "feed",
          format: "sitemap",
          path: "/sitemaps/pages.xml",
          render: async () => ({ body: renderUrlset(sitePages(site, await store.facets(now)), site), type: MIME.xml }),
        },
        now,
      );
    })
    .get("/sitemaps/:file", (c) => {
      const n = parsePageNumber(/^articles-(\d+)\.xml$/.exec(c.req.param("file"))?.[1] ?? "");
      if (n === undefined || n > store.sitemaps()) throw new HTTPException(404, { message: "no such sitemap" });
      const now = clock();
      return serve(
        c,
        {
          kind: "feed",
          format: "sitemap",
          path: `/sitemaps/articles-${n}.xml`,
          render: async () => {
            const entries = (await store.sitemap(n - 1, now)) ?? [];
            const urls = entries.map((e) => ({ path: `/articles/${e.slug}`, lastmod: e.lastmod }));
            return { body: renderUrlset(urls, site), type: MIME.xml };
          },
        },
        now,
      );
    })
    .get("/robots.txt", (c) =>
      serve(c, {
        kind: "page",
        format: "text",
        path: "/robots.txt",
        render: () => ({ body: renderRobots(site), type: MIME.text }),
      }),
    );
}
