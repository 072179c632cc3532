/**
 * Lists: `/` and `/page/:n` (latest articles), `/categories/:slug` and `/categories/:slug/page/:n`.
 * A malformed page number is a 400 naming it; a page past the last one is a 404; `/page/1` is the
 * list's first page under another name, so it redirects there. The page count needs no I/O; the
 * page's entries are read from the store only when it is rendered.
 */
import { Hono, type Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { paginate, parsePageNumber, type NavCategory } from "../content/index.ts";
import type { AppEnv } from "../env.ts";
import { redirect } from "../http/index.ts";
import { MIME } from "../mime.ts";
import { renderListing } from "../render/index.ts";
import { lastModifiedOf } from "../serving/index.ts";
import type { RouteContext } from "./context.ts";

export function pageRoutes({ store, clock, serve }: RouteContext) {
  const site = store.site;

  const list = async (c: Context<AppEnv>, pageParam: string | undefined, category?: NavCategory): Promise<Response> => {
    const base = category ? `/categories/${category.slug}` : "";
    const href = (n: number) => (n === 1 ? base || "/" : `${base}/page/${n}`);
    const page = pageParam === undefined ? 1 : parsePageNumber(pageParam);
    if (page === undefined) {
      throw new HTTPException(400, { message: `页码 "${pageParam}" 无效:page 必须是正整数,例如 /page/2。` });
    }
    if (page === 1 && pageParam !== undefined) return redirect(href(1));
    const now = clock();
    const found = paginate(store.count(now, category?.slug), page, site.pageSize);
    if (!found) throw new HTTPException(404, { message: `page ${page} does not exist` });
    return serve(
      c,
      {
        kind: "page",
        format: "html",
        path: href(page),
        render: async () => {
          const articles = await store.list(now, { category: category?.slug, ...found });
          const view = { ...found, articles, category, href, previewAt: store.preview ? now : undefined };
          return { body: renderListing(view, site), type: MIME.html, lastModified: lastModifiedOf(articles) };
        },
      },
      now,
    );
  };

  const category = (slug: string) => {
    const found = store.category(slug);
    if (!found) throw new HTTPException(404, { message: `no category ${slug}` });
    return found;
  };

  return new Hono<AppEnv>()
    .get("/", (c) => list(c, undefined))
    .get("/page/:n", (c) => list(c, c.req.param("n")))
    .get("/categories/:slug", (c) => list(c, undefined, category(c.req.param("slug"))))
    .get("/categories/:slug/page/:n", (c) => list(c, c.req.param("n"), category(c.req.param("slug"))));
}
