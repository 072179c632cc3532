/**
 * The catalogue of content problems: every kind the build reports, under a stable kebab-case
 * code, with its severity, its message (fixed text, or a template over the details) and its hint.
 * Each message and hint is written here once; the build creates issues with
 * `issue(code, where, details)`. Codes are for tools and tests to match on: wording may be
 * improved, a code keeps its meaning.
 */
export type Severity = "error" | "warning";

/** Where an issue is reported: the file, position and (dotted) field an editor must look at. */
export interface Where {
  /** Path relative to the project root, with forward slashes: content/articles/x.md */
  file: string;
  line: number;
  column: number;
  /** Dotted front-matter path (`images.0.file`), or a pseudo field such as `yaml` or `body`. */
  field: string;
}

/** One problem, as reported (issues.ts prints and sorts them). */
export interface ContentIssue extends Where {
  /**
   * The kind of problem, stable across rewordings. Every issue of the content build has one;
   * problems other checks add to the same report (types, bundle size, deploy settings:
   * scripts/check.ts, scripts/lib/) have none.
   */
  code?: IssueCode;
  severity: Severity;
  message: string;
  hint?: string;
}

/** Fixed text, or text written from an issue's details (and where it is). */
type Text<D> = string | ((details: D, where: Where) => string);

/** One kind of problem. A warning is reported; an error stops the build. */
export interface IssueKind<D> {
  severity: Severity;
  message: Text<D>;
  /** What to do about it; every kind has one. */
  hint: Text<D>;
}

/** A problem the schema (schema.ts) found: the message says what is wrong with the value. */
interface SchemaDetails {
  message: string;
}

/** A message of the YAML parser, and the parser's own code for it (for the hint). */
interface YamlDetails {
  message: string;
  yamlCode: string;
}

/** The details each kind's message and hint are written from (`undefined`: fixed text). */
export interface IssueDetails {
  "site-missing": undefined;
  "front-matter-missing": undefined;
  "front-matter-unclosed": undefined;
  "yaml-syntax": YamlDetails;
  "duplicate-key": YamlDetails;
  "yaml-warning": YamlDetails;
  "front-matter-not-map": undefined;
  "unknown-field": { guess?: string; known: readonly string[] };
  /** The message, when it is not "Required" (a missing date reads as the date's forms). */
  required: { message?: string };
  "wrong-type": SchemaDetails;
  "invalid-format": SchemaDetails;
  "out-of-range": SchemaDetails;
  "unknown-key": SchemaDetails;
  "invalid-date": SchemaDetails;
  "updated-required": SchemaDetails;
  "invalid-value": SchemaDetails;
  /** A tag that cannot be a URL path segment (schema.ts tagProblem). */
  "invalid-tag": SchemaDetails;
  /** A line break in a one-line field: title, category, author, source, a tag (schema.ts `line`). */
  "line-break": SchemaDetails;
  "invalid-slug": { name: string };
  "unknown-category": { category: string; guess?: string; names: readonly string[] };
  "duplicate-slug": { slug: string; other: string };
  "duplicate-id": { id: string; other: string };
  "alias-invalid": { alias: string };
  "alias-shadows-route": { alias: string };
  /** An alias on IndexNow's key file (scripts/lib/key-file-aliases.ts); `source`: where the key is set. */
  "alias-key-file": { alias: string; source: string };
  "alias-duplicate": { alias: string; other: string };
  "broken-link": { href: string; slugs: readonly string[] };
  "heading-level": { level: number };
  "missing-media": { file: string; inline: boolean };
  "image-not-placed": { file: string };
  "media-wrong-type": { file: string; expected: string; found: string };
  "media-unsafe-svg": { file: string; what: string };
  "media-name": { file: string; suggestion: string };
  "media-too-large": { file: string; mib: string };
  "media-corrupt": { file: string; reason: string };
  "media-too-many-pixels": { file: string; megapixels: string };
  "media-cmyk": { file: string };
  "media-animated": { file: string; frames: number };
  "image-alt-missing": { file: string };
  "ledger-invalid-json": { reason: string };
  "ledger-id-changed": { title: string; from: string; to: string };
  "ledger-article-missing": { title: string; slug: string };
}

export type IssueCode = keyof IssueDetails;

/** An issue from the catalogue: it always has its code. */
export type CatalogueIssue = ContentIssue & { code: IssueCode };

export const DATE_HINT =
  "write a date as YYYY-MM-DD or YYYY-MM-DDTHH:mm (site time zone), e.g. 2026-01-05 or 2026-01-05T09:30";

const FRONT_MATTER_HINT = "start the file with ---, the fields (title: …), then --- and the Markdown body";

/** What a correct value looks like, by top-level field; schema problems prefer these hints. */
const FIELD_HINTS: Readonly<Record<string, string>> = {
  id: 'ids are permanent; new articles get one from `npm run new` (or `node -e "console.log(crypto.randomUUID())"`)',
  title: "add a line such as `title: 文章标题` to the front matter",
  slug: "the slug is the URL /articles/<slug>; leave it out to use the file name",
  category: "name one of the sections listed in content/site.yaml",
  date: `${DATE_HINT}; when the date is not known, write date: { notBefore: YYYY-MM-DD, note: why }`,
  updated: `the last time this copy of the article changed; ${DATE_HINT}`,
  tags: "write tags as a list: tags: [标签一, 标签二]",
  images: "each image is { file: name.jpg, alt: 描述, caption: 说明 } with the file in content/media/",
  draft: "write draft: true or draft: false",
  origin: "the canonical origin, e.g. origin: https://news.example.org",
};

/** Each one-line field's name for an editor and a value of it, for the hint of a line break in one. */
const ONE_LINE_FIELDS: Readonly<Record<string, readonly [string, string]>> = {
  title: ["标题", "协会召开2026年会员大会"],
  category: ["栏目", "协会动态"],
  author: ["作者", "协会秘书处"],
  source: ["来源", "佛山日报"],
  tags: ["每个标签", "会员大会"],
};

/** The hint for a schema problem at `field` (`images.0.file` → images'), if the field has one. */
export function fieldHint(field: string): string | undefined {
  const top = field.split(".")[0]!;
  return Object.hasOwn(FIELD_HINTS, top) ? FIELD_HINTS[top] : undefined;
}

/** A schema problem's hint: the field's own, else the kind's `fallback`. */
const schemaHint =
  (fallback: string) =>
  (_: unknown, where: Where): string =>
    fieldHint(where.field) ?? fallback;

/** Hints for the YAML parser's codes; anything else gets the general one. */
function yamlHint({ yamlCode }: YamlDetails): string {
  switch (yamlCode) {
    case "DUPLICATE_KEY":
      return "each key may appear once; delete one of them";
    case "BAD_INDENT":
    case "MISSING_CHAR":
      return "check the indentation and that every key is followed by ': '";
    case "BLOCK_AS_IMPLICIT_KEY":
    case "MULTILINE_IMPLICIT_KEY":
      return "a value containing ': ' or starting with a special character must be quoted";
    default:
      return "the front matter must be valid YAML; quote values that contain ':' or '#'";
  }
}

const given = (details: { message: string }) => details.message;

export const CATALOGUE: { readonly [C in IssueCode]: IssueKind<IssueDetails[C]> } = {
  // content/site.yaml
  "site-missing": {
    severity: "error",
    message: "the site settings file is missing",
    hint: "create content/site.yaml (docs/editing.md lists the site settings)",
  },

  // Front matter and YAML
  "front-matter-missing": {
    severity: "error",
    message: "the file must start with front matter between two '---' lines",
    hint: FRONT_MATTER_HINT,
  },
  "front-matter-unclosed": {
    severity: "error",
    message: "the front matter is not closed by a '---' line",
    hint: FRONT_MATTER_HINT,
  },
  "yaml-syntax": { severity: "error", message: given, hint: yamlHint },
  "duplicate-key": { severity: "error", message: given, hint: yamlHint },
  "yaml-warning": { severity: "warning", message: given, hint: yamlHint },
  "front-matter-not-map": {
    severity: "error",
    message: "must be a map of fields",
    hint: "write one `field: value` per line",
  },
  "unknown-field": {
    severity: "warning",
    message: "unknown field, ignored",
    hint: ({ guess, known }) => (guess ? `did you mean \`${guess}\`?` : `known fields: ${known.join(", ")}`),
  },

  // The schema (schema.ts): the message comes from the schema; the hint is the field's own
  // (FIELD_HINTS) when it has one, else the kind's default.
  required: {
    severity: "error",
    message: ({ message }) => message ?? "Required",
    hint: (_, { file, field }) =>
      fieldHint(field) ??
      (file.endsWith("site.yaml")
        ? "add it to content/site.yaml (docs/editing.md lists the site settings)"
        : "add it to the front matter (docs/editing.md shows every field)"),
  },
  "wrong-type": {
    severity: "error",
    message: given,
    hint: schemaHint(
      "write the kind of value the message names: a list as [a, b], a map as { key: value }, and text that looks like a number or true/false in quotes",
    ),
  },
  "invalid-format": {
    severity: "error",
    message: given,
    hint: schemaHint("write the value in the form the message describes; an address in full, https://…"),
  },
  "out-of-range": {
    severity: "error",
    message: given,
    hint: schemaHint("keep the value within the limit the message names"),
  },
  "unknown-key": {
    severity: "error",
    message: given,
    hint: schemaHint("delete the key, or correct its spelling"),
  },
  "invalid-date": { severity: "error", message: given, hint: schemaHint(DATE_HINT) },
  "updated-required": { severity: "error", message: given, hint: schemaHint(FIELD_HINTS.updated!) },
  "invalid-value": {
    severity: "error",
    message: given,
    hint: schemaHint("replace it with a value of the kind the message names"),
  },

  "invalid-tag": {
    severity: "error",
    message: given,
    hint: "a tag is part of its page's address (/tags/<tag>): write it as a word or phrase, without / \\ ? # or control characters, and not as . or ..",
  },

  "line-break": {
    severity: "error",
    message: given,
    hint: (_, { field }) => {
      const [name, example] = ONE_LINE_FIELDS[field.split(".")[0]!] ?? ["这一项", "协会召开2026年会员大会"];
      return `把${name}写成一行,不要换行,例如:${example}`;
    },
  },

  // One article against the site and the other articles
  "invalid-slug": {
    severity: "error",
    message: ({ name }) => `the file name "${name}" is not a valid slug`,
    hint: "rename the file to lowercase ASCII with hyphens (e.g. chancheng-news.md), or set slug:",
  },
  "unknown-category": {
    severity: "error",
    message: ({ category }) => `unknown category "${category}"`,
    hint: ({ guess, names }) =>
      `${guess ? `did you mean ${guess}? ` : ""}categories: ${names.join(", ")} (content/site.yaml)`,
  },
  "duplicate-slug": {
    severity: "error",
    message: ({ slug, other }) => `duplicate slug "${slug}", also used by ${other}`,
    hint: "every article needs its own URL: change the slug (or the file name)",
  },
  "alias-invalid": {
    severity: "error",
    message: ({ alias }) => `alias "${alias}" is not a path this site can answer`,
    hint: "write the old page's path as it appears in its URL, e.g. /a/2018/0621/123.html, with its query for a dynamic page: /plus/view.php?aid=123",
  },
  "alias-shadows-route": {
    severity: "error",
    message: ({ alias }) => `alias "${alias}" falls under one of this site's own addresses`,
    hint: "an old URL cannot take over a page of the new site: remove it, or keep the old page's own path only (a query on the home page, WordPress's /?p=123, is allowed)",
  },
  "alias-key-file": {
    severity: "error",
    message: ({ alias, source }) =>
      `别名 "${alias}" 是 IndexNow 密钥文件的地址(密钥在 ${source} 的 INDEXNOW_KEY):网站先回答密钥文件,这个旧网址永远不会跳转到文章`,
    hint: ({ source }) =>
      `删去这个别名;若旧网址必须保留,就在 ${source} 换一个 IndexNow 密钥(8 到 128 个字母、数字或 -,例如 5f2b7c1e9a3d4b6f8c0e)`,
  },
  "alias-duplicate": {
    severity: "error",
    message: ({ alias, other }) => `alias "${alias}" is also an old URL of ${other}`,
    hint: "an old URL leads to one article: keep it on the article that replaced that page",
  },
  "duplicate-id": {
    severity: "error",
    message: ({ id, other }) => `duplicate id "${id}", also used by ${other}`,
    hint: 'a copied article needs a new id: `node -e "console.log(crypto.randomUUID())"`',
  },
  "broken-link": {
    severity: "error",
    message: ({ href }) => `broken link to ${href}: no such article`,
    hint: ({ slugs }) =>
      `link to another article as [text](its-file.md) or [text](/articles/its-slug); slugs: ${slugs.slice(0, 5).join(", ")}${slugs.length > 5 ? ", …" : ""}`,
  },

  // The Markdown body
  "heading-level": {
    severity: "error",
    message: ({ level }) => `heading level ${level} is not allowed`,
    hint: "the title is the page's only h1: start sections with ## and sub-headings with ### (up to ####)",
  },
  "missing-media": {
    severity: "error",
    message: ({ file }) => `picture ${file} is not in content/media/`,
    // A picture inside running text has no place to keep: only a figure can be declared unavailable.
    hint: ({ file, inline }) =>
      inline
        ? `add content/media/${file}`
        : `add content/media/${file}, or declare it in images: with unavailable: true to keep its place without a picture`,
  },
  "image-not-placed": {
    severity: "warning",
    message: ({ file }) => `${file} is declared but not placed in the body`,
    hint: ({ file }) => `place it where it belongs with a line ![](${file})`,
  },

  // Files in content/media/ (published as they are: their bytes must be what their names say)
  "media-wrong-type": {
    severity: "error",
    message: ({ expected, found }) => `the file is not a ${expected} image (its bytes are ${found})`,
    hint: ({ file }) => `export it again in the format its name says, or rename it to match (content/media/${file})`,
  },
  "media-unsafe-svg": {
    severity: "error",
    message: ({ what }) => `the SVG carries ${what}, which would run or load with the site's origin when opened`,
    hint: "export it again as a plain drawing: no <script>, no on…= handlers, no javascript: URLs, no references to other sites",
  },

  "media-name": {
    severity: "error",
    message: "a GIF or SVG is published under its own name, and /media/ serves only ASCII letters, digits, _, . and -",
    hint: ({ file, suggestion }) =>
      `rename content/media/${file} to ${suggestion} and write that name in the article (photos may keep any name)`,
  },
  "media-too-large": {
    severity: "error",
    message: ({ mib }) => `the file is ${mib} MiB, over the 25 MiB Workers Static Assets allow for one file`,
    hint: ({ file }) => `export content/media/${file} smaller (a photo needs no more than about 4,000 px across)`,
  },
  "media-corrupt": {
    severity: "error",
    message: ({ reason }) => `the picture cannot be read (${reason}): a truncated or damaged file`,
    hint: ({ file }) => `copy content/media/${file} again from the camera or the editor that made it`,
  },
  "media-too-many-pixels": {
    severity: "error",
    message: ({ megapixels }) => `the picture has ${megapixels} megapixels, over the 50 the build decodes`,
    hint: ({ file }) => `scale content/media/${file} down before adding it; no page shows it wider than 1,600 px`,
  },
  "media-animated": {
    severity: "error",
    message: ({ frames }) =>
      `the picture is animated (${frames} frames): only a GIF is published animated, and resized stills would lose the motion`,
    hint: ({ file }) =>
      `save content/media/${file} as a GIF (published as it is, animation kept) or as a still picture`,
  },
  "media-cmyk": {
    severity: "warning",
    message: "the picture is in CMYK (print) colours: published converted to sRGB, colours may shift",
    hint: ({ file }) => `export content/media/${file} as RGB (sRGB) to choose its screen colours yourself`,
  },
  "image-alt-missing": {
    severity: "warning",
    message: ({ file }) => `the picture ${file} has no text alternative (alt)`,
    hint: ({ file }) => `say what it shows: ![会员大会现场](${file}), for readers who cannot see it`,
  },

  // The id ledger (content/id-ledger.json)
  "ledger-invalid-json": {
    severity: "error",
    message: ({ reason }) => `is not valid JSON (${reason})`,
    hint: "restore it from git: `git checkout -- content/id-ledger.json`",
  },
  "ledger-id-changed": {
    severity: "error",
    message: ({ title, from, to }) => `the id of "${title}" changed from ${from} to ${to}`,
    hint: ({ from }) => `ids are permanent (feed readers would show the article twice): restore id: ${from}`,
  },
  "ledger-article-missing": {
    severity: "error",
    message: ({ title, slug }) => `the published article "${title}" (/articles/${slug}) is gone`,
    hint: "restore its file, or, if it was removed on purpose, delete this line from content/id-ledger.json",
  },
};

/** Every code of the catalogue, in catalogue order. */
export const ISSUE_CODES = Object.keys(CATALOGUE) as IssueCode[];

/** An issue of kind `code` at `where`, its message and hint written from `details`. */
export function issue<C extends IssueCode>(
  code: C,
  where: Where,
  ...[details]: IssueDetails[C] extends undefined ? [] : [IssueDetails[C]]
): CatalogueIssue {
  const kind = CATALOGUE[code] as IssueKind<IssueDetails[C]>;
  const text = (t: Text<IssueDetails[C]>) => (typeof t === "string" ? t : t(details as IssueDetails[C], where));
  return {
    code,
    severity: kind.severity,
    file: where.file,
    line: where.line,
    column: where.column,
    field: where.field,
    message: text(kind.message),
    hint: text(kind.hint),
  };
}
