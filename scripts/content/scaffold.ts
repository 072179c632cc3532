/** What `npm run new` writes: a slug for a (Chinese) title, and the article's starting text. */
import { createRequire } from "node:module";
import type * as PinyinPro from "pinyin-pro";
import { SLUG_RE } from "../../src/content/summary.ts";
import { writeYaml } from "./frontmatter.ts";

const MAX_SLUG = 60;

/**
 * pinyin-pro, loaded when a title is first made a slug: its dictionaries took a few hundred ms to
 * load in every build, which imports this module (through media-check.ts) to suggest a picture's
 * name only when one is wrong.
 */
const loadPinyin = () => (pinyinOnce ??= (createRequire(import.meta.url)("pinyin-pro") as typeof PinyinPro).pinyin);
let pinyinOnce: typeof PinyinPro.pinyin | undefined;

/**
 * An ASCII slug: Chinese becomes toneless pinyin (pinyin-pro), other letters and digits are kept,
 * everything else separates words. Cut at a word boundary so URLs stay short.
 */
export function slugify(title: string): string {
  const words = loadPinyin()(title.normalize("NFKC"), { toneType: "none", type: "array", nonZh: "consecutive" })
    .flatMap((w) => w.toLowerCase().split(/[^a-z0-9]+/))
    .filter(Boolean);
  let slug = "";
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > MAX_SLUG) break;
    slug = next;
  }
  return SLUG_RE.test(slug) ? slug : "";
}

export interface NewArticle {
  id: string;
  title: string;
  category: string;
  date: string;
  slug?: string;
}

/**
 * The new article's file: its fields, then the optional ones as comments, all through the YAML
 * writer (a title is any text: the writer quotes or escapes what needs it), then a body to replace.
 */
export function articleTemplate(a: NewArticle): string {
  const fields = writeYaml(
    { id: a.id, title: a.title, category: a.category, date: a.date, ...(a.slug ? { slug: a.slug } : {}) },
    {
      lineWidth: 0,
      after: [
        ' Optional fields: remove the leading "# " to use one.',
        " summary: 一两句话的摘要(不填则取正文开头 120 个字)",
        " author: 作者姓名",
        " source: 来源(如 南方号~佛山市~城市方法论)",
        " tags: [标签一, 标签二]",
        ` updated: ${a.date}`,
        " images:",
        "   - { file: photo.jpg, alt: 图片内容的文字描述, caption: 图注 }",
        " draft: true",
      ].join("\n"),
    },
  );
  return `---
${fields.trimEnd()}
---

在这里写正文。段落之间空一行;小标题用 "## 小标题"。
`;
}
