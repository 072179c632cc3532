/**
 * A strict XML 1.0 parser into a small element tree (saxes: well-formedness, namespaces, and the
 * Char production, so an invalid control character or an unescaped `]]>` is an error, as in a feed
 * reader; its message starts with the line and column). Used by the importer (scripts/import/)
 * and by the tests that read the feeds the worker writes.
 *
 * Depth is bounded (issue 29, "imports stay inside a budget"): saxes resolves each element's
 * prefix by walking the open elements from the innermost out, so its time grows with the square of
 * the nesting (100,000 levels took 167 s). A feed or a WordPress export nests a dozen levels; a
 * file nested deeper than MAX_XML_DEPTH is refused where the limit is passed, with its line.
 */
import { SaxesParser } from "saxes";

export interface XmlElement {
  /** Namespace URI + local name, e.g. "http://www.w3.org/2005/Atom feed" ("" for none). */
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/** A file refused for its nesting: well-formed perhaps, but not read (see above). */
export class XmlTooDeep extends Error {}

/** How deep elements may nest: far above any feed's or export's, far below where saxes slows. */
export const MAX_XML_DEPTH = 256;

export function parseXml(source: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let error: Error | undefined;
  parser.on("error", (e) => {
    error ??= e;
  });
  // Checked when a start tag is read, before saxes resolves its name (an error from a handler
  // stops the parser there): "line:column: message", as saxes writes its own.
  parser.on("opentagstart", () => {
    if (stack.length >= MAX_XML_DEPTH)
      throw new XmlTooDeep(
        `${parser.line}:${parser.column}: elements nested more than ${MAX_XML_DEPTH} levels deep (no feed or export nests so deep)`,
      );
  });
  parser.on("opentag", (tag) => {
    const attrs: Record<string, string> = {};
    for (const attr of Object.values(tag.attributes))
      attrs[attr.local ? (attr.uri ? `${attr.uri} ${attr.local}` : attr.local) : attr.name] = attr.value;
    const element: XmlElement = { name: `${tag.uri ?? ""} ${tag.local}`.trim(), attrs, children: [], text: "" };
    stack.at(-1)?.children.push(element);
    stack.push(element);
    root ??= element;
  });
  parser.on("text", (t) => {
    if (stack.length) stack.at(-1)!.text += t;
  });
  // A CDATA section is text too (RSS's content:encoded is usually one).
  parser.on("cdata", (t) => {
    if (stack.length) stack.at(-1)!.text += t;
  });
  parser.on("closetag", () => void stack.pop());
  parser.write(source).close();
  if (error) throw error;
  return root!;
}

export const NS = {
  atom: "http://www.w3.org/2005/Atom",
  content: "http://purl.org/rss/1.0/modules/content/",
  dc: "http://purl.org/dc/elements/1.1/",
  fh: "http://purl.org/syndication/history/1.0",
};

export function child(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => c.name === name);
}

export function children(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}
