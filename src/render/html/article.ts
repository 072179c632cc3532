/** The article page. Pure: ({ article, older, newer }, site) => HTML. */
import { paths, url } from "../../content/urls.ts";
import type { Article, ArticleSummary, SiteSettings } from "../../content/model.ts";
import { ASSETS } from "../../generated/assets.ts";
import { esc } from "./escape.ts";
import { layout } from "./layout.ts";
import { sectionName, publishedIso, thumbnailOf } from "../../content/index.ts";
import { dateHtml, previewBadge, previewBanner, sourceLine, tagList } from "./parts.ts";
import { qrSvg } from "./qr.ts";

export interface ArticleView {
  article: Article;
  /** 上一篇: the article published just before this one, if any. */
  older?: ArticleSummary;
  /** 下一篇: the article published just after this one, if any. */
  newer?: ArticleSummary;
  /** 相关文章: articles sharing a tag, newest first. */
  related?: ArticleSummary[];
  /** Local preview's clock (marks a draft or scheduled article); undefined in production. */
  previewAt?: number;
}

export function renderArticle(
  { article, older, newer, related = [], previewAt }: ArticleView,
  site: SiteSettings,
): string {
  const path = paths.article(article.slug);
  const canonical = url(site, path);
  const section = sectionName(site, article.category);
  const updated = article.updated
    ? `<span>更新于<time datetime="${esc(article.updated)}">${esc(article.updated.slice(0, 10))}</time></span>`
    : "";
  const main = `<nav class="crumbs" aria-label="当前位置"><ol><li><a href="${paths.home}">首页</a></li><li><a href="${esc(paths.section(article.category))}">${esc(section)}</a></li><li aria-current="page">${esc(article.title)}</li></ol></nav>
<article class="article">
${previewBanner(article, previewAt)}<h1>${esc(article.title)}${previewBadge(article, previewAt)}</h1>
<p class="meta">${dateHtml(article.published)}${updated}<a href="${esc(paths.section(article.category))}">${esc(section)}</a>${article.author ? `<span>${esc(article.author)}</span>` : ""}</p>
${article.coverHtml ?? ""}<div class="body">
${article.html}</div>
${sourceLine(article)}
${tagList(article.tags, "本文标签")}
<section class="share" aria-labelledby="share-title" data-share-url="${esc(canonical)}" data-share-title="${esc(article.title)}">
<div>
<h2 id="share-title">分享到</h2>
<input type="text" readonly value="${esc(canonical)}" aria-label="文章链接">
<div><button type="button" data-share-native hidden>分享…</button><button type="button" data-share-copy hidden>复制链接</button> <a class="weibo" href="${esc(weiboShare(canonical, article.title))}" rel="noopener" target="_blank">分享到微博</a></div>
<p data-share-status role="status"></p>
</div>
<figure>${qrSvg(article.qr, "本文链接的二维码")}<figcaption>微信扫一扫,分享到朋友圈</figcaption></figure>
</section>
${prevNext(older, newer)}
</article>
${relatedList(related)}`;
  const published = publishedIso(article);
  const thumbnail = thumbnailOf(article);
  const image = thumbnail && {
    url: url(site, paths.media(thumbnail.src ?? thumbnail.file)),
    alt: thumbnail.alt || article.title,
    ...(thumbnail.width && thumbnail.height ? { width: thumbnail.width, height: thumbnail.height } : {}),
  };
  return layout(
    {
      title: `${article.title} - ${site.name}`,
      description: article.summary,
      path,
      type: "article",
      section: article.category,
      meta: [
        ["article:section", section],
        ...(published ? ([["article:published_time", published]] as [string, string][]) : []),
        ...(article.updated ? ([["article:modified_time", article.updated]] as [string, string][]) : []),
        ...article.tags.map((t) => ["article:tag", t] as [string, string]),
      ],
      jsonLd: newsArticle(article, site, canonical, section, image),
      ...(image ? { image } : {}),
      scripts: [ASSETS["share.js"].path],
      oembed: url(site, paths.oembed, { url: canonical, format: "json" }),
    },
    main,
    site,
  );
}

function prevNext(older?: ArticleSummary, newer?: ArticleSummary): string {
  if (!older && !newer) return "";
  const item = (label: string, a?: ArticleSummary) =>
    a ? `<li><span>${label}:</span><a href="${esc(paths.article(a.slug))}">${esc(a.title)}</a></li>` : "";
  return `<nav aria-label="上一篇与下一篇"><ul class="prevnext">${item("上一篇", older)}${item("下一篇", newer)}</ul></nav>`;
}

function relatedList(related: readonly ArticleSummary[]): string {
  if (related.length === 0) return "";
  const items = related.map(
    (a) => `<li><a href="${esc(paths.article(a.slug))}">${esc(a.title)}</a> ${dateHtml(a.published)}</li>`,
  );
  return `<section class="related" aria-labelledby="related-title"><h2 id="related-title">相关文章</h2><ul>${items.join("")}</ul></section>`;
}

/** schema.org NewsArticle. datePublished only when known: an unknown date is left out, not guessed. */
function newsArticle(
  article: Article,
  site: SiteSettings,
  canonical: string,
  section: string,
  image?: { url: string; width?: number; height?: number },
): object {
  const publisher = { "@type": "Organization", name: site.name, url: url(site, paths.home) };
  return {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: article.title,
    description: article.summary,
    url: canonical,
    mainEntityOfPage: canonical,
    inLanguage: site.language,
    articleSection: section,
    ...(article.tags.length ? { keywords: article.tags.join(",") } : {}),
    ...(image ? { image: { "@type": "ImageObject", url: image.url, width: image.width, height: image.height } } : {}),
    ...(article.published.kind === "exact" ? { datePublished: article.published.iso } : {}),
    ...(article.updated ? { dateModified: article.updated } : {}),
    author: article.author ? { "@type": "Person", name: article.author } : publisher,
    publisher,
    ...(article.source
      ? {
          isBasedOn: {
            "@type": "CreativeWork",
            name: article.source,
            ...(article.sourceUrl ? { url: article.sourceUrl } : {}),
          },
        }
      : {}),
  };
}

/**
 * Weibo's share page for a URL and title: a plain link (no script of Weibo's on our pages, no
 * request to another origin until the reader follows it).
 */
function weiboShare(url: string, title: string): string {
  return `https://service.weibo.com/share/share.php?${new URLSearchParams({ url, title })}`;
}
