/**
 * Markdown → HTML, once, at build time (CommonMark via markdown-it; the worker ships no parser).
 * Besides the HTML it returns the headings (for the API's outline and fragment links), the
 * picture positions, and plain text (for derived summaries).
 *
 * Raw HTML in Markdown is off: every byte of the output comes from markdown-it's escaping
 * renderer, so bodies are always well-formed inside XML feeds.
 */
import type { Derived } from "./images.ts";
import MarkdownIt, { type Token } from "markdown-it";
import type { Figure, Heading } from "../../src/content/model.ts";
import { paths } from "../../src/content/urls.ts";
import { issue } from "./catalogue.ts";
import type { ContentIssue } from "./issues.ts";

export interface ImageDeclaration {
  file: string;
  alt: string;
  caption?: string;
  unavailable: boolean;
}

export interface MediaSize {
  width?: number;
  height?: number;
  /** The published file's length (the largest fallback variant's, for a derived picture). */
  bytes?: number;
  /** The variants published instead of the file (images.ts). */
  derived?: Derived;
}

/** What compiling asks of content/media/: whether a file is there, and its size and variants. */
export interface MediaLookup {
  has(name: string): boolean;
  get(name: string): MediaSize | undefined;
}

export interface CompileInput {
  body: string;
  /** Line of the body's first line in the file, to report body problems at file lines. */
  bodyLine: number;
  file: string;
  images: ImageDeclaration[];
  /** The cover's file (`image:`), shown above the body: declared in images:, it is placed. */
  cover?: string;
  /** Files present in content/media/, with their pixel size when known. */
  media: MediaLookup;
}

/** A link from the body to another article: `/articles/<slug>` or `<file>.md`. */
export interface InternalLink {
  href: string;
  line: number;
}

export interface Compiled {
  html: string;
  links: InternalLink[];
  text: string;
  headings: Heading[];
  figures: Figure[];
  issues: ContentIssue[];
}

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

export function compileMarkdown(input: CompileInput): Compiled {
  const issues: ContentIssue[] = [];
  const headings: Heading[] = [];
  const figures: Figure[] = [];
  const usedIds = new Set<string>();
  const declared = new Map(input.images.map((i) => [i.file, i]));
  const tokens = md.parse(input.body, {});
  const lineOf = (map: [number, number] | null | undefined) => input.bodyLine + (map?.[0] ?? 0);
  const textParts: string[] = [];
  const links: InternalLink[] = [];
  const outline = new Outline();

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type === "heading_open") {
      const level = outline.level(Number(token.tag.slice(1)));
      const inline = tokens[i + 1]!;
      const text = inline.content.trim();
      // The closing tag is the token after the heading's inline content.
      token.tag = tokens[i + 2]!.tag = `h${level}`;
      const id = uniqueId(text, usedIds);
      token.attrSet("id", id);
      headings.push({ level, id, text });
    }
    if (token.type === "inline") {
      textParts.push(plain(token.content));
      for (const child of token.children ?? []) {
        if (child.type === "image") {
          // An image inside running text (not a figure of its own): it must exist too.
          const src = String(child.attrGet("src") ?? "");
          if (/^[a-z][a-z0-9+.-]*:|^\//i.test(src)) continue;
          const name = mediaName(src);
          if (input.media.has(name)) inlineImage(child, name, input.media.get(name));
          else {
            const where = { file: input.file, line: lineOf(token.map), column: 1, field: "body" };
            issues.push(issue("missing-media", where, { file: name, inline: true }));
          }
        }
        const href = child.type === "link_open" ? String(child.attrGet("href") ?? "") : "";
        if (/^\/articles\/|^(?:\.\/)?[^/:?#]+\.md(?:#|$)/.test(href)) links.push({ href, line: lineOf(token.map) });
      }
    }

    // A paragraph holding a single image is a figure (a picture position of the article).
    if (
      token.type === "paragraph_open" &&
      tokens[i + 1]?.type === "inline" &&
      tokens[i + 1]!.children?.length === 1 &&
      tokens[i + 1]!.children![0]!.type === "image"
    ) {
      const image = tokens[i + 1]!.children![0]!;
      const file = mediaName(String(image.attrGet("src") ?? ""));
      const decl = declared.get(file);
      const alt = decl?.alt || image.children?.map((c) => c.content).join("") || "";
      const title = image.attrGet("title");
      const caption = decl?.caption ?? (title ? String(title) : undefined);
      const exists = input.media.has(file);
      const line = lineOf(token.map);
      if (!exists && !decl?.unavailable) {
        issues.push(
          issue("missing-media", { file: input.file, line, column: 1, field: "body" }, { file, inline: false }),
        );
      }
      const available = exists;
      const size = input.media.get(file);
      if (available && !alt.trim()) {
        issues.push(issue("image-alt-missing", { file: input.file, line, column: 1, field: "body" }, { file }));
      }
      const first = !figures.some((f) => f.available);
      figures.push(figureOf(file, alt, caption, available ? size : undefined));
      const html = available ? figureHtml(file, alt, caption, size, first) : unavailableHtml(file);
      // Turn paragraph_open into the figure's html_block and drop the inline and paragraph_close.
      Object.assign(token, { type: "html_block", tag: "", nesting: 0, content: html });
      tokens.splice(i + 1, 2);
    }
  }

  for (const file of declared.keys()) {
    // The cover is placed too: above the body (render/html/article.ts).
    if (file !== input.cover && !figures.some((f) => f.file === file)) {
      issues.push(
        issue("image-not-placed", { file: input.file, line: input.bodyLine, column: 1, field: "images" }, { file }),
      );
    }
  }

  const html = md.renderer.render(tokens, md.options, {});
  return { html, links, text: textParts.filter(Boolean).join("\n"), headings, figures, issues };
}

/**
 * The body's outline under the page's one <h1>, the title (HTML §4.3.11 "Headings and outlines";
 * WCAG 2.2 technique G141): the first heading is an <h2>, and a heading is at most one level
 * below the one it follows, whatever levels the Markdown uses. An import that starts at ###, a
 * body that starts at # (the desk's 标题 1), and ## → #### all render as a valid outline, so
 * the check has nothing to refuse. Headings written at the same level stay siblings; a heading
 * written higher than every open one is a section again (<h2>). <h4> is the deepest (the API's
 * outline, Heading in src/content/model.ts): anything deeper is rendered as an <h4>.
 */
class Outline {
  /** The open headings: the level written in Markdown and the level rendered, outermost first. */
  private open: { written: number; rendered: number }[] = [];

  /** The level to render a heading written at `written` (1-6), given the headings before it. */
  level(written: number): Heading["level"] {
    while (this.open.length && this.open.at(-1)!.written >= written) this.open.pop();
    const rendered = Math.min(4, (this.open.at(-1)?.rendered ?? 1) + 1) as Heading["level"];
    this.open.push({ written, rendered });
    return rendered;
  }
}

/**
 * HTML §4.8.4.2: candidates by width, chosen against `sizes`: the text column, 40rem at most and
 * the viewport less .wrap's 1rem each side below that (site.css), so a 375 px phone asks 343 px.
 */
const SIZES = "(max-width: 42rem) calc(100vw - 2rem), 40rem";
const srcset = (variants: readonly { file: string; width: number }[]) =>
  variants.map((v) => `${paths.media(v.file)} ${v.width}w`).join(", ");

/**
 * A file name as the editor wrote it: markdown-it percent-encodes link destinations (`会场.jpg`
 * arrives as `%E4%BC%9A%E5%9C%BA.jpg`), and content/media/ holds the name itself. The path from
 * the article to the file (`../media/会场.jpg`, which an editor's Markdown preview shows) names
 * the same file.
 */
function mediaName(src: string): string {
  let name = src;
  try {
    name = decodeURIComponent(src);
  } catch {
    // Not percent-encoding after all: the name as written.
  }
  return name.replace(/^\.\.\/media\/(?=[^/]+$)/, "");
}

/**
 * A picture inside running text: the same markup as a figure's picture, without the figure, and
 * always lazy (the original is never published).
 */
function inlineImage(image: Token, name: string, size: MediaSize | undefined): void {
  const alt = image.children?.map((c) => c.content).join("") ?? "";
  Object.assign(image, { type: "html_inline", content: pictureHtml(name, alt, size, false), children: null });
}

function figureHtml(
  file: string,
  alt: string,
  caption: string | undefined,
  size: MediaSize | undefined,
  first: boolean,
): string {
  const cap = caption ? `<figcaption>${escapeHtml(caption)}</figcaption>` : "";
  return `<figure>${pictureHtml(file, alt, size, first)}${cap}</figure>\n`;
}

/** A `<picture>` of a photo's variants (AVIF, WebP, then the fallback's `<img>`), or an `<img>`. */
function pictureHtml(file: string, alt: string, size: MediaSize | undefined, first: boolean): string {
  const url = (name: string) => escapeHtml(paths.media(name));
  // Intrinsic size lets the browser reserve the space before the picture loads (no layout shift).
  const dims = size?.width && size.height ? ` width="${size.width}" height="${size.height}"` : "";
  // The first picture is likely the largest contentful paint: fetched at once; the rest when near.
  const loading = first ? ` fetchpriority="high"` : ` loading="lazy" decoding="async"`;
  const sets = size?.derived?.sets;
  if (!sets) return `<img src="${url(file)}" alt="${escapeHtml(alt)}"${dims}${loading}>`;
  const sizes = ` sizes="${SIZES}"`;
  const set = (variants: readonly { file: string; width: number }[]) => escapeHtml(srcset(variants));
  const fallback = sets.at(-1)!.variants;
  const sources = sets
    .slice(0, -1)
    .map((s) => `<source type="${s.type}" srcset="${set(s.variants)}"${sizes}>`)
    .join("");
  const img = `<img src="${url(fallback.at(-1)!.file)}" srcset="${set(fallback)}"${sizes} alt="${escapeHtml(alt)}"${dims}${loading}>`;
  return `<picture>${sources}${img}</picture>`;
}

/**
 * A picture as the model holds it: what a thumbnail links to (a photo's largest fallback variant,
 * else the file) and its size. `size` undefined: the file is not available.
 */
export function figureOf(file: string, alt: string, caption: string | undefined, size: MediaSize | undefined): Figure {
  const published = size?.derived?.sets.at(-1)?.variants.at(-1)?.file;
  return {
    file,
    alt,
    ...(caption ? { caption } : {}),
    available: size !== undefined,
    ...(published ? { src: published } : {}),
    ...(size?.width && size.height ? { width: size.width, height: size.height } : {}),
    ...(size?.bytes !== undefined ? { bytes: size.bytes } : {}),
  };
}

/**
 * The cover above the body: the same `<picture>` as a figure's, fetched at once (it is the top of
 * the page), described by its alt.
 */
export function coverHtml(file: string, alt: string, size: MediaSize | undefined): string {
  return `<figure class="cover">${pictureHtml(file, alt, size, true)}</figure>\n`;
}

/** The narrowest published variant of a photo (its fallback type), for list thumbnails. */
export function thumbOf(size: MediaSize | undefined): Figure["thumb"] {
  const v = size?.derived?.sets.at(-1)?.variants[0];
  return v ? { file: v.file, width: v.width, height: v.height } : undefined;
}

/** The place of a picture whose file is missing: kept in the markup, invisible to readers. */
function unavailableHtml(file: string): string {
  return `<!-- picture ${file.replace(/-{2,}/g, "-")}: file not available -->\n`;
}

/** Fragment ids keep CJK text (HTML ids allow any non-space character). */
function uniqueId(text: string, used: Set<string>): string {
  const base =
    text
      .normalize("NFKC")
      .toLowerCase()
      .replace(/[\s\u3000]+/g, "-")
      .replace(/[^\p{L}\p{N}_-]+/gu, "")
      .replace(/-{2,}/g, "-")
      .replace(/^-|-$/g, "") || "section";
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  used.add(id);
  return id;
}

/**
 * Inline Markdown → plain text, one line per block (links keep their text, emphasis marks go).
 * A line break inside a paragraph is only where the source was wrapped: dropped next to Chinese
 * text (which has no spaces), a space between other words.
 */
function plain(inline: string): string {
  return inline
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[*_`~]+/g, "")
    .replace(/[ \t]*\n[ \t]*/g, (_, at: number, all: string) =>
      CJK.test(all[at - 1] ?? "") || CJK.test(all[at + _.length] ?? "") ? "" : " ",
    )
    .trim();
}

/** Chinese characters and full-width punctuation: text that joins without spaces. */
const CJK = /[\u3000-\u9fff\uff00-\uffef]/;

export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
