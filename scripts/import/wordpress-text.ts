/**
 * WordPress's post text as the HTML its site showed, for the importer (wxr.ts): WordPress stores a
 * classic-editor post as text whose paragraphs are blank-line separated, with shortcodes, and makes
 * the HTML only when it shows the post (the `the_content` filters: `do_shortcode`, `wpautop`).
 * These are ports of wp-includes/formatting.php `wpautop` and wp-includes/shortcodes.php
 * `get_shortcode_regex` / `shortcode_parse_atts` (WordPress 6.x), reduced to what an import needs.
 */

/** WordPress's block-level elements (formatting.php `$allblocks`). */
const BLOCKS =
  "(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|blockquote|address|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)";

/**
 * wpautop: double line breaks become paragraphs outside block elements, single ones `<br />`
 * (WordPress's `$br = true`). A post written in the block editor (its `<!-- wp:… -->` comments)
 * is left alone, as WordPress does (`has_blocks` removes the wpautop filter): it holds its `<p>`s.
 */
export function wpautop(input: string): string {
  if (input.trim() === "") return "";
  if (input.includes("<!-- wp:")) return input;
  let text = `${input}\n`;
  // <pre> is not touched: placeholders, brought back at the end.
  const pres: string[] = [];
  text = text.replace(/<pre[\s>][\s\S]*?<\/pre>/gi, (m) => {
    pres.push(m);
    return `<pre wp-pre-tag-${pres.length - 1}></pre>`;
  });
  text = text.replace(/<br\s*\/?>\s*<br\s*\/?>/g, "\n\n");
  text = text.replace(new RegExp(`(<${BLOCKS}[\\s/>])`, "g"), "\n\n$1");
  text = text.replace(new RegExp(`(</${BLOCKS}>)`, "g"), "$1\n\n");
  text = text.replace(/(<hr\s*?\/?>)/g, "$1\n\n");
  text = text.replace(/\r\n?/g, "\n");
  // Newlines inside tags and comments are not line breaks (wp_replace_in_html_tags).
  text = text.replace(/<!--[\s\S]*?-->|<[^>]*>/g, (m) => m.replace(/\n/g, " <!-- wpnl --> "));
  // No paragraphs around <option>, <param>/<embed> in <object>, <source>/<track> in media.
  text = text.replace(/\s*<option/g, "<option").replace(/<\/option>\s*/g, "</option>");
  text = text.replace(/\s*(<\/?(?:param|embed)[^>]*>)\s*/g, "$1");
  text = text.replace(/\s*(<(?:source|track)[^>]*>)\s*/g, "$1");
  text = text.replace(/\n\n+/g, "\n\n");
  text = text
    .split(/\n\s*\n/)
    .filter((p) => p !== "")
    .map((p) => `<p>${p.replace(/^\n+|\n+$/g, "")}</p>\n`)
    .join("");
  text = text.replace(/<p>\s*<\/p>/g, "");
  text = text.replace(/<p>([^<]+)<\/(div|address|form)>/g, "<p>$1</p></$2>");
  text = text.replace(new RegExp(`<p>\\s*(</?${BLOCKS}[^>]*>)\\s*</p>`, "g"), "$1");
  text = text.replace(/<p>(<li.+?)<\/p>/g, "$1");
  text = text
    .replace(/<p><blockquote([^>]*)>/gi, "<blockquote$1><p>")
    .replace(/<\/blockquote><\/p>/g, "</p></blockquote>");
  text = text.replace(new RegExp(`<p>\\s*(</?${BLOCKS}[^>]*>)`, "g"), "$1");
  text = text.replace(new RegExp(`(</?${BLOCKS}[^>]*>)\\s*</p>`, "g"), "$1");
  // Line breaks: not inside script, style, svg or math.
  text = text.replace(/<(script|style|svg|math)[\s\S]*?<\/\1>/g, (m) => m.replace(/\n/g, "<WPPreserveNewline />"));
  text = text.replace(/<br>|<br\/>/g, "<br />");
  text = text.replace(/(?<!<br \/>)\s*\n/g, "<br />\n");
  text = text.replace(/<WPPreserveNewline \/>/g, "\n");
  text = text.replace(new RegExp(`(</?${BLOCKS}[^>]*>)\\s*<br />`, "g"), "$1");
  text = text.replace(/<br \/>(\s*<\/?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)/g, "$1");
  text = text.replace(/\n<\/p>$/, "</p>");
  text = text.replace(/<pre wp-pre-tag-(\d+)><\/pre>/g, (_, i: string) => pres[Number(i)]!);
  return text.replace(/ <!-- wpnl --> |<!-- wpnl -->/g, "\n");
}

/**
 * shortcodes.php `get_shortcode_regex` for any name: `[name atts]`, `[name atts /]` or
 * `[name atts]content[/name]`; `[[name]]` is an escaped, literal `[name]`. Groups: 1 and 6 the
 * escaping brackets, 2 the name, 3 the attributes, 4 the self-closing slash, 5 the content.
 */
const SHORTCODE =
  /\[(\[?)([A-Za-z][\w-]*)(?![\w-])([^\]/]*(?:\/(?!\])[^\]/]*)*?)(?:(\/)\]|\](?:([^[]*(?:\[(?!\/\2\])[^[]*)*)\[\/\2\])?)(\]?)/g;

/** shortcodes.php `shortcode_parse_atts`: named attributes (names lowercased); positional ones are ignored. */
export function shortcodeAtts(text: string): Record<string, string> {
  const atts: Record<string, string> = {};
  const re = /([\w-]+)\s*=\s*"([^"]*)"(?:\s|$)|([\w-]+)\s*=\s*'([^']*)'(?:\s|$)|([\w-]+)\s*=\s*([^\s'"]+)(?:\s|$)/g;
  for (const m of text.replace(/[\u00a0\u200b]/g, " ").matchAll(re)) {
    if (m[1]) atts[m[1].toLowerCase()] = m[2]!;
    else if (m[3]) atts[m[3].toLowerCase()] = m[4]!;
    else if (m[5]) atts[m[5].toLowerCase()] = m[6]!;
  }
  return atts;
}

/** The shortcodes WordPress core registers (wp-includes/media.php, class-wp-embed.php). */
const CORE = new Set(["caption", "wp_caption", "gallery", "playlist", "audio", "video", "embed"]);

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * Shortcodes as HTML: `[caption]` (and the old `[wp_caption]`) a `<figure>` with its
 * `<figcaption>` (media.php `img_caption_shortcode`), `[embed]url[/embed]` a link to what it
 * embedded; every other shortcode (`[gallery]`, `[audio]`, `[video]`, a plugin's) is removed,
 * keeping what it encloses, and `warn` is told each one. Escaped `[[x]]` becomes the text `[x]`;
 * a bracket that is no shortcode (below) stays as written.
 */
export function expandShortcodes(html: string, warn: (what: string) => void): string {
  return html.replace(
    SHORTCODE,
    (
      whole,
      open: string,
      name: string,
      atts: string,
      _slash: string | undefined,
      content: string | undefined,
      close: string,
    ) => {
      if (open === "[" && close === "]") return whole.slice(1, -1);
      const tag = name.toLowerCase();
      const a = shortcodeAtts(atts);
      // WordPress expands only registered shortcodes and leaves any other bracket as text: a name
      // WordPress itself registers, or one that encloses content, closes itself or takes
      // `name=value` attributes is a shortcode; `[simple boat]` in a sentence is text.
      const shortcode =
        CORE.has(tag) || content !== undefined || _slash === "/" || atts.trim() === "" || Object.keys(a).length > 0;
      if (!shortcode) return whole;
      if (tag === "caption" || tag === "wp_caption") {
        let body = content ?? "";
        let caption = a.caption ?? "";
        // The caption follows the picture (or its link) in the content (img_caption_shortcode).
        const m = /^\s*((?:<a [^>]+>\s*)?<img [^>]+>(?:\s*<\/a>)?)([\s\S]*)$/i.exec(body);
        if (m) {
          body = m[1]!;
          caption = m[2]!.trim() || caption;
        }
        body = expandShortcodes(body, warn);
        return `<figure>${body}${caption ? `<figcaption>${caption}</figcaption>` : ""}</figure>`;
      }
      if (tag === "embed") {
        const url = (content ?? "").trim();
        warn(`[embed] of ${url || "nothing"} kept as a link (embeds are not imported)`);
        return /^https?:\/\//.test(url) ? `<p><a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>` : "";
      }
      const what = a.src ?? a.mp3 ?? a.mp4 ?? a.ids ?? "";
      warn(`[${name}${what ? ` ${what}` : ""}] removed${content?.trim() ? " (its content kept)" : ""}`);
      return content ? expandShortcodes(content, warn) : "";
    },
  );
}
