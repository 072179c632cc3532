/**
 * Splits a Markdown file into YAML front matter and body, parses the YAML keeping source
 * positions, and maps a field path back to the line and column an editor must look at.
 */
import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document } from "yaml";
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

/** Front matter is the YAML between a first line `---` and the next line `---`. */
export function splitFrontMatter(source: string): SplitFile | SplitError {
  const text = source.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const lines = text.split("\n");
  if (lines[0]?.trim() !== "---") return { error: "front-matter-missing", line: 1 };
  const end = lines.findIndex((l, i) => i > 0 && l.trim() === "---");
  if (end < 0) return { error: "front-matter-unclosed", line: 1 };
  return {
    yaml: lines.slice(1, end).join("\n"),
    yamlLine: 2,
    body: lines.slice(end + 1).join("\n"),
    bodyLine: end + 2,
  };
}
