/**
 * One article of a project, as the content build makes it, for the WeChat rendering and push
 * (`npm run wechat`, the desk's 复制到公众号): the same model the site is served from, so the
 * WeChat HTML is the body readers see on the site.
 */
import { readFile } from "node:fs/promises";
import type { Article, SiteSettings } from "../../src/content/model.ts";
import { buildContent, formatIssue } from "../content/index.ts";

export interface Loaded {
  article: Article;
  site: SiteSettings;
  /** A published picture's bytes by its name under /media/ (undefined: not published). */
  readMedia(name: string): Promise<Uint8Array | undefined>;
}

/** Why an article could not be loaded, in Chinese: `status` 404 (no such slug) or 422 (content errors). */
export class LoadError extends Error {
  readonly status: 404 | 422;
  constructor(message: string, status: 404 | 422) {
    super(message);
    this.name = "LoadError";
    this.status = status;
  }
}

export async function loadArticle(root: string, slug: string): Promise<Loaded> {
  const built = await buildContent(root, "content", { threads: 1 });
  if (!built.model) {
    const errors = built.issues.filter((i) => i.severity === "error");
    throw new LoadError(
      `内容有错误,网站和公众号的版本都做不出来;请先改正(npm run check 会列出全部):\n${errors
        .slice(0, 5)
        .map((i) => formatIssue(i, "zh"))
        .join("\n")}`,
      422,
    );
  }
  const article = built.model.articles.find((a) => a.slug === slug);
  if (!article)
    throw new LoadError(
      `没有网址名为 ${JSON.stringify(slug)} 的文章(content/articles/ 里的文件名,例如 member-congress-2026)。`,
      404,
    );
  const media = built.mediaFiles ?? new Map<string, string>();
  return {
    article,
    site: built.model.site,
    readMedia: async (name) => {
      const path = media.get(name);
      return path === undefined ? undefined : new Uint8Array(await readFile(path));
    },
  };
}
