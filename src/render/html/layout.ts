/**
 * The site's chrome around every HTML page: head, header with the navigation, footer with the
 * copyright line, ICP number and 消费维权服务站. Pure: (page, site) => string.
 */
import type { SiteSettings } from "../../content/model.ts";
import { esc } from "./escape.ts";

export interface PageHead {
  title: string;
  description: string;
  /** Root-relative path; the canonical URL is built on the configured origin. None on errors. */
  path?: string;
}

export function layout(head: PageHead, main: string, site: SiteSettings): string {
  const nav = site.categories.map((c) => `<li><a href="/categories/${esc(c.slug)}">${esc(c.name)}</a></li>`).join("");
  return `<!doctype html>
<html lang="${esc(site.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(head.title)}</title>
<meta name="description" content="${esc(head.description)}">
${head.path === undefined ? "" : `<link rel="canonical" href="${esc(site.origin + head.path)}">\n`}</head>
<body>
<header>
<p><a href="/">${esc(site.name)}</a></p>
<nav aria-label="栏目"><ul>${nav}</ul></nav>
</header>
<main>
${main}
</main>
<footer>
<nav aria-label="页脚栏目"><ul>${nav}</ul></nav>
<p>${esc(site.copyright)} <a href="${esc(site.icp.url)}" rel="noopener">${esc(site.icp.number)}</a></p>
${site.consumerRightsStation ? `<p>${esc(site.consumerRightsStation)}</p>` : ""}
</footer>
</body>
</html>
`;
}
