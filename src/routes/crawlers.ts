/** /sitemap.xml and /robots.txt, through the render cache like every route. */
import { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { renderRobots, renderSitemap } from "../render/crawlers.ts";
import { lastModifiedOf, type Serve, type Services } from "./services.ts";

export function crawlerRoutes({ store, clock }: Services, serve: Serve) {
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
            return {
              body: renderSitemap(articles, site),
              type: "application/xml; charset=utf-8",
              lastModified: lastModifiedOf(articles),
            };
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
        render: () => ({ body: renderRobots(site), type: "text/plain; charset=utf-8" }),
      }),
    );
}
