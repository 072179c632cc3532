/** /sitemap.xml (sitemaps.org 0.9) and /robots.txt. Pure. */
import { lastChanged } from "../content/index.ts";
import type { Article, SiteSettings } from "../content/model.ts";
import { xml } from "./feeds/xml.ts";

export function renderSitemap(articles: readonly Article[], site: SiteSettings): string {
  const url = (path: string, lastmod?: string) =>
    `<url><loc>${xml(site.origin + path)}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ""}</url>`;
  return [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`,
    url("/"),
    ...site.categories.map((c) => url(`/categories/${c.slug}`)),
    url("/feeds"),
    ...articles.map((a) => url(`/articles/${a.slug}`, lastChanged(a))),
    `</urlset>`,
    ``,
  ].join("\n");
}

export function renderRobots(site: SiteSettings): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${site.origin}/sitemap.xml\n`;
}
