/** /articles/:slug — one article page. */
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "../env.ts";
import { MIME } from "../mime.ts";
import { renderArticle } from "../render/index.ts";
import { lastModifiedOf } from "../serving/index.ts";
import type { RouteContext } from "./context.ts";

export function articleRoutes({ store, clock, serve }: RouteContext) {
  return new Hono<AppEnv>().get("/articles/:slug", (c) => {
    const now = clock();
    const article = store.bySlug(c.req.param("slug"), now);
    if (!article) throw new HTTPException(404, { message: "no such article" });
    return serve(
      c,
      {
        kind: "page",
        format: "html",
        path: `/articles/${article.slug}`,
        render: () => {
          const published = store.published(now);
          const i = published.indexOf(article);
          // The list is newest first: the older article follows, the newer one precedes.
          const view = {
            article,
            older: published[i + 1],
            newer: i > 0 ? published[i - 1] : undefined,
            previewAt: store.preview ? now : undefined,
          };
          return {
            body: renderArticle(view, store.model.site),
            type: MIME.html,
            lastModified: lastModifiedOf([article]),
          };
        },
      },
      now,
    );
  });
}
