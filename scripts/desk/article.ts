/**
 * An article file as the editor's desk reads and writes it. On disk it is the documented Markdown
 * file (docs/editing.md: YAML front matter, then the body); Decap CMS gets the same fields as JSON
 * front matter (its `json-frontmatter` format), so YAML's own readings of a value (a date, `no`)
 * never reach the editor.
 *
 * What Decap sends back is compared with the file on disk field by field, in one canonical form
 * (`canonical`: what the schema reads, without the values Decap adds for an untouched field: "",
 * [], `unavailable: false`, `draft: false`). A file opened and saved without a change is written
 * back byte for byte; a changed field is edited in the file's own YAML document (the `yaml`
 * package's nodes, so its comments, quoting and flow style stay) and only that field's lines are
 * replaced in the text. Comments, key order, empty values and keys the desk does not show are
 * never touched (issue 33: a save deleted the seed's nine comment lines and its `alt: ""`).
 */
import {
  Document,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parse,
  parseDocument,
  Scalar,
  YAMLMap,
  type Node,
  type Pair,
} from "yaml";
import { isDeepStrictEqual } from "node:util";
import { isFence, splitFrontMatter, writeYaml } from "../content/frontmatter.ts";
import { ARTICLE_KEYS } from "../content/schema.ts";

export type FrontMatter = Record<string, unknown>;

export interface ArticleText {
  data: FrontMatter;
  body: string;
}

/** A documented article file's fields and body; undefined when its front matter cannot be read. */
export function readArticle(text: string): ArticleText | undefined {
  const split = splitFrontMatter(text);
  if ("error" in split || split.yaml === undefined) return undefined;
  try {
    const data = parse(split.yaml) as unknown;
    if (data === null || typeof data !== "object" || Array.isArray(data)) return undefined;
    return { data: data as FrontMatter, body: split.body.replace(/^\n+/, "") };
  } catch {
    return undefined;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** An empty value: what Decap sends for a field left alone. */
function empty(value: unknown): boolean {
  if (value === undefined || value === null || value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isObject(value)) return Object.keys(value).length === 0;
  return false;
}

/**
 * A value without its empty parts: strings trimmed (the schema trims them too), empty strings,
 * lists and maps gone, and inside a map a `false` (a switch left at its default: `unavailable`).
 * Undefined when nothing is left.
 */
function prune(value: unknown): unknown {
  let out = value;
  if (typeof value === "string") out = value.trim();
  else if (Array.isArray(value)) out = value.map(prune).filter((v) => v !== undefined);
  else if (isObject(value)) {
    const kept: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const p = prune(v);
      if (p !== undefined && p !== false) kept[k] = p;
    }
    out = kept;
  }
  return empty(out) ? undefined : out;
}

/**
 * A field's value in the one form both sides are compared in, and a changed field is written in:
 * - `draft: false` is no draft (the schema's default);
 * - `source` with no link is its name; `image` with no description is its file name (the
 *   schema's plain forms);
 * - each `images` entry keeps `alt`, empty or not: the schema requires the key (a lost picture
 *   has `alt: ""`), and an entry with nothing else in it is one the editor added and left blank.
 */
export function canonical(key: string, value: unknown): unknown {
  if (key === "images" && Array.isArray(value)) {
    const entries = value.flatMap((entry) => {
      const kept = prune(entry);
      if (!isObject(kept) || !isObject(entry)) return kept === undefined ? [] : [kept];
      const alt = typeof entry.alt === "string" ? entry.alt.trim() : (entry.alt ?? "");
      const { file, ...rest } = kept;
      return [{ ...(file !== undefined ? { file } : {}), ...rest, alt }];
    });
    return entries.length ? entries : undefined;
  }
  const kept = prune(value);
  if (key === "draft" && kept !== true) return undefined;
  if ((key === "source" || key === "image") && isObject(kept)) {
    const [main, extra] = key === "source" ? ["name", "url"] : ["file", "alt"];
    if (kept[extra] === undefined && typeof kept[main] === "string" && Object.keys(kept).length === 1)
      return kept[main];
  }
  return kept;
}

/** Same value, whatever the order of a map's keys. */
function same(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b))
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => same(v, b[i]));
  if (isObject(a) || isObject(b)) {
    if (!isObject(a) || !isObject(b)) return false;
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && same(a[k], b[k]));
  }
  return a === b;
}

/** The body as compared: line ends, the blank lines around it. */
const bodyText = (body: string) => body.replace(/\r\n?/g, "\n").replace(/^\n+/, "").trimEnd();

/**
 * The file for `data` and `body`. With `previous` (the file on disk) it is that file with only
 * the changed fields' lines and the body replaced, or `previous` itself when nothing changed; a
 * key the desk did not send is kept as it is. Without, a new file: the schema's keys in its
 * order, then any other key, only the fields that hold something.
 */
export function writeArticle(article: ArticleText, previous?: string): string {
  if (previous !== undefined) {
    const edited = editArticle(article, previous);
    if (edited !== undefined) return edited;
  }
  return freshArticle(article);
}

/** Where each key goes: the schema's order, then the rest as they come. */
const keyOrder = (keys: readonly string[]) => [...ARTICLE_KEYS, ...keys.filter((k) => !ARTICLE_KEYS.includes(k))];

function freshArticle({ data, body }: ArticleText): string {
  const doc = new Document(new YAMLMap());
  let yaml = "";
  for (const key of keyOrder(Object.keys(data))) {
    const value = canonical(key, data[key]);
    if (value !== undefined) yaml += pairText(newPair(doc, key, value), "");
  }
  return `---\n${yaml}---\n\n${bodyText(body)}\n`;
}

/** A new field as a pair of `doc`: tags as a flow list (`tags: [会员大会, 禅城区]`, docs/editing.md). */
function newPair(doc: Document, key: string, value: unknown): Pair {
  const pair = doc.createPair(key, value);
  if (key === "tags" && isSeq(pair.value)) pair.value.flow = true;
  return pair;
}

/** `previous` with the fields of `article` that differ from it edited in place; undefined when it cannot be. */
function editArticle({ data, body }: ArticleText, previous: string): string | undefined {
  const bom = previous.startsWith("\uFEFF") ? "\uFEFF" : "";
  const crlf = previous.includes("\r\n");
  const text = previous.slice(bom.length).replace(/\r\n?/g, "\n");
  const split = splitFrontMatter(text);
  if ("error" in split || split.yaml === undefined) return undefined;
  const head = text.slice(0, text.indexOf("\n") + 1);
  const yaml = split.yaml;
  if (text.slice(head.length, head.length + yaml.length) !== yaml || !text.endsWith(split.body)) return undefined;
  const fence = text.slice(head.length + yaml.length, text.length - split.body.length);

  // Edited with a line end after its last line (each field's lines end with one), removed again after.
  const lined = yaml === "" || yaml.endsWith("\n") ? yaml : `${yaml}\n`;
  const doc = parseDocument(lined, { uniqueKeys: true });
  if (doc.errors.length || !isMap(doc.contents) || doc.contents.flow) return undefined;
  const map = doc.contents;
  const old = doc.toJS() as FrontMatter;

  // Each changed top-level field: its lines in `yaml` and what replaces them.
  const edits: { start: number; end: number; text: string }[] = [];
  const present = (key: string) => map.items.find((p) => isScalar(p.key) && p.key.value === key);
  const keys = keyOrder([...Object.keys(old), ...Object.keys(data)]);
  for (const key of keys) {
    // A key the desk did not send (one it does not show) stays as it is.
    if (!(key in data)) continue;
    const before = canonical(key, old[key]);
    const after = canonical(key, data[key]);
    if (same(before, after)) continue;
    const pair = present(key);
    if (pair) {
      const [start, end] = lines(lined, pair);
      if (after === undefined) {
        edits.push({ start, end, text: "" });
        continue;
      }
      (pair as Pair).value = update(doc, pair.value as Node, before, after);
      edits.push({ start, end, text: pairText(pair, lined.slice(start, end)) });
    } else if (after !== undefined) {
      // After the field before it in the schema's order that the file has, else before the first.
      const earlier = keys.slice(0, keys.indexOf(key)).reverse().map(present).find(Boolean);
      const at = earlier ? lines(lined, earlier)[1] : map.items[0] ? lines(lined, map.items[0])[0] : lined.length;
      edits.push({
        start: at,
        end: at,
        text: pairText(newPair(doc, key, after), key === "tags" ? "[x]" : "{ x }"),
      });
    }
  }

  let newYaml = lined;
  // From the last to the first, a replacement before an insertion at the same place.
  for (const edit of edits.sort((a, b) => b.start - a.start || b.end - a.end))
    newYaml = newYaml.slice(0, edit.start) + edit.text + newYaml.slice(edit.end);
  if (lined !== yaml) newYaml = newYaml.replace(/\n$/, "");
  const newBody = bodyText(body) === bodyText(split.body) ? split.body : bodyAs(split.body, bodyText(body));
  const out = `${head}${newYaml}${fence}${newBody}`;
  if (out === text) return previous;
  return bom + (crlf ? out.replace(/\n/g, "\r\n") : out);
}

/** A new body with the old one's blank lines around it (one blank line before, one line end after when it had none). */
function bodyAs(old: string, body: string): string {
  const lead = /^\n*/.exec(old)![0] || "\n";
  const trail = /\n*$/.exec(old)![0] || "\n";
  return `${lead}${body}${trail}`;
}

/**
 * The lines of a top-level pair in `yaml`: from the start of its key's line to the end of the line
 * its value's node ends on, the comments the parser gave the value included (a comment after a
 * list's last entry is the list's: written again with it, so it must be replaced with it, not
 * kept beside it). The comment lines above the key are the key's own, never replaced.
 */
function lines(yaml: string, pair: Pair): [number, number] {
  const key = pair.key as Node;
  const value = pair.value as Node | null;
  const start = yaml.lastIndexOf("\n", key.range![0] - 1) + 1;
  const last = Math.max(key.range![1], value?.range?.[2] ?? 0) - 1;
  const nl = yaml.indexOf("\n", last);
  return [start, nl < 0 ? yaml.length : nl + 1];
}

/**
 * One pair as YAML lines, in the style of the lines it replaces (`like`): flow collections padded
 * (`{ file: 1.jpg }`) or not (`[a, b]`), a list's dashes indented or not. Its key's comment and
 * blank lines above are left out: they stay in the text. What the yaml package writes must read
 * back as the value with no fence line (frontmatter.ts writeYaml's rule); when it does not, the
 * pair is written by writeYaml, the one writer that guarantees it (the field's own comments go).
 */
function pairText(pair: Pair, like: string): string {
  const key = pair.key as Scalar;
  const { commentBefore, spaceBefore } = key;
  key.commentBefore = undefined;
  key.spaceBefore = undefined;
  const one = new Document(new YAMLMap());
  (one.contents as YAMLMap).items.push(pair);
  const text = one.toString({
    lineWidth: 0,
    flowCollectionPadding: /[[{] /.test(like),
    indentSeq: !/\n- /.test(like),
  });
  key.commentBefore = commentBefore;
  key.spaceBefore = spaceBefore;
  const value = one.toJS() as unknown;
  if (isDeepStrictEqual(parse(text), value) && !text.split("\n").some(isFence)) return text;
  return writeYaml(value, { lineWidth: 0 });
}

/**
 * `node` (holding `before`, in canonical form) changed to hold `after`: maps and lists edited
 * key by key and item by item, so what did not change keeps its style and comments; a scalar
 * keeps its quoting unless it was an empty string.
 */
function update(doc: Document, node: Node, before: unknown, after: unknown): Node {
  if (isMap(node) && isObject(before) && isObject(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (same(before[key], after[key])) continue;
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
      if (after[key] === undefined) node.delete(key);
      else if (pair) pair.value = update(doc, pair.value as Node, before[key], after[key]);
      else node.items.push(doc.createPair(key, after[key]));
    }
    return node;
  }
  if (isSeq(node) && Array.isArray(before) && Array.isArray(after)) {
    const items = node.items as Node[];
    const kept = items
      .slice(0, after.length)
      .map((item, i) => (i < before.length ? update(doc, item, before[i], after[i]) : item));
    for (let i = kept.length; i < after.length; i++) {
      const added = doc.createNode(after[i]) as Node;
      // A new entry looks like its neighbours ({ file: …, alt: … } on one line, or a block).
      const like = items.at(-1);
      if ((isMap(added) || isSeq(added)) && (isMap(like) || isSeq(like))) added.flow = like.flow;
      kept.push(added);
    }
    node.items = kept;
    return node;
  }
  if (isScalar(node) && !isObject(after) && !Array.isArray(after)) {
    if (node.value === "" || typeof node.value !== typeof after) node.type = undefined;
    node.value = after;
    return node;
  }
  const fresh = doc.createNode(after) as Node;
  if ((isMap(fresh) || isSeq(fresh)) && (isMap(node) || isSeq(node))) fresh.flow = node.flow;
  if (isPair(fresh)) return node;
  fresh.comment = node.comment;
  fresh.commentBefore = node.commentBefore;
  fresh.spaceBefore = node.spaceBefore;
  return fresh;
}

/** The desk's form of a field (Decap's object widgets always get an object). */
function toDesk(data: FrontMatter): FrontMatter {
  const out = { ...data };
  if (typeof out.image === "string") out.image = { file: out.image, alt: "" };
  return out;
}

/** The file as Decap CMS reads it: the fields as JSON front matter, then the body. */
export function toDecap(article: ArticleText): string {
  return `${JSON.stringify(toDesk(article.data), null, 2)}\n${article.body}`;
}

/**
 * What Decap CMS sends (JSON front matter: `{`, the fields, a `}` line at column 0, the body) as
 * fields and body; undefined when it is not that.
 */
export function fromDecap(raw: string): ArticleText | undefined {
  const text = raw.replace(/\r\n?/g, "\n");
  if (!text.startsWith("{")) return undefined;
  const lines = text.split("\n");
  const end = lines.findIndex((l) => l === "}");
  if (end < 0) return undefined;
  try {
    const data = JSON.parse(lines.slice(0, end + 1).join("\n")) as unknown;
    if (!isObject(data)) return undefined;
    return { data, body: lines.slice(end + 1).join("\n") };
  } catch {
    return undefined;
  }
}
