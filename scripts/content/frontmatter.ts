/**
 * Splits a Markdown file into YAML front matter and body, parses the YAML keeping source
 * positions, and maps a field path back to the line and column an editor must look at.
 */
import { isDeepStrictEqual } from "node:util";
import { Document, isMap, isPair, isScalar, LineCounter, parse, parseDocument, type ToStringOptions } from "yaml";
import { issue, type IssueCode } from "./catalogue.ts";
import type { ContentIssue } from "./issues.ts";

export interface Position {
  line: number;
  column: number;
}

export interface ParsedYaml {
  data: unknown;
  /** Position of the value at `path`, else of its nearest existing parent. */
  locate(path: readonly PropertyKey[]): Position;
  /** Position of a key of the top-level map (for unknown-key warnings). */
  locateKey(key: string): Position;
  issues: ContentIssue[];
}

/**
 * Parses YAML text that starts at `firstLine` of `file`. YAML 1.2 core schema: dates stay
 * strings (the schema validates them), `yes`/`no` stay strings.
 */
export function parseYaml(text: string, file: string, firstLine: number): ParsedYaml {
  return simpleYaml(text, firstLine) ?? documentYaml(text, file, firstLine);
}

/** One `key: value` line of a simple map; the value a plain scalar or a one-line flow sequence. */
const SIMPLE_LINE = /^([A-Za-z][A-Za-z0-9_]*): (\S.*)$/;
/** Characters a plain scalar may not start with, and ones this fast path leaves to the parser. */
const INDICATOR = /^[-?:,[\]{}#&*!|>'"%@`]/;
const AWKWARD = /[#\t]|: |:$|^\s|\s$/;
/** Plain scalars the core schema reads as null, a boolean or a number, not a string. */
const NOT_STRING =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

const plainString = (value: string, flow: boolean) =>
  value !== "" &&
  !INDICATOR.test(value) &&
  !AWKWARD.test(value) &&
  !NOT_STRING.test(value) &&
  !(flow && /[,[\]{}]/.test(value));

/**
 * The front matter nearly every article has, read without the YAML parser (its document model
 * costs more than the rest of an article's front matter): a map of one line per key, each value a
 * plain string or a one-line flow sequence of plain strings. Anything else, and anything this
 * cannot be sure of (comments, quotes, numbers, nesting, a repeated key), is undefined: the
 * parser's (`documentYaml`). Same data and positions as the parser's (test/scripts/frontmatter.test.ts).
 */
export function simpleYaml(text: string, firstLine: number): ParsedYaml | undefined {
  if (text === "") return undefined;
  const data: Record<string, string | string[]> = {};
  /** Per key: its offset, its value's, and each item's of a sequence. */
  const nodes = new Map<string, { key: number; value: number; items?: number[] }>();
  const starts: number[] = [];
  let offset = 0;
  for (const line of text.split("\n")) {
    starts.push(offset);
    const m = SIMPLE_LINE.exec(line);
    if (!m) return undefined;
    const [, key, value] = m as unknown as [string, string, string];
    // A repeated key is the parser's error; a key the schema reads as true, null… is not a string.
    if (nodes.has(key) || NOT_STRING.test(key)) return undefined;
    const at = offset + key.length + 2;
    if (value.startsWith("[")) {
      if (!value.endsWith("]")) return undefined;
      const inner = value.slice(1, -1);
      const items: string[] = [];
      const offsets: number[] = [];
      if (inner.trim() !== "") {
        let from = 1;
        for (const part of inner.split(",")) {
          // Only spaces separate items (other white space would be part of an item: left to the parser).
          const [, spaces, item] = /^( *)(.*?) *$/.exec(part) as unknown as [string, string, string];
          const lead = spaces.length;
          if (!plainString(item, true)) return undefined;
          items.push(item);
          offsets.push(at + from + lead);
          from += part.length + 1;
        }
      }
      data[key] = items;
      nodes.set(key, { key: offset, value: at, items: offsets });
    } else {
      if (!plainString(value, false)) return undefined;
      data[key] = value;
      nodes.set(key, { key: offset, value: at });
    }
    offset += line.length + 1;
  }
  const position = (at: number): Position => {
    let line = 0;
    while (line + 1 < starts.length && starts[line + 1]! <= at) line++;
    return { line: line + firstLine, column: at - starts[line]! + 1 };
  };
  const nodeAt = (path: readonly PropertyKey[]): number | undefined => {
    if (path.length === 0) return 0;
    const node = nodes.get(String(path[0]));
    if (!node || typeof path[0] !== "string") return undefined;
    if (path.length === 1) return node.value;
    return path.length === 2 && typeof path[1] === "number" ? node.items?.[path[1]] : undefined;
  };
  const start = position(0);
  return {
    data,
    issues: [],
    // As the parser's: a node at offset 0 (the map itself) counts as not found, which gives `start` too.
    locate(path) {
      for (let n = path.length; n >= 0; n--) {
        const node = nodeAt(path.slice(0, n));
        if (node) return position(node);
      }
      return start;
    },
    locateKey: (key) => (nodes.has(key) ? position(nodes.get(key)!.key) : start),
  };
}

/** `parseYaml` by the YAML parser's document model: every construct, every problem. */
export function documentYaml(text: string, file: string, firstLine: number): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + firstLine - 1, column: col };
  };
  const issues: ContentIssue[] = [...doc.errors, ...doc.warnings].map((e) => {
    const pos = e.linePos?.[0];
    const where = { file, line: (pos?.line ?? 1) + firstLine - 1, column: pos?.col ?? 1, field: "yaml" };
    const message = e.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
    const code = !doc.errors.includes(e)
      ? "yaml-warning"
      : e.code === "DUPLICATE_KEY"
        ? "duplicate-key"
        : "yaml-syntax";
    return issue(code, where, { message, yamlCode: e.code });
  });
  const data = doc.errors.length > 0 ? undefined : doc.toJS();
  const start = at(0);
  return {
    data,
    issues,
    locate(path) {
      for (let n = path.length; n >= 0; n--) {
        const node = nodeAt(doc, path.slice(0, n));
        if (node) return at(node);
      }
      return start;
    },
    locateKey(key) {
      if (isMap(doc.contents)) {
        for (const pair of doc.contents.items) {
          if (isPair(pair) && isScalar(pair.key) && pair.key.value === key && pair.key.range) {
            return at(pair.key.range[0]);
          }
        }
      }
      return start;
    },
  };
}

function nodeAt(doc: Document, path: readonly PropertyKey[]): number | undefined {
  if (path.length === 0) return doc.contents?.range?.[0];
  const node = doc.getIn(path as unknown[], true) as { range?: [number, number, number] } | undefined;
  return node && typeof node === "object" && node.range ? node.range[0] : undefined;
}

export interface SplitFile {
  /** The YAML between the `---` fences, or undefined when the file has none. */
  yaml?: string;
  /** 1-based line of the first YAML line. */
  yamlLine: number;
  body: string;
  /** 1-based line where the body starts. */
  bodyLine: number;
}

/** Why a file has no front matter, as a catalogue code, and the line to report. */
export interface SplitError {
  error: Extract<IssueCode, "front-matter-missing" | "front-matter-unclosed">;
  line: number;
}

/**
 * Whether `line` is a front matter fence: `---` at column 0. YAML 1.2.2 §9.1.2 "Document Markers"
 * makes it a directives end marker, c-forbidden ::= <start-of-line> ( c-directives-end |
 * c-document-end ) ( b-char | s-white | <end-of-input> ), a line no scalar may hold as content.
 * So no value the YAML writer emits has one: a block scalar's lines (`|-`) are all indented, a
 * quoted scalar's continuation lines too. An indented `---` is content, never the end. White
 * space after the marker (invisible in an editor) still makes it the marker, as in §9.1.2.
 * The one rule of where front matter starts and ends: the build, the desk and the importer read
 * files through `splitFrontMatter`, which uses it.
 */
export function isFence(line: string): boolean {
  return /^---[ \t]*$/.test(line);
}

/** Front matter is the YAML between a first line `---` and the next fence (`isFence`). */
export function splitFrontMatter(source: string): SplitFile | SplitError {
  const text = source.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const lines = text.split("\n");
  if (!isFence(lines[0] ?? "")) return { error: "front-matter-missing", line: 1 };
  const end = lines.findIndex((l, i) => i > 0 && isFence(l));
  if (end < 0) return { error: "front-matter-unclosed", line: 1 };
  return {
    yaml: lines.slice(1, end).join("\n"),
    yamlLine: 2,
    body: lines.slice(end + 1).join("\n"),
    bodyLine: end + 2,
  };
}

/**
 * A file's front matter as plain data (`splitFrontMatter`, then `parseYaml`): undefined when the
 * file has none, or it is not a YAML map. For tools that only look up a field of other files
 * (`npm run new`, `npm run import`); the build reports what is wrong with them.
 */
export function frontMatterData(source: string): Record<string, unknown> | undefined {
  const split = splitFrontMatter(source);
  if ("error" in split) return undefined;
  const { data, issues } = parseYaml(split.yaml ?? "", "", split.yamlLine);
  if (issues.some((i) => i.severity === "error")) return undefined;
  return data !== null && typeof data === "object" && !Array.isArray(data)
    ? (data as Record<string, unknown>)
    : undefined;
}

export interface WriteYamlOptions extends Pick<ToStringOptions, "lineWidth"> {
  /** A comment above the map (each of its lines written as a `#` line). */
  before?: string;
  /** A comment below the map. */
  after?: string;
}

/**
 * The first line break in `value`, or undefined: LF, CR, and what Unicode also breaks a line at
 * (UAX #14's mandatory breaks: VT, FF, NEL U+0085, LS U+2028, PS U+2029). A one-line field
 * (schema.ts) refuses them; the YAML writer checks a value holding one by reading it back.
 */
export function lineBreakIn(value: string): string | undefined {
  return /[\n\r\v\f\u0085\u2028\u2029]/.exec(value)?.[0];
}

/** Whether a string anywhere in `value` (a key too) holds a line break. */
function multiLine(value: unknown): boolean {
  if (typeof value === "string") return lineBreakIn(value) !== undefined;
  if (Array.isArray(value)) return value.some(multiLine);
  if (value !== null && typeof value === "object")
    return Object.entries(value).some(([k, v]) => multiLine(k) || multiLine(v));
  return false;
}

/**
 * The YAML writer of every tool that writes front matter (the importer, the desk, `npm run new`):
 * `value` as YAML text that the parser reads back as exactly `value`, with no line a fence
 * (`isFence`), comments included as comments (the writer starts each of their lines with `#`),
 * so no text becomes a key or ends the front matter. A value with a line break in a string is
 * checked by reading the text back: the yaml package writes a block scalar of only spaces
 * (`"   \n"`) without the indentation indicator YAML 1.2.2 §8.1.1.1 then needs (the spaces read
 * back as indentation), and folds some multi-line double-quoted strings so that they read back
 * otherwise. Such a value is written again with JSON's escapes on one line (`"a\n---\nb"`,
 * §7.3.1), which holds any string. One-line strings, folded or not, read back as written
 * (test/scripts/front-matter-injection.test.ts writes hostile ones through every writer), and
 * are not read back: reading costs four times the writing, on every imported article.
 */
export function writeYaml(value: unknown, { before, after, ...options }: WriteYamlOptions = {}): string {
  // A comment's lines are split at LF only: a CR (a YAML line break) or another control character
  // would start a line without its #.
  if (/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/.test((before ?? "") + (after ?? "")))
    throw new Error(`a YAML comment cannot hold a control character: ${JSON.stringify(before ?? after)}`);
  const verify = multiLine(value);
  for (const style of [{}, { blockQuote: false, doubleQuotedAsJSON: true }]) {
    const doc = new Document(value);
    if (isMap(doc.contents)) {
      if (before !== undefined) doc.contents.commentBefore = before;
      if (after !== undefined) doc.contents.comment = after;
    }
    const text = doc.toString({ ...options, ...style });
    if (text.split(/\r\n?|\n/).some(isFence)) continue;
    if (!verify || isDeepStrictEqual(parse(text), value)) return text;
  }
  throw new Error(`the YAML writer cannot write ${JSON.stringify(value)} so that it reads back the same`);
}
