/**
 * An article as WeChat's editor (公众号 图文消息) keeps it: pure, (article, site) => HTML and text.
 *
 * What WeChat does to pasted or pushed HTML (issue 31 part 3): it drops <style> and every class,
 * keeps inline `style`, removes script, shows only pictures it hosts (mmbiz.qpic.cn: the push
 * uploads them, push.ts), and makes links to other sites unclickable. So every element carries
 * its own style here, in the site's typography (src/assets/site.css: its light palette, 17px
 * type, 1.8 line height, the brand's red rule beside each 小标题), and every link becomes a
 * numbered note at the end with its full URL, readable and copyable. The 来源 line and a 原文链接
 * to the article's page on the site follow the body.
 *
 * Input is the stored article's body (`Article.html`, made by markdown-it at build time from
 * Markdown with raw HTML off: scripts/content/markdown.ts), read with linkedom; output is written
 * element by element through the site's one escaper (src/render/html/escape.ts).
 */
import { parseHTML } from "linkedom";
import type { Article, SiteSettings } from "../../src/content/model.ts";
import { paths, url } from "../../src/content/urls.ts";
import { esc } from "../../src/render/html/escape.ts";

/** site.css's light palette (`:root`): WeChat has no dark-mode hook for inline styles. */
const FG = "#1f1b16";
const MUTED = "#5e564c";
const LINE = "#e4ddd2";
const BRAND = "#8a2c1c";
const FONT = "system-ui,-apple-system,PingFang SC,Hiragino Sans GB,Microsoft YaHei,Noto Sans CJK SC,sans-serif";

/**
 * Each element's inline style, from site.css's `.body` rules in px (WeChat's editor sets its own
 * root font size, so rem would not mean the site's sizes there).
 */
export const STYLE = {
  section: `font-family:${FONT};font-size:17px;line-height:1.8;color:${FG};letter-spacing:0.02em;word-wrap:break-word`,
  p: "margin:0 0 1.1em;text-align:justify",
  h2: `font-size:22px;line-height:1.35;font-weight:700;margin:36px 0 12px;padding-left:10px;border-left:4px solid ${BRAND}`,
  h3: `font-size:18px;line-height:1.4;font-weight:700;margin:4px 0 16px;color:${MUTED}`,
  h4: "font-size:17px;line-height:1.5;font-weight:700;margin:16px 0 8px",
  ul: "margin:0 0 1.1em;padding-left:2em;list-style-type:disc",
  ol: "margin:0 0 1.1em;padding-left:2em;list-style-type:decimal",
  li: "margin:0 0 0.3em",
  blockquote: `margin:0 0 1.1em;padding:8px 0 8px 14px;border-left:3px solid ${LINE};color:${MUTED}`,
  figure: "margin:24px 0",
  img: "display:block;max-width:100%;height:auto;margin:0 auto",
  inlineImg: "max-width:100%;height:auto;vertical-align:middle",
  figcaption: `color:${MUTED};font-size:14px;line-height:1.6;margin-top:6px;text-align:center`,
  table: "border-collapse:collapse;width:100%;margin:16px 0;font-size:15px",
  th: `text-align:left;padding:8px;border-bottom:2px solid ${LINE};font-weight:700`,
  td: `text-align:left;padding:8px;border-bottom:1px solid ${LINE}`,
  link: `color:${BRAND}`,
  ref: `color:${BRAND};font-size:12px;vertical-align:super;line-height:0`,
  code: "font-family:Menlo,Consolas,Courier New,monospace;font-size:15px;background:#f3eee6;padding:1px 4px;border-radius:3px",
  pre: "font-family:Menlo,Consolas,Courier New,monospace;font-size:14px;line-height:1.6;background:#f3eee6;padding:12px;margin:0 0 1.1em;white-space:pre-wrap;word-break:break-all",
  hr: `border:0;border-top:1px solid ${LINE};margin:24px 0`,
  strong: "font-weight:700",
  em: "font-style:italic",
  del: "text-decoration:line-through",
  source: `color:${MUTED};border-top:1px solid ${LINE};padding-top:16px;margin:24px 0 1.1em`,
  notesTitle: `font-size:15px;font-weight:700;color:${MUTED};margin:24px 0 8px`,
  notes: `margin:0 0 1.1em;padding-left:2.2em;color:${MUTED};font-size:14px;line-height:1.6;list-style-type:decimal`,
  note: "margin:0 0 0.4em;word-break:break-all",
  original: `color:${MUTED};font-size:14px;margin:0 0 1.1em;word-break:break-all`,
} as const;

export interface WechatNote {
  /** 1-based: the number shown after the linked words and before the URL. */
  n: number;
  url: string;
}

export interface WechatOptions {
  /**
   * A body picture's URL in the output, from its site path (`/media/…`). By default its absolute
   * URL on the site (what WeChat's editor fetches when the editor pastes); the push gives the
   * URL WeChat returned for the uploaded file.
   */
  imageUrl?: (path: string) => string;
}

export interface WechatArticle {
  /** One <section> with inline styles only, ready for WeChat's editor or draft/add's `content`. */
  html: string;
  /** The same article as plain text (the clipboard's text/plain). */
  text: string;
  /** Every link of the body and the 来源 line, numbered in order of first appearance. */
  notes: WechatNote[];
  /** Site paths of the body's pictures, in order, each once: what the push uploads. */
  images: string[];
  /** The article's page on the site (原文链接, draft/add's content_source_url). */
  url: string;
}

/** The part of linkedom's DOM read here (its own types need the DOM library). */
interface Node {
  nodeType: number;
  nodeName: string;
  nodeValue: string | null;
  childNodes: ArrayLike<Node>;
  parentNode: Node | null;
  getAttribute?(name: string): string | null;
}

const TEXT = 3;
const ELEMENT = 1;

/** Elements that keep their tag in WeChat's editor, with the style they carry. */
const BLOCKS: Record<string, keyof typeof STYLE> = {
  p: "p",
  h2: "h2",
  h3: "h3",
  h4: "h4",
  ul: "ul",
  ol: "ol",
  li: "li",
  blockquote: "blockquote",
  figure: "figure",
  figcaption: "figcaption",
  table: "table",
  th: "th",
  td: "td",
  pre: "pre",
};
const INLINE: Record<string, keyof typeof STYLE> = {
  strong: "strong",
  b: "strong",
  em: "em",
  i: "em",
  s: "del",
  del: "del",
};
const CONTAINERS = new Set(["table", "thead", "tbody", "tr", "ul", "ol"]);
/** Table structure: kept as it is, without style of its own. */
const STRUCTURE = new Set(["thead", "tbody", "tr"]);

function open(tag: string, style: string, attrs: Record<string, string> = {}): string {
  const rest = Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${esc(v)}"`)
    .join("");
  return `<${tag} style="${esc(style)}"${rest}>`;
}

/** A cell's alignment as markdown-it writes it (`style="text-align:right"`), kept. */
function alignOf(el: Node): string {
  const m = /text-align:\s*(left|right|center)/.exec(el.getAttribute?.("style") ?? "");
  return m ? `;text-align:${m[1]}` : "";
}

export function renderWechat(article: Article, site: SiteSettings, options: WechatOptions = {}): WechatArticle {
  const imageUrl = options.imageUrl ?? ((path: string) => url(site, path));
  const canonical = url(site, paths.article(article.slug));
  const notes: WechatNote[] = [];
  const images: string[] = [];

  /** The note number of a URL: the same URL twice is one note. */
  const noteOf = (href: string): number => {
    const target = href.startsWith("/") ? url(site, href) : href;
    const found = notes.find((n) => n.url === target);
    if (found) return found.n;
    notes.push({ n: notes.length + 1, url: target });
    return notes.length;
  };

  /** The picture's site path: the <img>'s `src` (a published file under /media/). */
  const picture = (img: Node, style: string): [string, string] => {
    const src = img.getAttribute?.("src") ?? "";
    const alt = img.getAttribute?.("alt") ?? "";
    if (src.startsWith("/") && !images.includes(src)) images.push(src);
    const out = src.startsWith("/") ? imageUrl(src) : src;
    const dims: Record<string, string> = {};
    for (const k of ["width", "height"]) {
      const v = img.getAttribute?.(k);
      if (v && /^\d+$/.test(v)) dims[k] = v;
    }
    return [open("img", style, { src: out, alt, ...dims }), alt ? `[图片:${alt}]` : "[图片]"];
  };

  /** Nodes in order as WeChat HTML and as plain text, each joined. */
  const walkAll = (nodes: ArrayLike<Node>): [string, string] => {
    let html = "";
    let text = "";
    for (const child of Array.from(nodes)) {
      const [h, t] = walk(child);
      html += h;
      text += t;
    }
    return [html, text];
  };

  /** A node as WeChat HTML and as plain text. */
  const walk = (node: Node): [string, string] => {
    if (node.nodeType === TEXT) {
      const value = node.nodeValue ?? "";
      // Line breaks between a table's or a list's own children are markup, not text.
      if (!value.trim() && CONTAINERS.has(node.parentNode?.nodeName.toLowerCase() ?? "")) return ["", ""];
      return [esc(value), value];
    }
    if (node.nodeType !== ELEMENT) return ["", ""]; // comments: an unavailable picture's place
    const tag = node.nodeName.toLowerCase();
    const inner = () => walkAll(node.childNodes);
    if (tag === "picture") {
      // The fallback <img> is the picture (its src a JPEG or PNG); the AVIF/WebP sources go.
      const img = Array.from(node.childNodes).find((c) => c.nodeName.toLowerCase() === "img");
      return img ? picture(img, STYLE.img) : ["", ""];
    }
    if (tag === "img") return picture(node, STYLE.inlineImg);
    if (tag === "a") {
      const href = node.getAttribute?.("href") ?? "";
      const [h, t] = inner();
      if (!href || href.startsWith("#")) return [h, t];
      const n = noteOf(href);
      return [`${open("span", STYLE.link)}${h}</span>${open("sup", STYLE.ref)}[${n}]</sup>`, `${t}[${n}]`];
    }
    if (tag === "br") return ["<br>", "\n"];
    if (tag === "hr") return [open("hr", STYLE.hr), "——\n\n"];
    if (tag === "code") {
      const [h, t] = inner();
      // Inside <pre> the block carries the style.
      return node.parentNode?.nodeName.toLowerCase() === "pre" ? [h, t] : [`${open("code", STYLE.code)}${h}</code>`, t];
    }
    if (STRUCTURE.has(tag)) {
      const [h, t] = inner();
      return [`<${tag}>${h}</${tag}>`, tag === "tr" ? `${t.replace(/\t$/, "")}\n` : t];
    }
    if (tag in INLINE) {
      const [h, t] = inner();
      return [`${open(tag, STYLE[INLINE[tag]!])}${h}</${tag}>`, t];
    }
    if (tag in BLOCKS) {
      const [h, t] = inner();
      const style = STYLE[BLOCKS[tag]!] + (tag === "th" || tag === "td" ? alignOf(node) : "");
      const html = `${open(tag, style)}${h}</${tag}>`;
      if (tag === "td" || tag === "th") return [html, `${t.trim()}\t`];
      if (tag === "li") return [html, `${t.trim()}\n`];
      if (tag === "ul" || tag === "ol") return [html, `${listText(t, tag === "ol")}\n`];
      if (tag === "figcaption") return [html, `\n${t.trim()}`];
      return [html, `${t.trim()}\n\n`];
    }
    // Anything else (a <div> or <span> markdown-it never writes): its content, unwrapped.
    return inner();
  };

  const { document } = parseHTML(`<!doctype html><html><body>${article.html}</body></html>`);
  const body = document.body as unknown as Node;
  let [html, text] = walkAll(body.childNodes);

  // 来源: the original publisher travels with the text (src/render/html/parts.ts sourceLine);
  // its link, like every other, becomes a note.
  if (article.source) {
    const ref = article.sourceUrl ? noteOf(article.sourceUrl) : 0;
    const mark = ref ? `${open("sup", STYLE.ref)}[${ref}]</sup>` : "";
    html += `${open("p", STYLE.source)}来源:${esc(article.source)}${mark}</p>`;
    text += `来源:${article.source}${ref ? `[${ref}]` : ""}\n\n`;
  }
  if (notes.length) {
    html += `${open("p", STYLE.notesTitle)}注释</p>${open("ol", STYLE.notes)}${notes
      .map((n) => `${open("li", STYLE.note)}${esc(n.url)}</li>`)
      .join("")}</ol>`;
    text += `注释\n${notes.map((n) => `[${n.n}] ${n.url}`).join("\n")}\n\n`;
  }
  html += `${open("p", STYLE.original)}原文链接:${esc(canonical)}</p>`;
  text += `原文链接:${canonical}\n`;

  return {
    html: `${open("section", STYLE.section)}${html}</section>`,
    text: text.replace(/\n{3,}/g, "\n\n"),
    notes,
    images,
    url: canonical,
  };
}

/** A list's items as plain text: `1. ` for an ordered list, `· ` otherwise, one a line. */
function listText(items: string, ordered: boolean): string {
  return items
    .split("\n")
    .filter((l) => l.trim())
    .map((l, i) => `${ordered ? `${i + 1}. ` : "· "}${l}`)
    .join("\n");
}
