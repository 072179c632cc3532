/**
 * The content model the worker serves: what the build step (scripts/content) produces from
 * content/ and writes into the generated module. The worker never sees Markdown or YAML.
 */

/** What is known about when an article was published. */
export type Published =
  /** An exact instant, RFC 3339 with the site's UTC offset, e.g. 2026-01-05T09:00:00+08:00. */
  | { kind: "exact"; iso: string }
  /**
   * The source gives no date. `notBefore` (YYYY-MM-DD) is the earliest day the text allows;
   * `note` says why. No format may present either as a publication date.
   */
  | { kind: "unknown"; notBefore?: string; note?: string };

export interface Heading {
  level: 2 | 3 | 4;
  /** The fragment id of the heading in `html`. */
  id: string;
  text: string;
}

/** A picture position in the body. Unavailable pictures keep their place but render nothing. */
export interface Figure {
  file: string;
  alt: string;
  caption?: string;
  available: boolean;
  /**
   * The file published for it (a derived variant, the largest fallback: scripts/content/images.ts)
   * when it is not the file itself; thumbnails link to it.
   */
  src?: string;
  /** Pixel size and file size (bytes) of what is published, when the build could read them. */
  width?: number;
  height?: number;
  bytes?: number;
  /**
   * The narrowest published variant (scripts/content/images.ts WIDTHS), for list thumbnails: set
   * on the cover only.
   */
  thumb?: Thumb;
}

/** A small published picture and its pixel size. */
export interface Thumb {
  file: string;
  width: number;
  height: number;
}

/** A QR code's modules: `size`×`size`, row-major, 1 = dark, packed MSB first, base64. */
export interface QrCode {
  size: number;
  bits: string;
}

export interface ArticleMeta {
  /** Permanent id (a UUID). Never derived from slug or domain; feeds and the API key on it. */
  id: string;
  slug: string;
  title: string;
  /** Its section's slug, one of SiteSettings.categories (the front matter's and the API's `category`). */
  category: string;
  summary: string;
  /** The original publisher, for a republished article (shown as 来源 wherever the text goes). */
  source?: string;
  /** The original article's URL, when the editor gave one: the 来源 line links to it. */
  sourceUrl?: string;
  author?: string;
  tags: string[];
  published: Published;
  /** RFC 3339 instant of the last significant edit, when the editor recorded one. */
  updated?: string;
  draft: boolean;
  headings: Heading[];
  figures: Figure[];
  /** The thumbnail chosen in front matter (`image:`), when it is not the first available figure. */
  cover?: Figure;
  /** QR code of the canonical URL (for WeChat sharing), encoded at build time. */
  qr: QrCode;
  /** content/articles/… path, for error messages and the editor's tools. */
  file: string;
}

export interface Article extends ArticleMeta {
  /** The body as HTML, compiled at build time. Links are root-relative (/articles/…). */
  html: string;
  /**
   * The cover (`image:` in front matter) as a figure of its published variants, shown above the
   * body; absent when there is none, or when the body places the same picture itself.
   */
  coverHtml?: string;
  /** Its old URLs' paths in normal form (aliases.ts `aliasKey`), answered with a 301. */
  aliases?: string[];
}

/** What lists show of an article (cards, API lists, feeds' paging, prev/next, sitemap): no body. */
export interface ArticleSummary extends Pick<
  Article,
  "id" | "slug" | "title" | "category" | "summary" | "tags" | "published" | "updated" | "draft"
> {
  /** The first available picture's file in content/media/, for thumbnails. */
  image?: string;
  /** The cover's small variant, shown beside the article in lists; only when a cover is set. */
  thumb?: Thumb;
}

/** A section (栏目): one of site.yaml's navigation groups (its key `categories`, a public name). */
export interface Section {
  slug: string;
  name: string;
}

export interface Link {
  name: string;
  url: string;
}

export interface SiteSettings {
  /** Permanent UUID of the site. */
  id: string;
  name: string;
  /** Canonical origin, e.g. https://news.example.org: the only source of absolute URLs. */
  origin: string;
  language: string;
  timeZone: string;
  description: string;
  /** The sections of the navigation, in order (site.yaml's `categories`). Articles belong to one of them. */
  categories: Section[];
  links: Link[];
  copyright: string;
  icp: { number: string; url: string };
  /** 公安联网备案, once filed: shown in the footer beside the ICP number. */
  publicSecurity?: { number: string; url: string };
  consumerRightsStation?: string;
  /** How many articles a list page holds. */
  pageSize: number;
  /** How many items a feed document holds. */
  feedSize: number;
  /** WebSub hub URL, advertised in every feed when set. */
  websub?: string;
  /**
   * Permanent feed ids (urn:uuid), derived at build time from the site id (UUID v5, RFC 9562
   * §5.5): `all` for the site feeds, and one per section's slug.
   */
  feedIds: Record<string, string>;
}

/** What the build produces from content/: the input of the content store's packer (store/format.ts). */
export interface ContentModel {
  site: SiteSettings;
  /** All articles, drafts and scheduled ones included, newest first. The store filters. */
  articles: Article[];
  /**
   * Hash of the content and of what makes its HTML (the build's code, each picture as published;
   * scripts/content/build.ts): part of every render-cache key.
   */
  version: string;
}
