/**
 * An article file as the editor's desk reads and writes it. On disk it is the documented Markdown
 * file (docs/editing.md: YAML front matter, then the body); Decap CMS gets the same fields as JSON
 * front matter (its `json-frontmatter` format), so YAML's own readings of a value (a date, `no`)
 * never reach the editor, and what Decap writes back is turned into the documented file again:
 * the schema's keys in the schema's order, only the fields that hold something.
 */
import { parse, stringify } from "yaml";
import { splitFrontMatter, writeYaml } from "../content/frontmatter.ts";
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

/** An empty value leaves its field out of the file (Decap sends "" and [] for untouched fields). */
function empty(value: unknown): boolean {
  if (value === undefined || value === null || value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object") return Object.values(value).every(empty);
  return false;
}

/**
 * Strips empty parts inside objects and lists (an unused `source.url`, an `images` entry the
 * editor added and left blank). Inside an object a `false` is a switch left at its default
 * (`unavailable`), so it goes too.
 */
function prune(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(prune).filter((v) => !empty(v));
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value)
        .map(([k, v]) => [k, prune(v)] as const)
        .filter(([, v]) => !empty(v) && v !== false),
    );
  return typeof value === "string" ? value.trim() : value;
}

/**
 * The documented Markdown file for `data` and `body`: the schema's keys first, in its order, then
 * any other key the file had (the check warns about unknown ones; the desk never drops them).
 * Tags are a flow list (`tags: [会员大会, 禅城区]`), as docs/editing.md writes them; `draft` is
 * written only when true, `source` as a plain name when it has no link.
 */
export function writeArticle({ data, body }: ArticleText): string {
  const fields: FrontMatter = {};
  const keys = [...ARTICLE_KEYS, ...Object.keys(data).filter((k) => !ARTICLE_KEYS.includes(k))];
  for (const key of keys) {
    let value = prune(data[key]);
    if (empty(value)) continue;
    if (key === "draft" && value !== true) continue;
    if (key === "source" && typeof value === "object" && !Array.isArray(value)) {
      const { name, url } = value as { name?: string; url?: string };
      value = url ? { name, url } : name;
    }
    fields[key] = value;
  }
  const lines = Object.entries(fields).map(([key, value]) =>
    key === "tags" && Array.isArray(value)
      ? `tags: [${value.map((t) => flowScalar(String(t))).join(", ")}]`
      : writeYaml({ [key]: value }, { lineWidth: 0 }).trimEnd(),
  );
  const text = body.replace(/\r\n?/g, "\n").replace(/^\n+/, "").trimEnd();
  return `---\n${lines.join("\n")}\n---\n\n${text}\n`;
}

/** A string as a YAML flow-sequence item: plain when YAML reads it back as the same string. */
function flowScalar(value: string): string {
  const plain = stringify(value, { lineWidth: 0 }).trimEnd();
  return /[,[\]{}]/.test(plain) || plain.includes("\n") ? JSON.stringify(value) : plain;
}

/** The file as Decap CMS reads it: the fields as JSON front matter, then the body. */
export function toDecap(article: ArticleText): string {
  return `${JSON.stringify(article.data, null, 2)}\n${article.body}`;
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
    if (data === null || typeof data !== "object" || Array.isArray(data)) return undefined;
    return { data: data as FrontMatter, body: lines.slice(end + 1).join("\n") };
  } catch {
    return undefined;
  }
}
