/**
 * Lists: `/` and `/page/:n` (latest articles), `/categories/:slug` and `/categories/:slug/page/:n`.
 * A malformed page number is a 400 naming it; a page past the last one is a 404; `/page/1` is the
 * list's first page under another name, so it redirects there.
 */
import { Hono, type Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { Article, NavCategory } from "../content/index.ts";
import type { AppEnv } from "../env.ts";
import { renderListing } from "../render/index.ts";
import { HTML } from "./articles.ts";
import { lastModifiedOf, type Serve, type Services } from "./services.ts";

export function pageRoutes({ store, clock }: Services, serve: Serve) {
  const site = store.model.site;

  const list = async (c: Context<AppEnv>, pageParam: string | undefined, category?: NavCategory): Promise<Response> => {
    const base = category ? `/categories/${category.slug}` : "";
    const href = (n: number) => (n === 1 ? base || "/" : `${base}/page/${n}`);
    const page = parsePage(pageParam);
    if (page === 1 && pageParam !== undefined) return c.redirect(href(1), 301);
    const now = clock();
    const all = store.published(now).filter((a) => !category || a.category === category.slug);
    const pages = Math.max(1, Math.ceil(all.length / site.pageSize));
    if (page > pages) throw new HTTPException(404, { message: `page ${page} does not exist (last: ${pages})` });
    return serve(
      c,
      {
        kind: "page",
        format: "html",
        path: href(page),
        render: () => {
          const articles: Article[] = all.slice((page - 1) * site.pageSize, page * site.pageSize);
          const view = {
            articles,
            total: all.length,
            category,
            page,
            pages,
            href,
            previewAt: store.preview ? now : undefined,
          };
          return { body: renderListing(view, site), type: HTML, lastModified: lastModifiedOf(articles) };
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

/** `undefined` → 1; a positive integer in canonical form → itself; anything else → 400. */
function parsePage(value: string | undefined): number {
  if (value === undefined) return 1;
  if (!/^[1-9][0-9]{0,8}$/.test(value)) {
    throw new HTTPException(400, { message: `页码 "${value}" 无效:page 必须是正整数,例如 /page/2。` });
  }
  return Number(value);
}
