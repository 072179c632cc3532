/**
 * HTML nested deeper than a fixed bound, flattened before anything builds a tree of it (issue 29,
 * "imports stay inside a budget"). The importer's readers walk trees recursively or per ancestor:
 * turndown overflowed the stack at 3,000 nested <div> (and the whole import stopped), and
 * linkedom's parser, its selectors and Readability grow with the square of the depth or worse (a
 * mirror page of 1,000 nested <div> took 22 s, 3,000 took 194 s).
 *
 * This is one linear pass over the source text, never a tree: it follows the open elements as an
 * HTML parser would in the cases that matter for depth (void elements, end tags closing up to
 * their start tag, a stray end tag ignored, <p>, <li>, <dt>/<dd>, <option>, <tr>, <td>/<th> closed
 * by the next one as HTML's "implied end tags" do), and drops the start and end tags of every
 * element that would open below MAX_HTML_DEPTH, keeping their text and their void elements
 * (pictures, line breaks) in order. A page that nests no deeper comes back unchanged.
 */

/** Deeper than any article's own markup and any CMS template around it; shallow enough for every reader. */
export const MAX_HTML_DEPTH = 128;

/** HTML's void elements (HTML §13.1.2): they never hold anything, so they add no depth. */
const VOID = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "link",
  "meta",
  "param",
  "source",
  "track",
  "wbr",
  "keygen",
  "basefont",
  "bgsound",
  "frame",
]);
/** Elements whose text is raw (HTML §13.1.2.1): no tag inside them is a tag. */
const RAW = new Set(["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext"]);
/** Start tags that close an open <p> (HTML §13.2.6.4.7, "in body": those that "close a p element"). */
const CLOSES_P = new Set(
  (
    "address article aside blockquote center details dialog dir div dl fieldset figcaption figure footer form " +
    "h1 h2 h3 h4 h5 h6 header hgroup hr li dd dt main menu nav ol p pre section summary table ul"
  ).split(" "),
);
/** Start tags that close the same kind of element left open (implied end tags, HTML §13.2.6.3). */
const CLOSES: Record<string, ReadonlySet<string>> = {
  li: new Set(["li"]),
  dt: new Set(["dt", "dd"]),
  dd: new Set(["dt", "dd"]),
  option: new Set(["option"]),
  optgroup: new Set(["optgroup", "option"]),
  tr: new Set(["tr", "td", "th"]),
  td: new Set(["td", "th"]),
  th: new Set(["td", "th"]),
};

/** The result: the text, and how many start tags were dropped (0: unchanged). */
export interface Flattened {
  html: string;
  dropped: number;
}

/** `html` with every element below MAX_HTML_DEPTH unwrapped (see above); linear in its length. */
export function flattenDeepHtml(html: string, max = MAX_HTML_DEPTH): Flattened {
  // No more start tags than the bound: nothing can nest deeper (the common case, found at once).
  let count = 0;
  for (let at = html.indexOf("<"); at >= 0 && count <= max; at = html.indexOf("<", at + 1)) count++;
  if (count <= max) return { html, dropped: 0 };

  const stack: string[] = [];
  /** Elements opened below the bound, by name, whose end tags are dropped too. */
  const below = new Map<string, number>();
  const out: string[] = [];
  let dropped = 0;
  let kept = 0; // html[kept, at) is still to be copied
  const drop = (from: number, to: number) => {
    out.push(html.slice(kept, from));
    kept = to;
  };
  const length = html.length;
  let at = html.indexOf("<");
  while (at >= 0 && at < length) {
    if (html.startsWith("<!--", at)) {
      const end = html.indexOf("-->", at + 4);
      if (end < 0) break; // the rest is a comment
      at = html.indexOf("<", end + 3);
      continue;
    }
    const tag = /^<(\/?)([A-Za-z][^\s/>]*)/.exec(html.slice(at, at + 64));
    if (!tag) {
      at = html.indexOf("<", at + 1);
      continue;
    }
    const close = html.indexOf(">", at);
    if (close < 0) break; // an unterminated tag: the rest is its text
    const name = tag[2]!.toLowerCase();
    const next = close + 1;
    if (tag[1]) {
      // An end tag: of an element dropped below the bound, of an open one, or stray (ignored).
      const pending = below.get(name);
      if (pending) {
        below.set(name, pending - 1);
        drop(at, next);
      } else {
        const open = stack.lastIndexOf(name);
        if (open >= 0) stack.length = open;
      }
    } else if (!VOID.has(name)) {
      if (name === "p" || CLOSES_P.has(name)) {
        if (stack.at(-1) === "p") stack.pop();
      }
      const closes = CLOSES[name];
      while (closes && stack.length && closes.has(stack.at(-1)!)) stack.pop();
      if (stack.length >= max) {
        below.set(name, (below.get(name) ?? 0) + 1);
        dropped++;
        drop(at, next);
      } else stack.push(name);
      if (RAW.has(name)) {
        // Its text runs to its own end tag: nothing inside is markup.
        const end = new RegExp(`</${name}`, "gi");
        end.lastIndex = next;
        if (!end.exec(html)) break;
        at = end.lastIndex - name.length - 2;
        continue;
      }
    }
    at = html.indexOf("<", next);
  }
  if (!dropped) return { html, dropped: 0 };
  out.push(html.slice(kept));
  return { html: out.join(""), dropped };
}
