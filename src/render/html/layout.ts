/**
 * The site's chrome around every HTML page: head (canonical, OpenGraph, Twitter card, JSON-LD,
 * pagination links), header with the navigation, 友情链接, and the footer with the copyright line,
 * ICP number and 消费维权服务站. Pure: (head, main, site) => string.
 */
import { paths, url } from "../../content/urls.ts";
import type { SiteSettings } from "../../content/model.ts";
import { ASSETS, ICONS } from "../../generated/assets.ts";
import { essence } from "../../mime.ts";
import { FEED_FORMAT_LIST, FEED_FORMATS, feedUrl } from "../feed-formats.ts";
import { esc, jsonForScript } from "./escape.ts";
import { searchForm } from "./parts.ts";

export interface PageHead {
  title: string;
  description: string;
  /** Root-relative path; canonical and og:url are built on the configured origin. None on errors. */
  path?: string;
  type?: "website" | "article";
  /** The slug of the current navigation section (aria-current). */
  section?: string;
  prev?: string;
  next?: string;
  noindex?: boolean;
  jsonLd?: object;
  /** Extra <meta property="…"> pairs (article:published_time …). */
  meta?: [string, string][];
  scripts?: string[];
  /** oEmbed discovery (oEmbed §4): the provider URL for this page. */
  oembed?: string;
  /** Feed autodiscovery: the site's feeds always, plus these (a section's). */
  feeds?: FeedLink[];
  /** The picture link previews show (Open Graph og:image, Twitter card), absolute. */
  image?: { url: string; alt: string; width?: number; height?: number };
}

export interface FeedLink {
  title: string;
  /** "" for the site feeds, "/categories/<slug>" for a section's. */
  base: string;
}

/** <link rel="alternate"> for each format of each feed (RSS Autodiscovery; RFC 4287 §7.1). */
function feedLinks(site: SiteSettings, feeds: FeedLink[]): string[] {
  return [{ title: site.name, base: "" }, ...feeds].flatMap((feed) =>
    FEED_FORMAT_LIST.map((format) => {
      const { type, label } = FEED_FORMATS[format];
      return `<link rel="alternate" type="${essence(type)}" title="${esc(`${feed.title} (${label})`)}" href="${esc(feedUrl(site, feed.base, format))}">`;
    }),
  );
}

export function layout(head: PageHead, main: string, site: SiteSettings): string {
  const nav = (label: string) =>
    `<nav class="nav" aria-label="${label}"><ul>${site.categories
      .map(
        (c) =>
          `<li><a href="${esc(paths.section(c.slug))}"${c.slug === head.section ? ' aria-current="page"' : ""}>${esc(c.name)}</a></li>`,
      )
      .join("")}</ul></nav>`;
  const lines = [
    `<!doctype html>`,
    `<html lang="${esc(site.language)}">`,
    `<head>`,
    `<meta charset="utf-8">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${esc(head.title)}</title>`,
    `<meta name="description" content="${esc(head.description)}">`,
    head.noindex ? `<meta name="robots" content="noindex">` : "",
    head.path !== undefined ? `<link rel="canonical" href="${esc(url(site, head.path))}">` : "",
    head.prev ? `<link rel="prev" href="${esc(head.prev)}">` : "",
    head.next ? `<link rel="next" href="${esc(head.next)}">` : "",
    `<meta name="color-scheme" content="light dark">`,
    `<meta name="theme-color" content="#8a2c1c">`,
    `<link rel="icon" href="${ASSETS["favicon.svg"].path}" type="image/svg+xml">`,
    `<link rel="apple-touch-icon" href="${ICONS["apple-touch-icon.png"].path}">`,
    `<link rel="manifest" href="${paths.webManifest}">`,
    `<link rel="stylesheet" href="${ASSETS["site.css"].path}">`,
    ...feedLinks(site, head.feeds ?? []),
    head.oembed
      ? `<link rel="alternate" type="application/json+oembed" href="${esc(head.oembed)}" title="${esc(head.title)}">`
      : "",
    `<meta property="og:site_name" content="${esc(site.name)}">`,
    `<meta property="og:locale" content="${esc(site.language.replace("-", "_"))}">`,
    `<meta property="og:type" content="${head.type ?? "website"}">`,
    `<meta property="og:title" content="${esc(head.title)}">`,
    `<meta property="og:description" content="${esc(head.description)}">`,
    head.path !== undefined ? `<meta property="og:url" content="${esc(url(site, head.path))}">` : "",
    ...(head.meta ?? []).map(([p, v]) => `<meta property="${esc(p)}" content="${esc(v)}">`),
    ...imageMeta(head.image),
    `<meta name="twitter:card" content="${head.image ? "summary_large_image" : "summary"}">`,
    `<meta name="twitter:title" content="${esc(head.title)}">`,
    `<meta name="twitter:description" content="${esc(head.description)}">`,
    head.jsonLd ? `<script type="application/ld+json">${jsonForScript(head.jsonLd)}</script>` : "",
    ...(head.scripts ?? []).map((src) => `<script src="${esc(src)}" defer></script>`),
    `</head>`,
    `<body>`,
    `<a class="skip" href="#main">跳到正文</a>`,
    `<header class="site-header"><div class="wrap"><a class="brand" href="${paths.home}">${esc(site.name)}</a>${searchForm("", "site-q", "搜索")}${nav("栏目")}</div></header>`,
    `<main id="main" class="wrap">`,
    main,
    `</main>`,
    `<div class="wrap">`,
    links(site),
    `<footer class="site-footer">`,
    nav("页脚栏目"),
    `<p>${esc(site.copyright)} · <a href="${paths.feeds}">订阅 RSS</a> · <a href="${paths.tags}">标签</a> · <a href="${paths.archives}">归档</a></p>`,
    `<p><a href="${esc(site.icp.url)}" rel="noopener">${esc(site.icp.number)}</a>${
      site.publicSecurity
        ? ` · <a href="${esc(site.publicSecurity.url)}" rel="noopener">${esc(site.publicSecurity.number)}</a>`
        : ""
    }${site.consumerRightsStation ? ` · <span>${esc(site.consumerRightsStation)}</span>` : ""}</p>`,
    `</footer>`,
    `</div>`,
    `</body>`,
    `</html>`,
    ``,
  ];
  return lines.filter((l) => l !== "").join("\n") + "\n";
}

/** Open Graph §"Structured properties" og:image with its size and alt; the Twitter card's image. */
function imageMeta(image: PageHead["image"]): string[] {
  if (!image) return [];
  return [
    `<meta property="og:image" content="${esc(image.url)}">`,
    image.width ? `<meta property="og:image:width" content="${image.width}">` : "",
    image.height ? `<meta property="og:image:height" content="${image.height}">` : "",
    `<meta property="og:image:alt" content="${esc(image.alt)}">`,
    `<meta name="twitter:image" content="${esc(image.url)}">`,
    `<meta name="twitter:image:alt" content="${esc(image.alt)}">`,
  ];
}

/** 友情链接: the list from site settings, or an honest note that there is none yet. */
function links(site: SiteSettings): string {
  const items = site.links.length
    ? `<ul>${site.links.map((l) => `<li><a href="${esc(l.url)}" rel="noopener">${esc(l.name)}</a></li>`).join("")}</ul>`
    : `<p class="empty">暂无友情链接。</p>`;
  return `<section class="links" aria-labelledby="links-title"><h2 id="links-title">友情链接</h2>${items}</section>`;
}
