/**
 * Embedding without script: oEmbed (https://oembed.com) at /oembed, the framable card it points
 * to at /embed/articles/:slug, the drop-in custom element at /embed.js, and the page that builds
 * its snippet at /embed (docs/embedding.md).
 */
import { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { ASSETS } from "../generated/assets.ts";
import { articleSlugOf, paths, RANGES, valueOr } from "../content/index.ts";
import { badParam, notFound, wholeParam } from "../http/index.ts";
import { MIME } from "../mime.ts";
import { OEMBED_SIZE, renderOembed } from "../render/api/oembed.ts";
import { renderEmbed } from "../render/html/embed.ts";
import { renderEmbedBuilder } from "../render/html/embed-builder.ts";
import { cacheTag, lastModifiedOf } from "../serving/index.ts";
import type { RouteContext } from "./context.ts";
import { articleFinder } from "./sources.ts";

export function embedRoutes({ content, serve }: RouteContext) {
  const site = content.site;
  const articles = articleFinder(content);

  return new Hono<AppEnv>()
    .get(paths.oembed, (c) => {
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
      const maxwidth = wholeParam("api", "maxwidth", c.req.query("maxwidth"), RANGES.dimension);
      const maxheight = wholeParam("api", "maxheight", c.req.query("maxheight"), RANGES.dimension);
      const slug = articleSlugOf(target.pathname) ?? "";
      const missing = `No published article at ${target.href}.`;
      if (!articles.isSlug(slug)) notFound("api", missing);
      const now = c.var.now;
      // oEmbed §2.2: the card is no larger than maxwidth × maxheight. Served sizes snap down to a
      // few steps, so any number of requested sizes makes a handful of renders; only the natural
      // size is shared through KV, the others stay in this isolate's memory.
      const size = {
        width: snap(Math.min(OEMBED_SIZE.width, maxwidth ?? OEMBED_SIZE.width), OEMBED_WIDTHS),
        height: snap(Math.min(OEMBED_SIZE.height, maxheight ?? OEMBED_SIZE.height), OEMBED_HEIGHTS),
      };
      return serve(
        c,
        {
          kind: "api",
          format: "oembed",
          path: paths.oembed,
          tags: [cacheTag.article(slug)],
          params: { slug, ...size },
          shared: size.width === OEMBED_SIZE.width && size.height === OEMBED_SIZE.height,
          render: async () => {
            const article = (await articles.published(slug, now)) ?? notFound("api", missing);
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
      if (!articles.isSlug(slug)) notFound("page", "no such article");
      const now = c.var.now;
      return serve(
        c,
        {
          kind: "frame",
          format: "embed",
          path: paths.embed(slug),
          tags: [cacheTag.article(slug)],
          render: async () => {
            const article = (await articles.published(slug, now)) ?? notFound("page", "no such article");
            return { body: renderEmbed(article, site), type: MIME.html, lastModified: lastModifiedOf([article]) };
          },
        },
        now,
      );
    })
    .get(paths.embedBuilder, (c) => {
      const now = c.var.now;
      return serve(
        c,
        {
          kind: "page",
          format: "html",
          path: paths.embedBuilder,
          tags: [cacheTag.tagList],
          render: async () => {
            // Without the facets file the builder offers the sections and search, no tags.
            const facets = valueOr(await content.facets(now), undefined);
            return { body: renderEmbedBuilder(site, facets.value?.tags ?? []), type: MIME.html, faults: facets.faults };
          },
        },
        now,
      );
    })
    .get(paths.embedScript, (c) =>
      serve(c, {
        kind: "script",
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
