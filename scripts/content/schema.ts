/**
 * The one schema of content/: site settings and article front matter, and how its problems read
 * (`schemaIssues`). Types derive from it; cross-file rules (sections, duplicate ids and slugs)
 * live in build.ts.
 */
import { z } from "zod";
import { issue, type IssueCode, type SchemaDetails } from "./catalogue.ts";
import { isDateInput } from "./dates.ts";
import { lineBreakIn, type ParsedYaml } from "./frontmatter.ts";
import type { ContentIssue } from "./issues.ts";
import { SLUG_RE } from "../../src/content/summary.ts";
import { MEDIA_NAME_RE } from "./media-check.ts";

export { SLUG_RE };

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const text = (max: number) =>
  z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);

/** The catalogue code of a refinement's problem, read back by `schemaIssues`. */
const coded = (code: SchemaCode) => ({ params: { code } });

/** Why `value` cannot be a one-line field (a title, a tag…): the line break it holds, in both languages. */
const lineBreakIssue = (found: string, input: string) => ({
  code: "custom" as const,
  message: `must be one line: it holds a line break (${codePoint(found)})`,
  input,
  params: { code: "line-break", zh: `只能写一行,这里有换行(${codePoint(found)})` },
});

/**
 * Text shown on one line (a title, a name, a section): a line break is refused, not kept (a page's
 * <title>, a feed's title and the desk's list show one line, and a title is never a paragraph).
 */
const line = (max: number) =>
  text(max).superRefine((value, ctx) => {
    const found = lineBreakIn(value);
    if (found) ctx.addIssue(lineBreakIssue(found, value));
  });

/**
 * A tag is a path segment of its pages' URLs (/tags/<tag>, its feeds): what the URL parser would
 * read as a step (`.`, `..`: /tags/.. is /) or a delimiter (`/`, `\`, `?`, `#`), and what no URL
 * can carry (control characters, a lone surrogate), cannot be one. Empty after trimming is
 * text()'s own "must not be empty". The reason in English (`message`) and for editors (`zh`).
 */
export function tagProblem(tag: string): { message: string; zh: string } | undefined {
  const shown = JSON.stringify(tag);
  if (tag === "." || tag === "..")
    return {
      message: `"${tag}" cannot be a tag: a browser reads /tags/${tag} as ${tag === "." ? "/tags/" : "/"}`,
      zh: `标签不能只写“${tag}”:浏览器会把 /tags/${tag} 读成另一个地址`,
    };
  const delimiter = /[/\\?#]/.exec(tag)?.[0];
  if (delimiter)
    return {
      message: `"${tag}" cannot be a tag: "${delimiter}" would end its part of the URL /tags/<tag>`,
      zh: `标签“${tag}”中不能有“${delimiter}”:它会截断标签的网址`,
    };
  const control = /[\u0000-\u001f\u007f-\u009f]/.exec(tag)?.[0];
  if (control)
    return {
      message: `${shown} cannot be a tag: it holds the control character ${codePoint(control)}`,
      zh: `标签 ${shown} 中有看不见的控制字符 ${codePoint(control)}`,
    };
  if (!tag.isWellFormed())
    return {
      message: `${shown} cannot be a tag: it holds a lone surrogate, not a character`,
      zh: `标签 ${shown} 中有残缺的字符`,
    };
  if (tag !== "" && /^[\s\u200b-\u200d\u2060\ufeff]+$/u.test(tag))
    return { message: `${shown} cannot be a tag: it has no visible character`, zh: `标签 ${shown} 中没有看得见的字` };
  return undefined;
}

const codePoint = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;

const tagName = text(40).superRefine((tag, ctx) => {
  // A line break is a control character too: reported once, as the one-line fields report it.
  const found = lineBreakIn(tag);
  if (found) ctx.addIssue(lineBreakIssue(found, tag));
  const problem = found ? undefined : tagProblem(tag);
  if (problem)
    ctx.addIssue({
      code: "custom",
      message: problem.message,
      input: tag,
      params: { code: "invalid-tag", zh: problem.zh },
    });
});

const dateInput = z.string().refine(isDateInput, { message: "is not a valid date", ...coded("invalid-date") });

const unknownDate = z.strictObject({
  notBefore: z
    .string()
    .refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && isDateInput(s), {
      message: "is not a valid date (YYYY-MM-DD)",
      ...coded("invalid-date"),
    })
    .optional(),
  note: z.string().trim().min(1).optional(),
});

export const articleSchema = z
  .object({
    id: z.string().regex(UUID_RE, "must be a lowercase UUID"),
    title: line(200),
    slug: z.string().regex(SLUG_RE, "must be lowercase ASCII letters, digits and single hyphens").optional(),
    category: line(40),
    date: z.union([dateInput, unknownDate]),
    updated: dateInput.optional(),
    summary: text(300).optional(),
    // The original publisher of a republished article: a name, or a name and the original's URL.
    source: z
      .union([
        line(200),
        z.strictObject({ name: line(200), url: z.string().regex(/^https?:\/\/\S+$/, "must be an http(s) URL") }),
      ])
      .optional(),
    author: line(100).optional(),
    tags: z.array(tagName).default([]),
    // The thumbnail (link previews, feeds, the API, the embed) when not the first picture: a file
    // in content/media/, placed in the body or not; alt from its figure, or given here.
    image: z
      .union([
        z.string().regex(MEDIA_NAME_RE, "must be a file name in content/media/ (jpg, png, gif, webp, avif, svg)"),
        z.strictObject({
          file: z
            .string()
            .regex(MEDIA_NAME_RE, "must be a file name in content/media/ (jpg, png, gif, webp, avif, svg)"),
          alt: z.string(),
        }),
      ])
      .optional(),
    images: z
      .array(
        z.strictObject({
          file: z
            .string()
            .regex(MEDIA_NAME_RE, "must be a file name in content/media/ (jpg, png, gif, webp, avif, svg)"),
          alt: z.string(),
          caption: z.string().optional(),
          unavailable: z.boolean().default(false),
        }),
      )
      .default([]),
    draft: z.boolean().default(false),
    // The article's old URLs (an imported archive): paths on the old site, answered with a 301.
    aliases: z
      .array(
        z
          .string()
          .trim()
          .regex(/^\/\S*$/, "must be a path of the old site, starting with /, e.g. /a/2018/0621/123.html"),
      )
      .max(50)
      .default([]),
  })
  .refine((fm) => typeof fm.date === "string" || fm.updated !== undefined, {
    path: ["updated"],
    message: "is required when the publication date is not known",
    ...coded("updated-required"),
  });

export type ArticleFrontMatter = z.output<typeof articleSchema>;
export const ARTICLE_KEYS = Object.keys(articleSchema.shape);

export const siteSchema = z.strictObject({
  id: z.string().regex(UUID_RE, "must be a lowercase UUID"),
  name: text(100),
  origin: z
    .string()
    .regex(/^https?:\/\/[^/?#\s]+$/, "must be an origin such as https://news.example.org (no path, no trailing slash)"),
  language: z.string().regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, "must be a BCP 47 language tag such as zh-CN"),
  timeZone: z
    .string()
    .refine(isTimeZone, { message: "is not an IANA time zone such as Asia/Shanghai", ...coded("invalid-value") }),
  description: text(300),
  categories: z
    .array(
      z.strictObject({
        slug: z.string().regex(SLUG_RE, "must be lowercase ASCII letters, digits and hyphens"),
        name: text(40),
      }),
    )
    .min(1, "must list at least one category"),
  links: z.array(z.strictObject({ name: text(100), url: z.url({ protocol: /^https?$/ }) })).default([]),
  copyright: text(200),
  icp: z.strictObject({ number: text(40), url: z.url({ protocol: /^https?$/ }) }),
  // 公安联网备案 (the Ministry of Public Security's filing), once the site has one: its number as
  // issued, e.g. 粤公网安备44060402000123号, and the link to its record on beian.mps.gov.cn.
  publicSecurity: z
    .strictObject({
      number: z
        .string()
        .trim()
        .regex(
          /^[\u4e00-\u9fff]公网安备 ?\d{14}号$/u,
          "must be the number as issued: a province, 公网安备, 14 digits and 号, e.g. 粤公网安备44060402000123号",
        ),
      url: z
        .string()
        .regex(
          /^https:\/\/beian\.mps\.gov\.cn\/\S*$/,
          "must be the record's https://beian.mps.gov.cn/ link, e.g. https://beian.mps.gov.cn/#/query/webSearch?code=44060402000123",
        ),
    })
    .optional(),
  consumerRightsStation: text(100).optional(),
  pageSize: z.number().int().min(1).max(100).default(20),
  feedSize: z.number().int().min(1).max(100).default(20),
  // The hub is told of every new feed version (src/scheduled/, scripts/deploy/websub.ts): only over TLS.
  websub: z
    .url({
      protocol: /^https$/,
      error: "must be an https:// URL of a WebSub hub, e.g. https://pubsubhubbub.appspot.com/",
    })
    .optional(),
});

export type SiteFile = z.output<typeof siteSchema>;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * The schema's problems as content issues at the lines they concern, each with its catalogue
 * code. A missing field reads "Required"; otherwise the message says what is wrong with the value.
 */
export function schemaIssues(error: z.ZodError, yaml: ParsedYaml, file: string): ContentIssue[] {
  return error.issues.map((problem) => {
    const field = problem.path.map(String).join(".") || "front matter";
    const where = { file, ...yaml.locate(problem.path), field };
    if (problem.code === "invalid_type" && problem.input === undefined) return issue("required", where, {});
    const { code, ...details } = describe(problem);
    return issue(code, where, details);
  });
}

/** The catalogue codes of schema problems: their details are the schema's message. */
type SchemaCode = Extract<
  IssueCode,
  | "required"
  | "wrong-type"
  | "invalid-format"
  | "out-of-range"
  | "unknown-key"
  | "invalid-date"
  | "updated-required"
  | "invalid-value"
  | "invalid-tag"
  | "line-break"
>;

/**
 * A schema problem's code, message and the details its Chinese message is written from
 * (catalogue.ts); for a union, the branch that came closest.
 */
function describe(problem: z.core.$ZodIssue): { code: SchemaCode } & SchemaDetails {
  switch (problem.code) {
    case "invalid_type":
      return {
        code: "wrong-type",
        message: `expected ${problem.expected}, got ${typeName(problem.input)}`,
        expected: problem.expected,
      };
    case "invalid_union": {
      // The branch that got past the type check says what is wrong (e.g. a date that does not exist).
      const branch = problem.errors.find((errs) => errs.every((e) => e.code !== "invalid_type" || e.path.length > 0));
      if (branch?.[0]) return describe(branch[0]);
      // The only union is `date`: a string or { notBefore, note }.
      const message = "is neither a date (YYYY-MM-DD) nor { notBefore, note }";
      return { code: problem.input === undefined ? "required" : "wrong-type", message };
    }
    case "unrecognized_keys":
      return {
        code: "unknown-key",
        message: `unknown key${problem.keys.length > 1 ? "s" : ""} ${problem.keys.join(", ")}`,
        keys: problem.keys,
      };
    case "invalid_format":
      return { code: "invalid-format", message: problem.message };
    case "too_small":
      return {
        code: "out-of-range",
        message: problem.message,
        origin: problem.origin,
        minimum: Number(problem.minimum),
      };
    case "too_big":
      return {
        code: "out-of-range",
        message: problem.message,
        origin: problem.origin,
        maximum: Number(problem.maximum),
      };
    case "custom": {
      const code = problem.params?.code as SchemaCode | undefined;
      const zh = problem.params?.zh as string | undefined;
      return { code: code ?? "invalid-value", message: problem.message, ...(zh ? { zh } : {}) };
    }
    default:
      return { code: "invalid-value", message: problem.message };
  }
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a map";
  return `${typeof value} ${JSON.stringify(value)}`;
}
