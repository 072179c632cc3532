/** /articles/:slug — one article page. */
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentStore } from "../content/index.ts";
import type { AppEnv } from "../env.ts";
import { renderArticle } from "../render/index.ts";
import type { Clock } from "../clock.ts";

export function articleRoutes(store: ContentStore, clock: Clock) {
  return new Hono<AppEnv>().get("/articles/:slug", (c) => {
    const article = store.bySlug(c.req.param("slug"), clock());
    if (!article) throw new HTTPException(404, { message: "no such article" });
    return c.html(renderArticle(article, store.model.site));
  });
}
