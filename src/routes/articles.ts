/**
 * /articles/:slug — one article page. The key needs only the slug (checked against the slug rule),
 * so a cached page is served without touching the store; the article and its neighbours are read
 * when the page is rendered, and an unknown or not-yet-visible slug is a 404 then.
 */
import { Hono } from "hono";
import { paths } from "../content/index.ts";
import type { AppEnv } from "../env.ts";
import { surface } from "../http/index.ts";
import { MIME } from "../mime.ts";
import { renderArticle } from "../render/index.ts";
import { cacheTag, relatedTags } from "../serving/index.ts";
import type { RouteContext } from "./context.ts";
import { articleFinder } from "./sources.ts";

/** How many related articles an article page lists. */
const RELATED = 5;

export function articleRoutes(routes: RouteContext) {
  const { content } = routes;
  const articles = articleFinder(routes);
  return new Hono<AppEnv>().get("/articles/:slug", surface("page"), (c) => {
    const slug = c.req.param("slug");
    const now = c.var.now;
    return articles.serve(c, slug, "no such article", {
      policy: "page",
      format: "html",
      path: paths.article(slug),
      // Its 上一篇/下一篇 change with other articles (n:), and its related articles with the
      // articles of its own tags: the render adds those tags' related tags (relatedTags).
      tags: [cacheTag.neighbours(slug)],
      render: async (article) => {
        // The site list is newest first: the older article follows, the newer one precedes.
        const [{ older, newer, faults }, related] = await Promise.all([
          content.neighbours(slug, now),
          content.related(article, now, RELATED),
        ]);
        const view = {
          article,
          older,
          newer,
          related: related.entries,
          previewAt: content.preview ? now : undefined,
        };
        return {
          body: renderArticle(view, content.site),
          type: MIME.html,
          tags: relatedTags(article.tags),
          faults: [...faults, ...related.faults],
        };
      },
    });
  });
}
