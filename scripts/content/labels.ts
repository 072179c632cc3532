/**
 * Every field as an editor knows it: its Chinese label (the one the desk shows at the field,
 * scripts/desk/config.ts; test/scripts/desk-words.test.ts keeps the two equal) and an example of
 * a good value. The catalogue's Chinese messages and hints (catalogue.ts) name fields only
 * through this table, so a problem reads "请填写标题", never `title:`.
 */

interface Label {
  label: string;
  /** A good value, as an editor would type it at the desk. */
  example?: string;
  /** What a value must look like, said as a rule ("须为…"), where the schema checks a form. */
  form?: string;
}

/** What a picture field holds. */
const PICTURE_FORM = "须为图片库中的图片(jpg、png、gif、webp、avif 或 svg)";

/** A web address field (the schema checks http or https), labelled and with an example. */
const webAddress = (label: string, example: string): Label => ({
  label,
  example,
  form: "须以 http:// 或 https:// 开头",
});

/** A time an editor types at the desk (the date widget's own placeholder). */
export const DATE_EXAMPLE = "2026-03-18 09:30";

/** Article front matter, by dotted path without list indexes (`images.alt`). */
const ARTICLE: Readonly<Record<string, Label>> = {
  id: { label: "永久编号", form: "须为编辑台生成的编号(小写 UUID),不要改动" },
  title: { label: "标题", example: "协会召开第五届会员大会" },
  slug: { label: "网址", example: "hui-yuan-da-hui", form: "只能用小写英文字母、数字和单个连字符" },
  category: { label: "栏目", example: "协会动态" },
  date: { label: "发布时间", example: DATE_EXAMPLE },
  "date.notBefore": { label: "发布时间 › 不早于", example: "2018-06-20" },
  "date.note": { label: "发布时间 › 说明", example: "原网页未载明日期,按首次转载推定" },
  updated: { label: "更新时间", example: "2026-03-20 10:00" },
  summary: { label: "摘要", example: "协会在禅城召开第五届会员大会,选举产生新一届理事会。" },
  source: { label: "来源", example: "佛山日报" },
  "source.name": { label: "来源 › 名称", example: "佛山日报" },
  "source.url": webAddress("来源 › 原文链接", "https://www.example.com/news/123.html"),
  author: { label: "作者", example: "李明" },
  tags: { label: "标签", example: "会员大会" },
  image: { label: "封面图片", example: "huiyi.jpg", form: PICTURE_FORM },
  "image.file": { label: "封面图片 › 图片", example: "huiyi.jpg", form: PICTURE_FORM },
  "image.alt": { label: "封面图片 › 图片描述(替代文字)", example: "会员大会现场" },
  images: { label: "图片说明" },
  "images.file": { label: "图片说明 › 图片", example: "huiyi.jpg", form: PICTURE_FORM },
  "images.alt": { label: "图片说明 › 图片描述(替代文字)", example: "会员大会现场" },
  "images.caption": { label: "图片说明 › 图注", example: "第五届会员大会现场" },
  "images.unavailable": { label: "图片说明 › 图片已遗失" },
  draft: { label: "草稿(不发布)" },
  aliases: { label: "旧网址", example: "/a/2018/0621/123.html", form: "须为旧网站上以 / 开头的路径" },
  body: { label: "正文" },
  // A file in content/media/ (media.ts reports its problems at these).
  media: { label: "图片文件" },
  file: { label: "图片文件" },
  "front matter": { label: "文章信息" },
  yaml: { label: "文章信息" },
};

/** content/site.yaml, the site settings (edited by hand, not at the desk). */
const SITE: Readonly<Record<string, Label>> = {
  site: { label: "网站设置" },
  id: { label: "网站永久编号", form: "须为小写 UUID" },
  name: { label: "网站名称", example: "禅城陶瓷协会" },
  origin: { label: "网站域名", example: "https://news.example.org", form: "须为 https:// 加域名,不带路径和结尾的斜杠" },
  language: { label: "网站语言", example: "zh-CN", form: "须为语言代码" },
  timeZone: { label: "时区", example: "Asia/Shanghai", form: "须为时区名称" },
  description: { label: "网站简介", example: "禅城陶瓷行业的新闻与动态。" },
  categories: { label: "栏目" },
  "categories.slug": { label: "栏目 › 网址", example: "xie-hui-dong-tai", form: "只能用小写英文字母、数字和连字符" },
  "categories.name": { label: "栏目 › 名称", example: "协会动态" },
  links: { label: "友情链接" },
  "links.name": { label: "友情链接 › 名称", example: "禅城区人民政府" },
  "links.url": webAddress("友情链接 › 网址", "https://www.chancheng.gov.cn/"),
  copyright: { label: "版权声明", example: "© 禅城陶瓷协会" },
  icp: { label: "ICP 备案" },
  "icp.number": { label: "ICP 备案 › 备案号", example: "粤ICP备12345678号" },
  "icp.url": webAddress("ICP 备案 › 链接", "https://beian.miit.gov.cn/"),
  publicSecurity: { label: "公安备案" },
  "publicSecurity.number": {
    label: "公安备案 › 备案号",
    example: "粤公网安备44060402000123号",
    form: "须照备案证书填写:省份简称、公网安备、14 位数字和号",
  },
  "publicSecurity.url": {
    label: "公安备案 › 链接",
    example: "https://beian.mps.gov.cn/#/query/webSearch?code=44060402000123",
    form: "须为 beian.mps.gov.cn 上该备案的链接",
  },
  consumerRightsStation: { label: "消费维权服务站", example: "禅城区陶瓷行业消费维权服务站" },
  pageSize: { label: "每页文章数", example: "20" },
  feedSize: { label: "订阅源文章数", example: "20" },
  websub: { label: "WebSub 推送服务", example: "https://pubsubhubbub.appspot.com/", form: "须以 https:// 开头" },
};

/** The table for `file`: the site settings, or an article's fields. */
const tableOf = (file: string) => (file.endsWith("site.yaml") ? SITE : ARTICLE);

/** `images.0.alt` → `images.alt`: labels do not depend on which item of a list it is. */
const pathKey = (field: string) =>
  field
    .split(".")
    .filter((part) => !/^\d+$/.test(part))
    .join(".");

function lookup(field: string, file: string): Label | undefined {
  const table = tableOf(file);
  // The longest known prefix: `source.name` has its own label; `tags.3` is the tags' label.
  for (let parts = pathKey(field).split("."); parts.length > 0; parts = parts.slice(0, -1)) {
    const key = parts.join(".");
    if (Object.hasOwn(table, key)) return table[key];
  }
  return undefined;
}

/** The label an editor knows field `field` of `file` by; the field's own name when it has none. */
export function fieldLabel(field: string, file = "content/articles/x.md"): string {
  return lookup(field, file)?.label ?? field;
}

/** A good value for the field (or the list or map it is part of), when the table has one. */
export function fieldExample(field: string, file = "content/articles/x.md"): string | undefined {
  return lookup(field, file)?.example;
}

/** What a value of the field must look like, when the schema checks a form. */
export function fieldForm(field: string, file = "content/articles/x.md"): string | undefined {
  return lookup(field, file)?.form;
}

/** The article fields an editor sees at the desk, with their labels (for the desk's own test). */
export const ARTICLE_LABELS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(ARTICLE).map(([key, { label }]) => [key, label]),
);
