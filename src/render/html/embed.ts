/**
 * The embeddable view of an article (/embed/articles/:slug): a compact card that other sites may
 * frame (oEmbed points to it). Self-contained: its own small stylesheet, no script. Pure.
 */
import { paths, url } from "../../content/urls.ts";
import type { Article, SiteSettings } from "../../content/model.ts";
import { ASSETS } from "../../generated/assets.ts";
import { esc } from "./escape.ts";
import { sectionName, thumbnailOf } from "../../content/index.ts";
import { dateHtml, sourceLine } from "./parts.ts";

/** The card's picture: the article's thumbnail, when it has one (same origin: the frame's CSP allows it). */
function thumbnailHtml(article: Article): string {
  const t = thumbnailOf(article);
  if (!t) return "";
  const dims = t.width && t.height ? ` width="${t.width}" height="${t.height}"` : "";
  return `<img class="thumb" src="${esc(paths.media(t.src ?? t.file))}" alt="${esc(t.alt)}"${dims} decoding="async">\n`;
}

export function renderEmbed(article: Article, site: SiteSettings): string {
  const canonical = url(site, paths.article(article.slug));
  return `<!doctype html>
<html lang="${esc(site.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(article.title)} - ${esc(site.name)}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="${esc(canonical)}">
<link rel="stylesheet" href="${ASSETS["embed.css"].path}">
</head>
<body>
<main>
<article class="card">
<p class="site"><a href="${esc(url(site, paths.home))}" target="_blank" rel="noopener">${esc(site.name)}</a></p>
${thumbnailHtml(article)}<h1><a href="${esc(canonical)}" target="_blank" rel="noopener">${esc(article.title)}</a></h1>
<p class="meta">${dateHtml(article.published)} · ${esc(sectionName(site, article.category))}</p>
<p class="summary">${esc(article.summary)}</p>
${sourceLine(article)}
<p><a class="more" href="${esc(canonical)}" target="_blank" rel="noopener">阅读全文 →</a></p>
</article>
</main>
</body>
</html>
`;
}
