/**
 * The catalogue of content problems: every kind the build reports, under a stable kebab-case
 * code, with its severity, its message (fixed text, or a template over the details) and its hint.
 * Each message and hint is written here once; the build creates issues with
 * `issue(code, where, details)`. Codes are for tools and tests to match on: wording may be
 * improved, a code keeps its meaning.
 */
import { DATE_EXAMPLE, fieldExample, fieldForm, fieldLabel } from "./labels.ts";

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

/** An issue in Chinese, for editors: the desk shows it, `npm run check` prints it (issues.ts). */
export interface ZhText {
  /** The field's label as the desk shows it (labels.ts): 发布时间, not `date`. */
  field: string;
  message: string;
  hint: string;
}

/** One problem, as reported (issues.ts prints and sorts them). */
export interface ContentIssue extends Where {
  /**
   * The kind of problem, stable across rewordings. Every issue of the content build has one;
   * problems other checks add to the same report (types, bundle size, deploy settings:
   * scripts/check.ts, scripts/deploy/readiness.ts) have none.
   */
  code?: IssueCode;
  severity: Severity;
  /** In English, for developers (`npm run check -- --lang en`, logs, tests). */
  message: string;
  hint?: string;
  /** In Chinese, for editors: every catalogue issue has it; other checks' problems may not. */
  zh?: ZhText;
}

/** Fixed text, or text written from an issue's details (and where it is). */
type Text<D> = string | ((details: D, where: Where) => string);

/** One kind of problem. A warning is reported; an error stops the build. */
export interface IssueKind<D> {
  severity: Severity;
  message: Text<D>;
  /** What to do about it; every kind has one. */
  hint: Text<D>;
  /**
   * The same in Chinese, in an editor's terms: the field by its desk label, an example value,
   * never YAML or Markdown syntax (test/scripts/catalogue.test.ts holds every hint to that).
   */
  zh: { message: Text<D>; hint: Text<D> };
}

/**
 * A problem the schema (schema.ts) found: the message says what is wrong with the value; the
 * rest is what the Chinese message is written from (the schema's messages are English).
 */
export interface SchemaDetails {
  message: string;
  /** The kind of value expected (`string`, `array`…), for a value of the wrong kind. */
  expected?: string;
  /** What a size limit counts (`string`: characters, `array`: items, `number`: the value). */
  origin?: string;
  minimum?: number;
  maximum?: number;
  /** Keys not allowed in a map. */
  keys?: readonly string[];
  /** A reason already written in Chinese by the rule that found the problem (a tag's). */
  zh?: string;
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
  /** An alias on IndexNow's key file (scripts/deploy/key-file-aliases.ts); `source`: where the key is set. */
  "alias-key-file": { alias: string; source: string };
  "alias-duplicate": { alias: string; other: string };
  "broken-link": { href: string; slugs: readonly string[] };
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

/** The Chinese message and hint given to every issue (and the label of its field). */
const zhField = (where: Where) => fieldLabel(where.field, where.file);

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

/**
 * Hints for the YAML parser's codes, in English and in Chinese (for a file edited by hand, outside
 * the desk): codes that one fix serves share a hint; anything else gets the general one.
 */
const YAML_HINTS = {
  duplicate: {
    en: "each key may appear once; delete one of them",
    zh: "同一项写了两次:删去其中一行",
  },
  indent: {
    en: "check the indentation and that every key is followed by ': '",
    zh: "检查这一行的缩进,以及每项名称后的冒号和空格",
  },
  quote: {
    en: "a value containing ': ' or starting with a special character must be quoted",
    zh: "内容中有冒号,或以特殊符号开头时,请用引号把内容括起来",
  },
  general: {
    en: "the front matter must be valid YAML; quote values that contain ':' or '#'",
    zh: "在编辑台中打开这篇文章并保存即可改正;用文本编辑器修改时,内容中有冒号或井号请用引号括起来",
  },
} as const;

function yamlHints({ yamlCode }: YamlDetails): (typeof YAML_HINTS)[keyof typeof YAML_HINTS] {
  switch (yamlCode) {
    case "DUPLICATE_KEY":
      return YAML_HINTS.duplicate;
    case "BAD_INDENT":
    case "MISSING_CHAR":
      return YAML_HINTS.indent;
    case "BLOCK_AS_IMPLICIT_KEY":
    case "MULTILINE_IMPLICIT_KEY":
      return YAML_HINTS.quote;
    default:
      return YAML_HINTS.general;
  }
}

const yamlHint = (details: YamlDetails): string => yamlHints(details).en;
const yamlHintZh = (details: YamlDetails): string => yamlHints(details).zh;

const given = (details: { message: string }) => details.message;

// ---- Chinese, for editors --------------------------------------------------------------

/** How to write a time at the desk (the date widget's own forms). */
const DATE_HINT_ZH = `按“年-月-日 时:分”填写,例如 ${DATE_EXAMPLE},也可只写日期,例如 2026-03-18;晚于现在即定时发布`;

const TYPE_ZH: Readonly<Record<string, string>> = {
  string: "文字",
  number: "数字",
  boolean: "“是”或“否”",
  array: "一组(列表)",
  object: "一组子项",
};

/** In the desk's words: where a field is changed, and a good value for it. */
function zhFieldHint(where: Where): string {
  const label = zhField(where);
  const example = fieldExample(where.field, where.file);
  if (where.file.endsWith("site.yaml"))
    return `在网站设置 content/site.yaml 中改正“${label}”(${where.field.split(".")[0]})${example ? `,例如 ${example}` : ""}`;
  const top = where.field.split(".")[0]!;
  switch (top) {
    case "date":
      return where.field === "date.note"
        ? "在“说明”中写下为何日期不详,例如 原网页未载明日期"
        : `${DATE_HINT_ZH};原文未载明日期时,勾选“日期不详”,可填“不早于”的日期和说明`;
    case "updated":
      return `填写这份文稿最后修改的时间,${DATE_HINT_ZH.replace(/;.*$/, "")}`;
    case "id":
      return "永久编号由编辑台自动生成:新文章请在编辑台中新建,不要复制旧文章的文件";
    case "tags":
      return "在“标签”中输入一个标签后按回车,例如 会员大会";
    case "draft":
      return "勾选或取消“草稿(不发布)”";
    case "images":
      return "在“图片说明”中为每张图片选择图片文件,并写下图片描述,例如 会员大会现场";
    case "image":
      return "在“封面图片”中从图片库选择或上传一张图片";
  }
  return example ? `在“${label}”中填写,例如 ${example}` : `在编辑台中改正“${label}”`;
}

/** A schema problem in Chinese, from its details (the schema's own message is English). */
function zhSchemaMessage(code: IssueCode, d: SchemaDetails | { message?: string }, where: Where): string {
  const label = zhField(where);
  const details = d as SchemaDetails;
  const form = fieldForm(where.field, where.file);
  switch (code) {
    case "required":
      return `请填写“${label}”`;
    case "wrong-type":
      return details.expected && TYPE_ZH[details.expected]
        ? `“${label}”应为${TYPE_ZH[details.expected]}`
        : `“${label}”的写法不对`;
    case "out-of-range": {
      const unit = details.origin === "array" ? " 项" : details.origin === "string" ? " 个字" : "";
      if (details.minimum !== undefined)
        return details.origin === "string" && details.minimum <= 1
          ? `“${label}”不能为空`
          : `“${label}”至少要有 ${details.minimum}${unit}`;
      if (details.maximum !== undefined) return `“${label}”最多 ${details.maximum}${unit}`;
      return `“${label}”超出了允许的范围`;
    }
    case "unknown-key":
      return `“${label}”中有不认识的项:${(details.keys ?? []).join("、")}`;
    case "invalid-date":
      return `“${label}”不是有效的日期`;
    case "updated-required":
      return "原文发布日期不详时,须填写“更新时间”";
    case "invalid-tag":
      return details.zh ?? `标签不能这样写`;
    default:
      return form ? `“${label}”${form}` : `“${label}”的写法不对`;
  }
}

const zhSchema = (code: IssueCode) => ({
  message: (d: SchemaDetails, where: Where) => zhSchemaMessage(code, d, where),
  hint: (_: SchemaDetails, where: Where) => zhFieldHint(where),
});

/** What media-check.ts's sniff() says a file is, when it is not a picture format's name. */
const FOUND_ZH: Readonly<Record<string, string>> = {
  "markup (HTML or XML)": "网页或 XML 文本",
  empty: "空文件",
  "not a known image format": "无法识别的格式",
};

const FRONT_MATTER_HINT_ZH = "参照同一文件夹中其他文章的开头几行补上,或在编辑台中新建文章后把正文粘贴过去";

export const CATALOGUE: { readonly [C in IssueCode]: IssueKind<IssueDetails[C]> } = {
  // content/site.yaml
  "site-missing": {
    severity: "error",
    message: "the site settings file is missing",
    hint: "create content/site.yaml (docs/editing.md lists the site settings)",
    zh: {
      message: "缺少网站设置文件 content/site.yaml",
      hint: "请开发人员按 docs/editing.zh-CN.md 补上网站设置(网站名称、栏目等)",
    },
  },

  // Front matter and YAML
  "front-matter-missing": {
    severity: "error",
    message: "the file must start with front matter between two '---' lines",
    hint: FRONT_MATTER_HINT,
    zh: { message: "文件开头缺少文章信息(标题、栏目、发布时间等)", hint: FRONT_MATTER_HINT_ZH },
  },
  "front-matter-unclosed": {
    severity: "error",
    message: "the front matter is not closed by a '---' line",
    hint: FRONT_MATTER_HINT,
    zh: { message: "文章信息没有结束,正文与文章信息连在了一起", hint: FRONT_MATTER_HINT_ZH },
  },
  "yaml-syntax": {
    severity: "error",
    message: given,
    hint: yamlHint,
    zh: { message: (_, { line }) => `文章信息第 ${line} 行的写法有误`, hint: yamlHintZh },
  },
  "duplicate-key": {
    severity: "error",
    message: given,
    hint: yamlHint,
    zh: { message: (_, { line }) => `文章信息第 ${line} 行:同一项写了两次`, hint: yamlHintZh },
  },
  "yaml-warning": {
    severity: "warning",
    message: given,
    hint: yamlHint,
    zh: { message: (_, { line }) => `文章信息第 ${line} 行的写法不规范`, hint: yamlHintZh },
  },
  "front-matter-not-map": {
    severity: "error",
    message: "must be a map of fields",
    hint: "write one `field: value` per line",
    zh: { message: "文章信息的格式不对", hint: "每行写一项,参照同一文件夹中其他文章的开头几行改正" },
  },
  "unknown-field": {
    severity: "warning",
    message: "unknown field, ignored",
    hint: ({ guess, known }) => (guess ? `did you mean \`${guess}\`?` : `known fields: ${known.join(", ")}`),
    zh: {
      message: (_, { field }) => `不认识的项“${field}”,已忽略`,
      hint: ({ guess, known }, { file }) =>
        guess
          ? `是否想写“${fieldLabel(guess, file)}”(${guess})?`
          : `删去这一项;文章信息只有这些项:${known.map((k) => fieldLabel(k, file)).join("、")}`,
    },
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
    zh: {
      message: (d, where) => zhSchemaMessage("required", d, where),
      hint: (_, where) => zhFieldHint(where),
    },
  },
  "wrong-type": {
    severity: "error",
    message: given,
    hint: schemaHint(
      "write the kind of value the message names: a list as [a, b], a map as { key: value }, and text that looks like a number or true/false in quotes",
    ),
    zh: zhSchema("wrong-type"),
  },
  "invalid-format": {
    severity: "error",
    message: given,
    hint: schemaHint("write the value in the form the message describes; an address in full, https://…"),
    zh: zhSchema("invalid-format"),
  },
  "out-of-range": {
    severity: "error",
    message: given,
    hint: schemaHint("keep the value within the limit the message names"),
    zh: zhSchema("out-of-range"),
  },
  "unknown-key": {
    severity: "error",
    message: given,
    hint: schemaHint("delete the key, or correct its spelling"),
    zh: {
      message: (d, where) => zhSchemaMessage("unknown-key", d, where),
      hint: "删去不认识的项,或改正它的拼写",
    },
  },
  "invalid-date": { severity: "error", message: given, hint: schemaHint(DATE_HINT), zh: zhSchema("invalid-date") },
  "updated-required": {
    severity: "error",
    message: given,
    hint: schemaHint(FIELD_HINTS.updated!),
    zh: zhSchema("updated-required"),
  },
  "invalid-value": {
    severity: "error",
    message: given,
    hint: schemaHint("replace it with a value of the kind the message names"),
    zh: zhSchema("invalid-value"),
  },

  "invalid-tag": {
    severity: "error",
    message: given,
    hint: "a tag is part of its page's address (/tags/<tag>): write it as a word or phrase, without / \\ ? # or control characters, and not as . or ..",
    zh: {
      message: (d, where) => zhSchemaMessage("invalid-tag", d, where),
      hint: "标签会成为网址的一部分(/tags/标签):请写成文字或词语,例如 会员大会,不要用斜杠、反斜杠、问号、井号或控制字符,也不要只写一个或两个点",
    },
  },

  "line-break": {
    severity: "error",
    message: given,
    hint: (_, { field }) => `write the ${field.split(".")[0]} on one line, without line breaks`,
    zh: {
      message: (d) => d.zh ?? "只能写一行,这里有换行",
      hint: (_, where) => {
        const example = fieldExample(where.field, where.file);
        return `把${zhField(where)}写成一行,不要换行${example ? `,例如:${example}` : ""}`;
      },
    },
  },

  // One article against the site and the other articles
  "invalid-slug": {
    severity: "error",
    message: ({ name }) => `the file name "${name}" is not a valid slug`,
    hint: "rename the file to lowercase ASCII with hyphens (e.g. chancheng-news.md), or set slug:",
    zh: {
      message: ({ name }) => `文件名“${name}”不能用作网址`,
      hint: "网址只能用小写英文字母、数字和连字符,例如 hui-yuan-da-hui;在编辑台中新建文章时按标题自动生成",
    },
  },
  "unknown-category": {
    severity: "error",
    message: ({ category: written }) => `unknown category "${written}"`,
    hint: ({ guess, names }) =>
      `${guess ? `did you mean ${guess}? ` : ""}categories: ${names.join(", ")} (content/site.yaml)`,
    zh: {
      message: ({ category: written }) => `没有“${written}”这个栏目`,
      hint: ({ guess, names }) => `${guess ? `是否想选“${guess}”?` : ""}在“栏目”中选择:${names.join("、")}`,
    },
  },
  "duplicate-slug": {
    severity: "error",
    message: ({ slug, other }) => `duplicate slug "${slug}", also used by ${other}`,
    hint: "every article needs its own URL: change the slug (or the file name)",
    zh: {
      message: ({ slug, other }) => `网址“${slug}”已被 ${other} 使用`,
      hint: "每篇文章须有自己的网址:请在“网址”中换一个,例如在末尾加上年份",
    },
  },
  "alias-invalid": {
    severity: "error",
    message: ({ alias }) => `alias "${alias}" is not a path this site can answer`,
    hint: "write the old page's path as it appears in its URL, e.g. /a/2018/0621/123.html, with its query for a dynamic page: /plus/view.php?aid=123",
    zh: {
      message: ({ alias }) => `旧网址“${alias}”不是本网站能响应的路径`,
      hint: "在“旧网址”中填写旧页面网址里域名之后的部分,例如 /a/2018/0621/123.html;动态页面连同问号之后的部分,例如 /plus/view.php?aid=123",
    },
  },
  "alias-shadows-route": {
    severity: "error",
    message: ({ alias }) => `alias "${alias}" falls under one of this site's own addresses`,
    hint: "an old URL cannot take over a page of the new site: remove it, or keep the old page's own path only (a query on the home page, WordPress's /?p=123, is allowed)",
    zh: {
      message: ({ alias }) => `旧网址“${alias}”与本网站自己的页面地址冲突`,
      hint: "旧网址不能占用新网站的页面:删去它,或只保留旧页面自己的路径(首页带问号的旧地址,例如 WordPress 的 /?p=123,可以保留)",
    },
  },
  "alias-key-file": {
    severity: "error",
    message: ({ alias, source }) =>
      `alias "${alias}" is the address of the IndexNow key file (INDEXNOW_KEY in ${source}): the site answers the key file first, so this old URL never redirects`,
    hint: ({ source }) =>
      `remove the alias; if the old URL must stay, change the IndexNow key in ${source} (8 to 128 letters, digits or -, e.g. 5f2b7c1e9a3d4b6f8c0e)`,
    zh: {
      message: ({ alias, source }) =>
        `旧网址“${alias}”是 IndexNow 密钥文件的地址(密钥在 ${source} 中设置):网站先回答密钥文件,这个旧网址永远不会跳转到文章`,
      hint: ({ source }) =>
        `在“旧网址”中删去它;若这个旧网址必须保留,请开发人员在 ${source} 中换一个 IndexNow 密钥(8 到 128 个字母、数字或连字符,例如 5f2b7c1e9a3d4b6f8c0e)`,
    },
  },
  "alias-duplicate": {
    severity: "error",
    message: ({ alias, other }) => `alias "${alias}" is also an old URL of ${other}`,
    hint: "an old URL leads to one article: keep it on the article that replaced that page",
    zh: {
      message: ({ alias, other }) => `旧网址“${alias}”也是 ${other} 的旧网址`,
      hint: "一个旧网址只能跳转到一篇文章:只在取代那个旧页面的文章中保留它",
    },
  },
  "duplicate-id": {
    severity: "error",
    message: ({ id, other }) => `duplicate id "${id}", also used by ${other}`,
    hint: 'a copied article needs a new id: `node -e "console.log(crypto.randomUUID())"`',
    zh: {
      message: ({ other }) => `永久编号与 ${other} 重复`,
      hint: "复制来的文章须有新的永久编号:在编辑台中新建文章,把内容粘贴过去,再删去复制的文件",
    },
  },
  "broken-link": {
    severity: "error",
    message: ({ href }) => `broken link to ${href}: no such article`,
    hint: ({ slugs }) =>
      `link to another article as [text](its-file.md) or [text](/articles/its-slug); slugs: ${slugs.slice(0, 5).join(", ")}${slugs.length > 5 ? ", …" : ""}`,
    zh: {
      message: ({ href }) => `链接 ${href} 指向的文章不存在`,
      hint: ({ slugs }) => `在正文中选中链接,改为本站文章的网址,例如 /articles/${slugs[0] ?? "hui-yuan-da-hui"}`,
    },
  },

  // The Markdown body
  "missing-media": {
    severity: "error",
    message: ({ file }) => `picture ${file} is not in content/media/`,
    // A picture inside running text has no place to keep: only a figure can be declared unavailable.
    hint: ({ file, inline }) =>
      inline
        ? `add content/media/${file}`
        : `add content/media/${file}, or declare it in images: with unavailable: true to keep its place without a picture`,
    zh: {
      message: ({ file }) => `图片库中没有图片 ${file}`,
      hint: ({ file, inline }) =>
        inline
          ? `重新上传 ${file},或在正文中删去这张图片`
          : `重新上传 ${file};原图已遗失时,在“图片说明”中添加这张图片并勾选“图片已遗失”,保留它在正文中的位置`,
    },
  },
  "image-not-placed": {
    severity: "warning",
    message: ({ file }) => `${file} is declared but not placed in the body`,
    hint: ({ file }) => `place it where it belongs with a line ![](${file})`,
    zh: {
      message: ({ file }) => `“图片说明”中的 ${file} 没有放进正文`,
      hint: ({ file }) => `在正文中要放图的地方点工具栏的“图片”按钮,选择 ${file};不需要时从“图片说明”中删去`,
    },
  },

  // Files in content/media/ (published as they are: their bytes must be what their names say)
  "media-wrong-type": {
    severity: "error",
    message: ({ expected, found }) => `the file is not a ${expected} image (its bytes are ${found})`,
    hint: ({ file }) => `export it again in the format its name says, or rename it to match (content/media/${file})`,
    zh: {
      message: ({ expected, found }) => `文件内容不是 ${expected} 图片(实际是${FOUND_ZH[found] ?? ` ${found} 图片`})`,
      hint: ({ file }) => `用图片软件把 ${file} 重新导出为文件名所示的格式,或改用与内容相符的文件名`,
    },
  },
  "media-unsafe-svg": {
    severity: "error",
    message: ({ what }) => `the SVG carries ${what}, which would run or load with the site's origin when opened`,
    hint: "export it again as a plain drawing: no <script>, no on…= handlers, no javascript: URLs, no references to other sites",
    zh: {
      message: "这个 SVG 图片含有脚本、事件代码或指向其他网站的引用,打开时会在本网站运行或加载",
      hint: ({ file }) => `用绘图软件把 ${file} 重新导出为普通图形,或改用 PNG 图片`,
    },
  },

  "media-name": {
    severity: "error",
    message: "a GIF or SVG is published under its own name, and /media/ serves only ASCII letters, digits, _, . and -",
    hint: ({ file, suggestion }) =>
      `rename content/media/${file} to ${suggestion} and write that name in the article (photos may keep any name)`,
    zh: {
      message: "GIF 和 SVG 图片按原文件名发布,文件名只能用英文字母、数字、下划线、点和连字符",
      hint: ({ file, suggestion }) => `把 ${file} 改名为 ${suggestion},并在文章中改用这个名字(照片可用任何文件名)`,
    },
  },
  "media-too-large": {
    severity: "error",
    message: ({ mib }) => `the file is ${mib} MiB, over the 25 MiB Workers Static Assets allow for one file`,
    hint: ({ file }) => `export content/media/${file} smaller (a photo needs no more than about 4,000 px across)`,
    zh: {
      message: ({ mib }) => `文件有 ${mib} MB,超过单个文件 25 MB 的上限`,
      hint: ({ file }) => `把 ${file} 缩小后重新导出(照片宽约 4000 像素就足够)`,
    },
  },
  "media-corrupt": {
    severity: "error",
    message: ({ reason }) => `the picture cannot be read (${reason}): a truncated or damaged file`,
    hint: ({ file }) => `copy content/media/${file} again from the camera or the editor that made it`,
    zh: {
      message: "图片无法读取:文件不完整或已损坏",
      hint: ({ file }) => `从相机或制作它的软件重新复制 ${file}`,
    },
  },
  "media-too-many-pixels": {
    severity: "error",
    message: ({ megapixels }) => `the picture has ${megapixels} megapixels, over the 50 the build decodes`,
    hint: ({ file }) => `scale content/media/${file} down before adding it; no page shows it wider than 1,600 px`,
    zh: {
      message: ({ megapixels }) => `图片有 ${megapixels} 百万像素,超过可处理的 50 百万像素`,
      hint: ({ file }) => `先把 ${file} 缩小再上传;网页上最宽只显示 1600 像素`,
    },
  },
  "media-animated": {
    severity: "error",
    message: ({ frames }) =>
      `the picture is animated (${frames} frames): only a GIF is published animated, and resized stills would lose the motion`,
    hint: ({ file }) =>
      `save content/media/${file} as a GIF (published as it is, animation kept) or as a still picture`,
    zh: {
      message: ({ frames }) => `这是动图(${frames} 帧):只有 GIF 能以动图发布`,
      hint: ({ file }) => `把 ${file} 存为 GIF(原样发布,保留动画),或存为静态图片`,
    },
  },
  "media-cmyk": {
    severity: "warning",
    message: "the picture is in CMYK (print) colours: published converted to sRGB, colours may shift",
    hint: ({ file }) => `export content/media/${file} as RGB (sRGB) to choose its screen colours yourself`,
    zh: {
      message: "图片是 CMYK(印刷用)色彩:发布时转换为屏幕色彩,颜色可能有偏差",
      hint: ({ file }) => `用图片软件把 ${file} 导出为 RGB(sRGB)色彩`,
    },
  },
  "image-alt-missing": {
    severity: "warning",
    message: ({ file }) => `the picture ${file} has no text alternative (alt)`,
    hint: ({ file }) => `say what it shows: ![会员大会现场](${file}), for readers who cannot see it`,
    zh: {
      message: ({ file }) => `图片 ${file} 没有图片描述`,
      hint: "在正文中点这张图片,在“图片描述”中写下图片的内容,例如 会员大会现场:看不到图片的读者靠它了解图片",
    },
  },

  // The id ledger (content/id-ledger.json)
  "ledger-invalid-json": {
    severity: "error",
    message: ({ reason }) => `is not valid JSON (${reason})`,
    hint: "restore it from git: `git checkout -- content/id-ledger.json`",
    zh: {
      message: "永久编号登记表 content/id-ledger.json 无法读取",
      hint: "请开发人员从版本库恢复这个文件",
    },
  },
  "ledger-id-changed": {
    severity: "error",
    message: ({ title, from, to }) => `the id of "${title}" changed from ${from} to ${to}`,
    hint: ({ from }) => `ids are permanent (feed readers would show the article twice): restore id: ${from}`,
    zh: {
      message: ({ title, from, to }) => `“${title}”的永久编号从 ${from} 变成了 ${to}`,
      hint: ({ from }) => `永久编号不能更改(订阅者会看到两篇相同的文章):请把它改回 ${from}`,
    },
  },
  "ledger-article-missing": {
    severity: "error",
    message: ({ title, slug }) => `the published article "${title}" (/articles/${slug}) is gone`,
    hint: "restore its file, or, if it was removed on purpose, delete this line from content/id-ledger.json",
    zh: {
      message: ({ title, slug }) => `已发布的文章“${title}”(/articles/${slug})不见了`,
      hint: "恢复它的文件;若是有意删除,请在编辑台中删除文章(会同时从登记表中删去)",
    },
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
    zh: { field: zhField(where), message: text(kind.zh.message), hint: text(kind.zh.hint) },
  };
}
