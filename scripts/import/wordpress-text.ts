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
 *
 * Linear in the text's length (issue 29: 100 KB of spaces took 71 s): WordPress's expressions that
 * scan ahead from every position (a run of white space before `<option`, a `<` without its `>`, a
 * `<pre>` or a `<!--` never closed) are written as one pass each (`spans`, `tagsAndComments`,
 * `lineBreaks`, `listParagraphs`) or start only where a run of white space starts; a tag's
 * attributes are read to the next `<` or `>` (`[^<>]*`, where WordPress reads to the next `>`).
 */
export function wpautop(input: string): string {
  if (input.trim() === "") return "";
  if (input.includes("<!-- wp:")) return input;
  let text = `${input}\n`;
  // <pre> is not touched: placeholders, brought back at the end.
  const pres: string[] = [];
  text = spans(
    text,
    /<pre[\s>]/gi,
    () => /<\/pre>/gi,
    (m) => {
      pres.push(m);
      return `<pre wp-pre-tag-${pres.length - 1}></pre>`;
    },
  );
  text = text.replace(/<br\s*\/?>\s*<br\s*\/?>/g, "\n\n");
  text = text.replace(new RegExp(`(<${BLOCKS}[\\s/>])`, "g"), "\n\n$1");
  text = text.replace(new RegExp(`(</${BLOCKS}>)`, "g"), "$1\n\n");
  text = text.replace(/(<hr\s*?\/?>)/g, "$1\n\n");
  text = text.replace(/\r\n?/g, "\n");
  // Newlines inside tags and comments are not line breaks (wp_replace_in_html_tags).
  text = tagsAndComments(text, (m) => m.replace(/\n/g, " <!-- wpnl --> "));
  // No paragraphs around <option>, <param>/<embed> in <object>, <source>/<track> in media.
  text = text.replace(/(?<!\s)\s*<option/g, "<option").replace(/<\/option>\s*/g, "</option>");
  text = text.replace(/(?<!\s)\s*(<\/?(?:param|embed)[^<>]*>)\s*/g, "$1");
  text = text.replace(/(?<!\s)\s*(<(?:source|track)[^<>]*>)\s*/g, "$1");
  text = text.replace(/\n\n+/g, "\n\n");
  text = text
    .split(/\n\s*\n/)
    .filter((p) => p !== "")
    .map((p) => `<p>${p.replace(/^\n+|\n+$/g, "")}</p>\n`)
    .join("");
  text = text.replace(/<p>\s*<\/p>/g, "");
  text = text.replace(/<p>([^<]+)<\/(div|address|form)>/g, "<p>$1</p></$2>");
  text = text.replace(new RegExp(`<p>\\s*(</?${BLOCKS}[^<>]*>)\\s*</p>`, "g"), "$1");
  text = listParagraphs(text);
  text = text
    .replace(/<p><blockquote([^>]*)>/gi, "<blockquote$1><p>")
    .replace(/<\/blockquote><\/p>/g, "</p></blockquote>");
  text = text.replace(new RegExp(`<p>\\s*(</?${BLOCKS}[^<>]*>)`, "g"), "$1");
  text = text.replace(new RegExp(`(</?${BLOCKS}[^<>]*>)\\s*</p>`, "g"), "$1");
  // Line breaks: not inside script, style, svg or math.
  text = spans(
    text,
    /<(script|style|svg|math)/g,
    (m) => new RegExp(`</${m[1]}>`, "g"),
    (m) => m.replace(/\n/g, "<WPPreserveNewline />"),
  );
  text = text.replace(/<br>|<br\/>/g, "<br />");
  text = lineBreaks(text);
  text = text.replace(/<WPPreserveNewline \/>/g, "\n");
  text = text.replace(new RegExp(`(</?${BLOCKS}[^<>]*>)\\s*<br />`, "g"), "$1");
  text = text.replace(/<br \/>(\s*<\/?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^<>]*>)/g, "$1");
  text = text.replace(/\n<\/p>$/, "</p>");
  text = text.replace(/<pre wp-pre-tag-(\d+)><\/pre>/g, (_, i: string) => pres[Number(i)]!);
  return text.replace(/ <!-- wpnl --> |<!-- wpnl -->/g, "\n");
}

/**
 * `text.replace(/OPEN[\s\S]*?CLOSE/g, fn)` in one pass: each opening found by `open` (global)
 * spans to the first `close(opening)` after it; an opening whose closing never comes is text, and
 * so is every later one of the same kind (what `close` returns, by its source), found once.
 */
function spans(
  text: string,
  open: RegExp,
  close: (opening: RegExpExecArray) => RegExp,
  fn: (whole: string) => string,
): string {
  const out: string[] = [];
  const unclosed = new Set<string>();
  let kept = 0;
  open.lastIndex = 0;
  for (let m = open.exec(text); m; m = open.exec(text)) {
    const ending = close(m);
    if (unclosed.has(ending.source)) continue;
    ending.lastIndex = m.index + m[0].length;
    if (!ending.exec(text)) {
      unclosed.add(ending.source);
      open.lastIndex = m.index + 1;
      continue;
    }
    out.push(text.slice(kept, m.index), fn(text.slice(m.index, ending.lastIndex)));
    kept = open.lastIndex = ending.lastIndex;
  }
  out.push(text.slice(kept));
  return out.join("");
}

/** `text.replace(/<!--[\s\S]*?-->|<[^>]*>/g, fn)` in one pass: a `<` with no `>` after it ends the tags. */
function tagsAndComments(text: string, fn: (whole: string) => string): string {
  const out: string[] = [];
  let kept = 0;
  let comments = true; // a `-->` is still ahead
  for (let at = text.indexOf("<"); at >= 0;) {
    let end = -1;
    if (comments && text.startsWith("<!--", at)) {
      const close = text.indexOf("-->", at + 4);
      if (close >= 0) end = close + 3;
      else comments = false;
    }
    if (end < 0) {
      const gt = text.indexOf(">", at + 1);
      if (gt < 0) break;
      end = gt + 1;
    }
    out.push(text.slice(kept, at), fn(text.slice(at, end)));
    kept = end;
    at = text.indexOf("<", end);
  }
  out.push(text.slice(kept));
  return out.join("");
}

/**
 * `text.replace(/(?<!<br \/>)\s*\n/g, "<br />\n")` in one pass: each run of white space holding a
 * line break, up to its last one, becomes `<br />\n`; right after a `<br />` its first character
 * stays (there the expression can only begin one character in).
 */
function lineBreaks(text: string): string {
  return text.replace(/\s+/g, (run: string, at: number) => {
    const last = run.lastIndexOf("\n");
    if (last < 0) return run;
    const skip = text.endsWith("<br />", at) ? 1 : 0;
    if (skip > last) return run;
    return `${run.slice(0, skip)}<br />\n${run.slice(last + 1)}`;
  });
}

/**
 * `text.replace(/<p>(<li.+?)<\/p>/g, "$1")` in one pass: from a `<p><li`, to the first `</p>` on
 * its line, at least one character after the `<li`; none on the line, no later one there either.
 */
function listParagraphs(text: string): string {
  const out: string[] = [];
  let kept = 0;
  const lineBreak = /[\n\r\u2028\u2029]/g;
  let lineEnd = -1; // where the line of the last `<p><li` ends
  let close = -1; // the first `</p>` after the last one looked for
  for (let at = text.indexOf("<p><li"); at >= 0;) {
    if (lineEnd < at) {
      lineBreak.lastIndex = at;
      lineEnd = lineBreak.exec(text)?.index ?? text.length;
    }
    if (close < at + 7) close = text.indexOf("</p>", at + 7);
    if (close < 0) break;
    if (close > lineEnd) {
      at = text.indexOf("<p><li", lineEnd);
      continue;
    }
    out.push(text.slice(kept, at), text.slice(at + 3, close));
    kept = close + 4;
    at = text.indexOf("<p><li", kept);
  }
  out.push(text.slice(kept));
  return out.join("");
}

/**
 * shortcodes.php `get_shortcode_regex` for any name: `[name atts]`, `[name atts /]` or
 * `[name atts]content[/name]`; `[[name]]` is an escaped, literal `[name]`. WordPress matches it as
 * one regular expression; here it is found by a scan with the same result (`shortcodeAt`), because
 * the expression looks for the closing `[/name]` from every opening and for the `]` from every `[`,
 * so it grows with the square of the text where they are missing (60,000 `[a]` took 28 s; issue 29).
 * The attributes run to the first `]` after the name (they hold none), less a `/` just before it
 * (the self-closing slash); the content, when a `[/name]` follows, runs to the first one.
 */
const OPENING = /\[(\[?)([A-Za-z][\w-]*)(?![\w-])/g;

interface ShortcodeMatch {
  /** The whole shortcode as written, from its `[` to its last `]`. */
  whole: string;
  open: string;
  name: string;
  atts: string;
  slash: string | undefined;
  content: string | undefined;
  close: string;
}

/** The shortcodes of `text` in order, with where each is, found in linear time (see above). */
function* shortcodesOf(text: string): Generator<ShortcodeMatch & { at: number; end: number }> {
  // Every closing tag once: name → its positions in order.
  const closings = new Map<string, number[]>();
  for (const m of text.matchAll(/\[\/([A-Za-z][\w-]*)\]/g)) {
    const list = closings.get(m[1]!) ?? [];
    list.push(m.index);
    closings.set(m[1]!, list);
  }
  /** The first `[/name]` at or after `from`, or -1. */
  const closingAfter = (name: string, from: number) => {
    const list = closings.get(name);
    if (!list) return -1;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]! < from) lo = mid + 1;
      else hi = mid;
    }
    return lo < list.length ? list[lo]! : -1;
  };
  let bracket = -1; // the first `]` at or after the last name read
  const opening = new RegExp(OPENING.source, "g");
  for (let m = opening.exec(text); m; m = opening.exec(text)) {
    const at = m.index;
    const afterName = at + m[0].length;
    if (bracket < afterName) bracket = text.indexOf("]", afterName);
    if (bracket < 0) return; // no `]` left: no shortcode either
    const slashed = bracket > afterName && text[bracket - 1] === "/";
    const atts = text.slice(afterName, slashed ? bracket - 1 : bracket);
    let end = bracket + 1;
    let content: string | undefined;
    if (!slashed) {
      const closing = closingAfter(m[2]!, end);
      if (closing >= 0) {
        content = text.slice(end, closing);
        end = closing + m[2]!.length + 3;
      }
    }
    const close = text[end] === "]" ? "]" : "";
    end += close.length;
    yield {
      at,
      end,
      whole: text.slice(at, end),
      open: m[1]!,
      name: m[2]!,
      atts,
      slash: slashed ? "/" : undefined,
      content,
      close,
    };
    opening.lastIndex = end;
  }
}

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
export function expandShortcodes(html: string, warn: (what: string) => void, depth = 0): string {
  const out: string[] = [];
  let kept = 0;
  for (const found of shortcodesOf(html)) {
    out.push(html.slice(kept, found.at), expanded(found));
    kept = found.end;
  }
  out.push(html.slice(kept));
  return out.join("");

  function expanded({ whole, open, name, atts, slash, content, close }: ShortcodeMatch): string {
    if (open === "[" && close === "]") return whole.slice(1, -1);
    const tag = name.toLowerCase();
    const a = shortcodeAtts(atts);
    // WordPress expands only registered shortcodes and leaves any other bracket as text: a name
    // WordPress itself registers, or one that encloses content, closes itself or takes
    // `name=value` attributes is a shortcode; `[simple boat]` in a sentence is text.
    const shortcode =
      CORE.has(tag) || content !== undefined || slash === "/" || atts.trim() === "" || Object.keys(a).length > 0;
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
      body = inner(body);
      return `<figure>${body}${caption ? `<figcaption>${caption}</figcaption>` : ""}</figure>`;
    }
    if (tag === "embed") {
      const url = (content ?? "").trim();
      warn(`[embed] of ${url || "nothing"} kept as a link (embeds are not imported)`);
      return /^https?:\/\//.test(url) ? `<p><a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>` : "";
    }
    const what = a.src ?? a.mp3 ?? a.mp4 ?? a.ids ?? "";
    warn(`[${name}${what ? ` ${what}` : ""}] removed${content?.trim() ? " (its content kept)" : ""}`);
    return content ? inner(content) : "";
  }

  /** What a shortcode encloses, expanded in turn, as deep as MAX_SHORTCODE_DEPTH. */
  function inner(text: string): string {
    if (depth < MAX_SHORTCODE_DEPTH) return expandShortcodes(text, warn, depth + 1);
    warn(`shortcodes nested more than ${MAX_SHORTCODE_DEPTH} deep: the inner ones kept as written`);
    return text;
  }
}

/** Shortcodes inside shortcodes: a caption in a column in a tab is three; no post nests 16. */
const MAX_SHORTCODE_DEPTH = 16;

/**
 * Blocks WordPress draws when it shows the page (blocks registered with a `render_callback`:
 * wp-includes/blocks/*.php): the post stores only their comment and settings, so the export holds
 * none of what readers saw (the latest posts, a query loop's posts, the page list, archives…).
 */
const DRAWN = new Set(
  (
    "latest-posts latest-comments query query-loop post-template page-list page-list-item archives calendar " +
    "categories tag-cloud rss search navigation navigation-link navigation-submenu home-link loginout " +
    "post-title post-content post-excerpt post-date post-featured-image post-author post-terms " +
    "query-title query-pagination comments site-title site-logo site-tagline template-part pattern block"
  ).split(" "),
);

/**
 * The blocks of a block-editor post whose content the export does not hold, outermost first, by
 * name as written (`latest-posts`, `jetpack/contact-form`): those in DRAWN, and any block saved
 * without markup (`<!-- wp:name /-->`: WordPress has nothing to show of it but what it draws).
 * Blocks inside one of them are not named again. One pass over the text.
 */
export function drawnBlocks(html: string): string[] {
  const found: string[] = [];
  /** The open blocks, and how deep the outermost drawn one is (-1: none open). */
  const open: string[] = [];
  let inside = -1;
  const comment = /<!--\s+(\/)?wp:([a-z][a-z0-9_-]*(?:\/[a-z][a-z0-9_-]*)?)(?=[\s/])/y;
  for (let at = html.indexOf("<!--"); at >= 0;) {
    const end = html.indexOf("-->", at + 4);
    if (end < 0) break;
    comment.lastIndex = at;
    const m = comment.exec(html);
    if (m) {
      const name = m[2]!.replace(/^core\//, "");
      if (m[1]) {
        // A closing comment: back out of its block (and any left open inside it).
        const depth = open.lastIndexOf(name);
        if (depth >= 0) open.length = depth;
        if (inside >= open.length) inside = -1;
      } else {
        const empty = /\/\s*$/.test(html.slice(at, end));
        if (inside < 0 && (empty || DRAWN.has(name))) found.push(name);
        if (!empty) {
          if (inside < 0 && DRAWN.has(name)) inside = open.length;
          open.push(name);
        }
      }
    }
    at = html.indexOf("<!--", end + 3);
  }
  return found;
}
