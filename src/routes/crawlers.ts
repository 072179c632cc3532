/**
 * /sitemap.xml (an index), its children /sitemaps/pages.xml and /sitemaps/articles-<n>.xml, and
 * /robots.txt, through the render cache like every route. The index needs no I/O: the store knows
 * how many children there are; a child reads one sitemap file of the store when rendered.
 */
import { Hono } from "hono";
import { parsePageNumber, paths, valueOr } from "../content/index.ts";
import type { AppEnv } from "../env.ts";
import { MIME } from "../mime.ts";
import { renderRobots, renderSitemapIndex, renderUrlset, sitePages } from "../render/crawlers.ts";
import { indexingConfig } from "../outbound/indexing.ts";
import { plainResponse, surface } from "../http/index.ts";
import { cacheTag } from "../serving/index.ts";
import { withFacets, type RouteContext } from "./context.ts";

export function crawlerRoutes({ content, serve }: RouteContext) {
  const site = content.site;
  return (
    new Hono<AppEnv>()
      .get(paths.sitemap, (c) =>
        serve(c, {
          policy: "feed",
          format: "sitemap",
          path: paths.sitemap,
          tags: [],
          render: () => {
            const children = [{ path: paths.pagesSitemap }];
            for (let n = 1; n <= content.sitemaps(); n++) children.push({ path: paths.articlesSitemap(n) });
            return { body: renderSitemapIndex(children, site), type: MIME.xml };
          },
        }),
      )
      .get(paths.pagesSitemap, (c) =>
        serve(c, {
          policy: "feed",
          format: "sitemap",
          path: paths.pagesSitemap,
          tags: [cacheTag.tagList, cacheTag.archiveList],
          // Without the facets file the tag and archive pages are left out, for a minute at most.
          render: withFacets(content, c.var.now, (facets) => ({
            body: renderUrlset(sitePages(site, facets), site),
            type: MIME.xml,
          })),
        }),
      )
      .get("/sitemaps/:file", surface("page"), (c) => {
        const n = parsePageNumber(/^articles-(\d+)\.xml$/.exec(c.req.param("file"))?.[1] ?? "");
        if (n === undefined || n > content.sitemaps()) return c.var.fail.notFound("no such sitemap");
        return serve(c, {
          policy: "feed",
          format: "sitemap",
          path: paths.articlesSitemap(n),
          tags: [cacheTag.sitemap(n - 1)],
          render: async () => {
            const entries = valueOr((await content.sitemap(n - 1, c.var.now))!, []);
            const urls = entries.value.map((e) => ({ path: paths.article(e.slug), lastmod: e.lastmod }));
            return { body: renderUrlset(urls, site), type: MIME.xml, faults: entries.faults };
          },
        });
      })
      // IndexNow's key file (src/outbound/indexing.ts): the key itself, at /<key>.txt, when one is set.
      // Any other name goes on to the old URLs (app.ts notFound: an alias such as
      // /old-readme-file.txt, else the 404 page), so only the key's own name is taken (issue 29);
      // `npm run check` refuses an alias on the key's name (scripts/deploy/key-file-aliases.ts).
      .get("/:file{[a-zA-Z0-9-]{8,128}\\.txt}", (c, next) => {
        const key = indexingConfig(c.env).indexNowKey;
        if (!key || c.req.path !== paths.keyFile(key)) return next();
        return plainResponse("page", 200, key, MIME.text, "ok");
      })
      .get(paths.robots, (c) =>
        serve(c, {
          policy: "page",
          format: "text",
          path: paths.robots,
          tags: [],
          render: () => ({ body: renderRobots(site), type: MIME.text }),
        }),
      )
  );
}
