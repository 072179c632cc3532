/**
 * A WordPress export (WXR, "WordPress eXtended RSS", Tools → Export; versions 1.0–1.2, `wp:`
 * namespace http or https://wordpress.org/export/<version>/) as an import source (issue 22,
 * source 2), read with the strict XML parser: a malformed file throws with its line, and nothing
 * is written.
 *
 * - Posts (`wp:post_type` post) are articles, and so are pages (a page is the old site's text, e.g.
 *   协会简介 or 联系我们; it has no category, so it goes where `--category` says, each reported so
 *   the editor can move it). Attachments are not articles: they map attachment ids to their files,
 *   so a post's `_thumbnail_id` becomes its `cover`. Any other type (nav_menu_item, revision,
 *   wp_block, a plugin's) is skipped, counted per type.
 * - Status: publish and future as written (a future date schedules the article by itself); draft,
 *   pending and private `draft: true`, and so is a password-protected post (the site has no
 *   passwords: it waits for an editor); trash and auto-draft are skipped.
 * - The date: `wp:post_date_gmt` (UTC); when it is 0000-00-00 00:00:00, a draft or pending post
 *   has none yet (WordPress leaves it unset until publication), so none is given (the "not known"
 *   form); any other status then falls back to `wp:post_date`, wall time in the site's time zone.
 *   `wp:post_modified_gmt` is the last change when later.
 * - The text: `content:encoded` with its shortcodes expanded and wpautop applied, as WordPress did
 *   when it showed the post (wordpress-text.ts); the excerpt is the summary (text only). A block
 *   WordPress draws when it shows the page (latest posts, a query loop…) has no content in the
 *   export: each is named in a warning.
 * - A post's featured image (`_thumbnail_id` → the attachment's file) is its cover: the site's
 *   thumbnail is an article's first picture (docs/editing.md, `image`), and a WordPress theme
 *   showed the featured image above the text, so it goes first in the body unless the body already
 *   shows that file (then a warning, as `image:` must name it). Like every picture of an export it
 *   is on the old host (write.ts declares it unavailable).
 * - The old URL is `<link>` (the permalink); the `guid` (`/?p=123`, which WordPress also answers)
 *   and `/?p=<id>` or `/?page_id=<id>` are further old URLs.
 */
import { toInstant } from "../content/dates.ts";
import { parseXml, NS, XmlTooDeep, type XmlElement } from "./xml.ts";
import type { Imported, SourceRead } from "./imported.ts";
import { drawnBlocks, expandShortcodes, wpautop } from "./wordpress-text.ts";

/** How the site reads wall times the export gives without an offset. */
export interface WxrOptions {
  /** The site's IANA time zone (content/site.yaml `timeZone`). */
  timeZone: string;
}

const WP_NS = /^https?:\/\/wordpress\.org\/export\/[\d.]+\/$/;
const EXCERPT_NS = /^https?:\/\/wordpress\.org\/export\/[\d.]+\/excerpt\/$/;
const ZERO_DATE = "0000-00-00 00:00:00";
const DRAFT = new Set(["draft", "pending", "private"]);

/** A child in the `wp:` namespace (any export version, http or https). */
function wp(el: XmlElement, local: string): XmlElement | undefined {
  return el.children.find((c) => c.name.endsWith(` ${local}`) && WP_NS.test(c.name.slice(0, -local.length - 1)));
}
function wpAll(el: XmlElement, local: string): XmlElement[] {
  return el.children.filter((c) => c.name.endsWith(` ${local}`) && WP_NS.test(c.name.slice(0, -local.length - 1)));
}
const text = (el: XmlElement | undefined) => el?.text.trim() ?? "";

/** A WXR date (`YYYY-MM-DD HH:MM:SS`) as an instant: UTC, or wall time in `timeZone`; undefined when unset. */
function instant(value: string, timeZone: string | "UTC"): number | undefined {
  if (!value || value === ZERO_DATE || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(value)) return undefined;
  try {
    const iso = timeZone === "UTC" ? `${value.replace(" ", "T")}Z` : toInstant(value.replace(" ", "T"), timeZone);
    const ms = Date.parse(iso);
    return Number.isNaN(ms) ? undefined : ms;
  } catch {
    return undefined;
  }
}

/** Percent-decoded, when it decodes (WordPress stores non-ASCII slugs percent-encoded). */
function decoded(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** HTML as plain text (an excerpt is shown as text). */
function plain(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#0?39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

/** The front matter's limit on `summary` (scripts/content/schema.ts). */
const SUMMARY_MAX = 300;

/** Reads an export; `timeZone` is the site's (sources.ts passes content/site.yaml's; UTC as its readSource defaults). */
export function readWxr(source: string, file: string, { timeZone }: WxrOptions = { timeZone: "UTC" }): SourceRead {
  let root: XmlElement;
  try {
    root = parseXml(source);
  } catch (error) {
    // saxes says where: "line:column: message".
    throw new Error(
      `${file}: ${error instanceof XmlTooDeep ? "refused" : "malformed XML"}: ${(error as Error).message}`,
    );
  }
  const channel = root.name === "rss" ? root.children.find((c) => c.name === "channel") : undefined;
  if (!channel) throw new Error(`${file}: not a WordPress export: no <rss><channel>`);
  const base = (text(wp(channel, "base_blog_url")) || text(channel.children.find((c) => c.name === "link"))).replace(
    /\/+$/,
    "",
  );

  // Authors by login: dc:creator names the login; the display name is what readers saw.
  const authors = new Map<string, string>();
  for (const a of wpAll(channel, "author")) {
    const login = text(wp(a, "author_login"));
    const name = text(wp(a, "author_display_name"));
    if (login && name) authors.set(login, name);
  }

  const entries = channel.children.filter((c) => c.name === "item");
  // Attachments first: a post's _thumbnail_id may name one exported after it.
  const attachments = new Map<string, { url: string; alt?: string }>();
  for (const item of entries) {
    if (text(wp(item, "post_type")) !== "attachment") continue;
    const url = text(wp(item, "attachment_url")) || text(item.children.find((c) => c.name === "guid"));
    const alt = meta(item, "_wp_attachment_image_alt") || text(item.children.find((c) => c.name === "title"));
    if (url) attachments.set(text(wp(item, "post_id")), { url, ...(alt ? { alt } : {}) });
  }

  // WordPress answers /?p=<id> by id, so that form is each post's; a guid is kept at creation and
  // copied with a duplicated post, so one naming another post's id, or shared, is not an alias.
  const idUrl = (item: XmlElement) => {
    const id = text(wp(item, "post_id"));
    return id && base ? `${base}/?${text(wp(item, "post_type")) === "page" ? "page_id" : "p"}=${id}` : undefined;
  };
  const idUrls = new Set(entries.map(idUrl).filter((u) => u !== undefined));
  const guidCount = new Map<string, number>();
  for (const item of entries) {
    const guid = absolute(text(item.children.find((c) => c.name === "guid")), base);
    if (guid) guidCount.set(guid, (guidCount.get(guid) ?? 0) + 1);
  }

  const items: Imported[] = [];
  const skipped: string[] = [];
  const warnings: string[] = [];
  const otherTypes = new Map<string, number>();
  let comments = 0;
  for (const [index, item] of entries.entries()) {
    const position = `item ${index + 1}`;
    const type = text(wp(item, "post_type"));
    const status = text(wp(item, "status"));
    const id = text(wp(item, "post_id"));
    const title = text(item.children.find((c) => c.name === "title"));
    const link = text(item.children.find((c) => c.name === "link"));
    const name = title || link || `post ${id}`;
    if (type === "attachment") continue;
    if (type !== "post" && type !== "page") {
      otherTypes.set(type || "(no type)", (otherTypes.get(type || "(no type)") ?? 0) + 1);
      continue;
    }
    if (status === "trash" || status === "auto-draft" || status === "inherit") {
      skipped.push(`${name}: a ${type} in WordPress's ${status} (not content)`);
      continue;
    }
    const url = absolute(link, base) ?? idUrl(item) ?? "";
    const raw = text(item.children.find((c) => c.name === `${NS.content} encoded`));
    if (!url || !title || !raw) {
      skipped.push(`${name}: ${!url ? "no link" : !title ? "no title" : "no content"}`);
      continue;
    }
    // One line per kind of loss per post ("[gallery] removed (×10)"), in the order met.
    const notes = new Map<string, number>();
    const noted = (what: string) => notes.set(what, (notes.get(what) ?? 0) + 1);
    // Blocks WordPress draws when it shows the page leave nothing in the export: each is named
    // (issue 31), never dropped without a word.
    for (const block of drawnBlocks(raw))
      noted(
        `the block wp:${block} of 《${title}》 is not imported: WordPress draws it when the page is shown, and the export holds none of its content`,
      );
    let html: string;
    try {
      html = wpautop(expandShortcodes(raw, noted));
    } catch (e) {
      // A post its text cannot be read of (a library's crash) is named, and the others go on.
      skipped.push(`${position} (${title}): cannot be imported: ${(e as Error).message}`);
      continue;
    }
    if (!html.trim()) {
      skipped.push(`${title}: no content once its shortcodes are removed`);
      continue;
    }
    comments += wpAll(item, "comment").length;

    const draft = DRAFT.has(status) || text(wp(item, "post_password")) !== "";
    if (text(wp(item, "post_password")) !== "") noted("password-protected in WordPress: imported as a draft");
    const gmt = instant(text(wp(item, "post_date_gmt")), "UTC");
    const published =
      gmt ?? (status === "draft" || status === "pending" ? undefined : instant(text(wp(item, "post_date")), timeZone));
    const modified =
      instant(text(wp(item, "post_modified_gmt")), "UTC") ?? instant(text(wp(item, "post_modified")), timeZone);
    const updated = modified !== undefined && (published === undefined || modified > published) ? modified : undefined;

    const terms = item.children.filter((c) => c.name === "category");
    const categories = terms
      .filter((c) => c.attrs.domain === "category")
      .flatMap((c) => [text(c), decoded(c.attrs.nicename ?? "")])
      .filter(Boolean);
    const tags = terms
      .filter((c) => c.attrs.domain === "post_tag")
      .map(text)
      .filter(Boolean);
    const login = text(item.children.find((c) => c.name === `${NS.dc} creator`));
    const author = authors.get(login) ?? login;
    const excerptEl = item.children.find(
      (c) => c.name.endsWith(" encoded") && EXCERPT_NS.test(c.name.slice(0, -" encoded".length)),
    );
    let summary = plain(text(excerptEl));
    if (summary.length > SUMMARY_MAX) {
      noted(`excerpt longer than ${SUMMARY_MAX} characters: cut to fit the summary`);
      summary = `${summary.slice(0, SUMMARY_MAX - 1)}…`;
    }
    const cover = attachments.get(meta(item, "_thumbnail_id"));
    if (meta(item, "_thumbnail_id") && !cover)
      noted(`its featured image (attachment ${meta(item, "_thumbnail_id")}) is not in the export`);
    const body = cover ? withCover(html, cover, noted) : html;
    // Further old URLs: the guid (usually /?p=123) and the id form WordPress always answers.
    const own = idUrl(item);
    const guid = absolute(text(item.children.find((c) => c.name === "guid")), base);
    // A guid minted on another host (a site copied from elsewhere) was never this site's address.
    const sameHost = guid !== undefined && new URL(guid).host === new URL(url).host;
    const guidOk = sameHost && guid !== own && !idUrls.has(guid!) && guidCount.get(guid!) === 1;
    if (sameHost && guid !== own && !guidOk && guid !== url)
      noted(`its guid ${guid} is another post's address too: not an old URL of this one`);
    const aliases = [
      ...new Set([guidOk ? guid : undefined, own].filter((u): u is string => u !== undefined && u !== url)),
    ];
    if (type === "page") noted("a WordPress page, imported as an article: move it to its section if needed");

    for (const [what, n] of notes) warnings.push(`${url}: ${what}${n > 1 ? ` (×${n})` : ""}`);
    items.push({
      url,
      position,
      title,
      html: body,
      ...(published !== undefined ? { published } : {}),
      ...(updated !== undefined ? { updated } : {}),
      tags,
      categories,
      ...(author ? { author } : {}),
      ...(draft ? { draft: true } : {}),
      ...(summary ? { summary } : {}),
      ...(aliases.length ? { aliases } : {}),
    });
  }
  for (const [type, n] of [...otherTypes].sort())
    skipped.push(`${n} ${type} item(s): not articles (WordPress's ${type} post type)`);
  if (attachments.size)
    warnings.push(
      `${file}: ${attachments.size} attachment(s) are pictures, not articles: used as covers where a post names one`,
    );
  if (comments) warnings.push(`${file}: ${comments} comment(s) not imported (the site has no comments)`);
  return { kind: "WordPress export", items, skipped, warnings };
}

/** The body with its featured image first (see above), unless the body already holds that file. */
function withCover(html: string, cover: { url: string; alt?: string }, noted: (what: string) => void): string {
  const file = (src: string) => {
    try {
      // WordPress's sized copies (-300x200) are the same picture.
      return new URL(src, cover.url).pathname.replace(/-\d+x\d+(?=\.\w+$)/, "");
    } catch {
      return src;
    }
  };
  const srcs = [...html.matchAll(/<img\b[^>]*\bsrc\s*=\s*["']([^"']*)["']/gi)].map((m) => file(m[1]!));
  const at = srcs.indexOf(file(cover.url));
  if (at === 0) return html;
  if (at > 0) {
    noted(`its featured image ${cover.url} is not its first picture: name it in image: to make it the thumbnail`);
    return html;
  }
  const attr = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  return `<figure><img src="${attr(cover.url)}" alt="${attr(cover.alt ?? "")}"></figure>\n${html}`;
}

/** A post meta value (`wp:postmeta` with `wp:meta_key`), or "". */
function meta(item: XmlElement, key: string): string {
  for (const m of wpAll(item, "postmeta")) if (text(wp(m, "meta_key")) === key) return text(wp(m, "meta_value"));
  return "";
}

/** `href` as an absolute http(s) URL (relative to the blog's URL), or undefined. */
function absolute(href: string, base: string): string | undefined {
  if (!href) return undefined;
  try {
    const url = new URL(href, base ? `${base}/` : undefined);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}
