/**
 * Embedding without script: oEmbed (https://oembed.com) at /oembed, the framable card it points
 * to at /embed/articles/:slug, and the drop-in custom element at /embed.js.
 */
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "../env.ts";
import { ASSETS } from "../generated/assets.ts";
import { SLUG_RE } from "../content/index.ts";
import { badParam, problem } from "../http/index.ts";
import { MIME } from "../mime.ts";
import { OEMBED_SIZE, renderOembed } from "../render/api/oembed.ts";
import { renderEmbed } from "../render/html/embed.ts";
import { lastModifiedOf } from "../serving/index.ts";
import type { RouteContext } from "./context.ts";

export function embedRoutes({ store, clock, serve }: RouteContext) {
  const site = store.site;

  return new Hono<AppEnv>()
    .get("/oembed", (c) => {
      const raw = c.req.query("url");
      if (raw === undefined || raw === "") badParam("url", "is required: the URL of an article of this site.");
      let target: URL;
      try {
        target = new URL(raw);
      } catch {
        badParam("url", `is not a valid absolute URL: "${raw}".`);
      }
      if (target.origin !== site.origin)
        badParam("url", `must be an article URL on ${site.origin}; got ${target.origin}.`);
      const format = c.req.query("format") ?? "json";
      // oEmbed §2.3.4 answers an unsupported format with 501; this provider treats it as a bad
      // parameter (400) so the problem names it, as for every other parameter.
      if (format !== "json") badParam("format", `"${format}" is not supported.`, ["json"]);
      const maxwidth = dimension("maxwidth", c.req.query("maxwidth"));
      const maxheight = dimension("maxheight", c.req.query("maxheight"));
      const slug = /^\/articles\/([^/]+)$/.exec(target.pathname)?.[1] ?? "";
      const missing = () => problem(404, `No published article at ${target.href}.`);
      if (!SLUG_RE.test(slug)) missing();
      const now = clock();
      const size = {
        width: Math.min(OEMBED_SIZE.width, maxwidth ?? OEMBED_SIZE.width),
        height: Math.min(OEMBED_SIZE.height, maxheight ?? OEMBED_SIZE.height),
      };
      return serve(
        c,
        {
          kind: "api",
          format: "oembed",
          path: "/oembed",
          params: { slug, ...size },
          render: async () => {
            const article = (await store.article(slug, now)) ?? missing();
            return {
              body: renderOembed(article, site, size),
              type: MIME.json,
              lastModified: lastModifiedOf([article]),
            };
          },
        },
        now,
      );
    })
    .get("/embed/articles/:slug", (c) => {
      const slug = c.req.param("slug");
      const missing = (): never => {
        throw new HTTPException(404, { message: "no such article" });
      };
      if (!SLUG_RE.test(slug)) missing();
      const now = clock();
      return serve(
        c,
        {
          kind: "frame",
          format: "embed",
          path: `/embed/articles/${slug}`,
          render: async () => {
            const article = (await store.article(slug, now)) ?? missing();
            return { body: renderEmbed(article, site), type: MIME.html, lastModified: lastModifiedOf([article]) };
          },
        },
        now,
      );
    })
    .get("/embed.js", (c) =>
      serve(c, {
        kind: "script",
        format: "js",
        path: "/embed.js",
        render: () => ({ body: ASSETS["embed.js"].body, type: ASSETS["embed.js"].type }),
      }),
    );
}

function dimension(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9][0-9]{0,4}$/.test(value))
    badParam(name, `must be a whole number of pixels from 1 to 99999; got "${value}".`);
  return Number(value);
}
