/** /sitemap.xml and /robots.txt, through the render cache like every route. */
import { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { MIME } from "../mime.ts";
import { renderRobots, renderSitemap } from "../render/crawlers.ts";
import { lastModifiedOf } from "../serving/index.ts";
import type { RouteContext } from "./context.ts";

export function crawlerRoutes({ store, clock, serve }: RouteContext) {
  const site = store.model.site;
  return new Hono<AppEnv>()
    .get("/sitemap.xml", (c) => {
      const now = clock();
      return serve(
        c,
        {
          kind: "feed",
          format: "sitemap",
          path: "/sitemap.xml",
          render: () => {
            const articles = store.published(now);
            return { body: renderSitemap(articles, site), type: MIME.xml, lastModified: lastModifiedOf(articles) };
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
