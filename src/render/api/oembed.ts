/**
 * oEmbed 1.0 (https://oembed.com) §2.3.4: a `rich` response whose `html` frames the article's
 * embeddable card. Pure: sizes are already clamped to the consumer's maxwidth/maxheight.
 */
import type { Article, SiteSettings } from "../../content/model.ts";
import { paths, url } from "../../content/urls.ts";
import { esc } from "../html/escape.ts";

/** The card's natural size; a consumer's maxwidth/maxheight may only shrink it. */
export const OEMBED_SIZE = { width: 560, height: 240 } as const;

export function renderOembed(
  article: Article,
  site: SiteSettings,
  { width, height }: { width: number; height: number },
): string {
  const src = url(site, paths.embed(article.slug));
  const html = `<iframe src="${esc(src)}" width="${width}" height="${height}" title="${esc(article.title)}" loading="lazy" style="border:0;max-width:100%" sandbox="allow-popups allow-popups-to-escape-sandbox"></iframe>`;
  const body = {
    version: "1.0",
    type: "rich",
    title: article.title,
    ...(article.author ? { author_name: article.author } : {}),
    provider_name: site.name,
    provider_url: url(site, paths.home),
    cache_age: 86400,
    html,
    width,
    height,
  };
  return `${JSON.stringify(body)}\n`;
}
