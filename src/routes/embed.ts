/**
 * Embedding without script: oEmbed (https://oembed.com) at /oembed, the framable card it points
 * to at /embed/articles/:slug, the drop-in custom element at /embed.js, and the page that builds
 * its snippet at /embed (docs/embedding.md).
 */
import { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { ASSETS } from "../generated/assets.ts";
import { articleSlugOf, paths, RANGES } from "../content/index.ts";
import { surface, wholeParam } from "../http/index.ts";
import { MIME } from "../mime.ts";
import { OEMBED_SIZE, renderOembed } from "../render/api/oembed.ts";
import { renderEmbed } from "../render/html/embed.ts";
import { renderEmbedBuilder } from "../render/html/embed-builder.ts";
import { cacheTag } from "../serving/index.ts";
import { withFacets, type RouteContext } from "./context.ts";
import { articleFinder } from "./sources.ts";

export function embedRoutes(routes: RouteContext) {
  const { content, serve } = routes;
  const site = content.site;
  const articles = articleFinder(routes);

  return new Hono<AppEnv>()
    .get(paths.oembed, surface("api"), (c) => {
      const fail = c.var.fail;
      const raw = c.req.query("url");
      if (raw === undefined || raw === "")
        return fail.badParam("url", "is required: the URL of an article of this site.");
      let target: URL;
      try {
        target = new URL(raw);
      } catch {
        return fail.badParam("url", `is not a valid absolute URL: "${raw}".`);
      }
      if (target.origin !== site.origin)
        return fail.badParam("url", `must be an article URL on ${site.origin}; got ${target.origin}.`);
      const format = c.req.query("format") ?? "json";
      // oEmbed §2.3.4 answers an unsupported format with 501; this provider treats it as a bad
      // parameter (400) so the problem names it, as for every other parameter.
      if (format !== "json") return fail.badParam("format", `"${format}" is not supported.`, ["json"]);
      const maxwidth = wholeParam(fail, "maxwidth", c.req.query("maxwidth"), RANGES.dimension);
      const maxheight = wholeParam(fail, "maxheight", c.req.query("maxheight"), RANGES.dimension);
      const slug = articleSlugOf(target.pathname) ?? "";
      // oEmbed §2.2: the card is no larger than maxwidth × maxheight. Served sizes snap down to a
      // few steps, so any number of requested sizes makes a handful of renders; only the natural
      // size is shared through KV, the others stay in this isolate's memory.
      const size = {
        width: snap(Math.min(OEMBED_SIZE.width, maxwidth ?? OEMBED_SIZE.width), OEMBED_WIDTHS),
        height: snap(Math.min(OEMBED_SIZE.height, maxheight ?? OEMBED_SIZE.height), OEMBED_HEIGHTS),
      };
      return articles.serve(c, slug, `No published article at ${target.href}.`, {
        policy: "api",
        format: "oembed",
        path: paths.oembed,
        tags: [],
        params: { slug, ...size },
        shared: size.width === OEMBED_SIZE.width && size.height === OEMBED_SIZE.height,
        render: (article) => ({ body: renderOembed(article, site, size), type: MIME.json }),
      });
    })
    .get("/embed/articles/:slug", surface("page"), (c) => {
      const slug = c.req.param("slug");
      return articles.serve(c, slug, "no such article", {
        policy: "frame",
        format: "embed",
        path: paths.embed(slug),
        tags: [],
        render: (article) => ({ body: renderEmbed(article, site), type: MIME.html }),
      });
    })
    .get(paths.embedBuilder, (c) =>
      serve(c, {
        policy: "page",
        format: "html",
        path: paths.embedBuilder,
        tags: [cacheTag.tagList],
        // Without the facets file the builder offers the sections and search, no tags.
        render: withFacets(content, c.var.now, (facets) => ({
          body: renderEmbedBuilder(site, facets?.tags ?? []),
          type: MIME.html,
        })),
      }),
    )
    .get(paths.embedScript, (c) =>
      serve(c, {
        policy: "script",
        format: "js",
        path: paths.embedScript,
        tags: [],
        render: () => ({ body: ASSETS["embed.js"].body, type: ASSETS["embed.js"].type }),
      }),
    );
}

/** The card's served sizes: the natural one and steps below it. */
const OEMBED_WIDTHS = [OEMBED_SIZE.width, 480, 400, 320, 240];
const OEMBED_HEIGHTS = [OEMBED_SIZE.height, 200, 160, 120];

/** The largest step at most `max`; below the smallest step, `max` itself (still within the consumer's bound). */
function snap(max: number, steps: readonly number[]): number {
  return steps.find((s) => s <= max) ?? max;
}
