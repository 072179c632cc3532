/**
 * Decap CMS's configuration, made from the content schema and content/site.yaml each time the desk
 * opens: the fields are the schema's front-matter keys in its order (ARTICLE_KEYS), required
 * where the schema requires them, the sections are site.yaml's. What a field looks like (its
 * Chinese label, its widget) is the one table below; a schema key without an entry there fails
 * the desk's tests, so a new field cannot be forgotten.
 */
import { articleSchema, ARTICLE_KEYS } from "../content/schema.ts";
import { ARTICLES, MEDIA } from "./backend.ts";

export interface DeskSite {
  name: string;
  timeZone: string;
  categories: { slug: string; name: string }[];
}

type Field = Record<string, unknown>;

/** Each front-matter field as the editor sees it. `hidden`: kept, never shown (the permanent id). */
export const FIELD_WIDGETS: Record<string, (site: DeskSite) => Field> = {
  id: () => ({ label: "永久编号", widget: "hidden" }),
  title: () => ({ label: "标题", widget: "string" }),
  slug: () => ({
    label: "网址",
    widget: "desk-slug",
    hint: "文章网址 /articles/<网址>,按标题自动生成(拼音);发布后不可更改。",
  }),
  category: (site) => ({
    label: "栏目",
    widget: "select",
    options: site.categories.map((c) => c.name),
  }),
  date: (site) => ({
    label: "发布时间",
    widget: "desk-date",
    hint: `按 ${site.timeZone} 时间填写,如 2026-03-18 09:30;晚于现在即定时发布。日期不详时勾选“日期不详”。`,
  }),
  updated: (site) => ({
    label: "更新时间",
    widget: "string",
    hint: `如 2026-03-20 或 2026-03-20 10:00(${site.timeZone});“日期不详”时必填。`,
  }),
  summary: () => ({ label: "摘要", widget: "text", hint: "一两句话;不填则取正文开头 120 个字。" }),
  source: () => ({
    label: "来源",
    widget: "object",
    collapsed: false,
    fields: [
      { label: "名称", name: "name", widget: "string", required: false },
      { label: "原文链接", name: "url", widget: "string", required: false, hint: "http(s):// 开头,可不填" },
    ],
  }),
  author: () => ({ label: "作者", widget: "string" }),
  tags: () => ({ label: "标签", widget: "desk-tags", hint: "输入后按回车;下拉列表是已在使用的标签。" }),
  // The cover: `image: name.jpg`, or `image: { file, alt }` with its own description (schema.ts).
  image: () => ({
    label: "封面图片",
    widget: "object",
    collapsed: false,
    hint: "显示在文章顶部和文章列表中,也用于链接预览和订阅源;不填则链接预览用正文第一张图。",
    fields: [
      { label: "图片", name: "file", widget: "image", choose_url: false, required: false },
      {
        label: "图片描述(替代文字)",
        name: "alt",
        widget: "string",
        required: false,
        hint: "给看不到图片的读者:一句话说明图中是什么,如“协会会员大会会场”;上传时默认为图片的文件名。",
      },
    ],
  }),
  images: () => ({
    label: "图片说明",
    widget: "list",
    default: [],
    summary: "{{fields.file}}",
    fields: [
      { label: "图片", name: "file", widget: "image", choose_url: false },
      { label: "图片描述(替代文字)", name: "alt", widget: "string", required: false },
      { label: "图注", name: "caption", widget: "string", required: false },
      { label: "图片已遗失", name: "unavailable", widget: "boolean", required: false, default: false },
    ],
  }),
  draft: () => ({ label: "草稿(不发布)", widget: "boolean", default: false }),
  aliases: () => ({
    label: "旧网址",
    widget: "list",
    default: [],
    hint: "旧网站上的路径(如 /a/2018/0621/123.html),访问时跳转到本文。",
  }),
};

/** The body's toolbar: no 标题 1 (the title is the page's heading), no code. */
const BODY_BUTTONS = [
  "bold",
  "italic",
  "link",
  "heading-two",
  "heading-three",
  "heading-four",
  "quote",
  "bulleted-list",
  "numbered-list",
];

/**
 * The form in the order an editor writes: title and section, then the body, then the rest in the
 * schema's order (the file keeps the schema's order whatever the form's: article.ts).
 */
function inEditorsOrder(fields: Field[], body: Field): Field[] {
  const first = ["id", "title", "category"];
  return [
    ...first.map((name) => fields.find((f) => f.name === name)!),
    body,
    ...fields.filter((f) => !first.includes(f.name as string)),
  ];
}

/** Whether the schema accepts the field left out (then the desk does not require it either). */
function optional(key: string): boolean {
  const shape = articleSchema.shape as Record<string, { safeParse(v: unknown): { success: boolean } }>;
  return shape[key]!.safeParse(undefined).success;
}

/** The configuration `CMS.init({ config })` takes (load_config_file: false). */
export function deskConfig(site: DeskSite): Record<string, unknown> {
  const fields: Field[] = ARTICLE_KEYS.map((key): Field => {
    const widget = FIELD_WIDGETS[key];
    if (!widget) throw new Error(`the desk has no widget for the front-matter field "${key}" (scripts/desk/config.ts)`);
    // The id is the desk's to assign (backend.ts), never the editor's to type.
    return { name: key, required: key !== "id" && !optional(key), ...widget(site) };
  });
  return {
    load_config_file: false,
    backend: { name: "proxy", proxy_url: "/admin/api/v1", branch: "main" },
    publish_mode: "simple",
    locale: "zh_Hans",
    site_url: "/",
    display_url: "/",
    media_folder: MEDIA,
    // Markdown names a picture as `../media/<file>` (docs/editing.md: the same file as `<file>`).
    public_folder: "../media",
    // Decap names an upload by this too: "ascii" made 会场照片.jpg ".jpg". Unicode keeps the editor's
    // name; the desk stores the picture under a safe one (media-names.ts). Entry file names are
    // the slug field's, pinyin already.
    slug: { encoding: "unicode", clean_accents: false, sanitize_replacement: "-" },
    collections: [
      {
        name: "articles",
        label: "文章",
        label_singular: "文章",
        description: `${site.name}的新闻文章,最新的在前。保存时自动检查,有问题会在相应的项下方说明。`,
        folder: ARTICLES,
        extension: "md",
        format: "json-frontmatter",
        create: true,
        delete: true,
        identifier_field: "title",
        slug: "{{fields.slug}}",
        summary: "{{title}} · {{category}} · {{_date}} · {{_state}}",
        // No sortable_fields, view_filters or view_groups: Decap runs each by fetching every
        // article (listAllEntries). The desk's list (admin/desk-list.js) pages, searches, filters
        // and sorts on the server instead (entriesPage, docs/decisions.md).
        editor: { preview: true },
        fields: inEditorsOrder(fields, {
          name: "body",
          label: "正文",
          widget: "markdown",
          required: true,
          // Headings from 小标题 (##) down: the title is the page's one <h1>, and the renderer
          // starts the body's outline at <h2> whatever level is written (markdown.ts, Outline).
          buttons: BODY_BUTTONS,
        }),
      },
    ],
  };
}
