/**
 * The desk's 复制到公众号 (admin/wechat.js): the saved article, built as the site builds it, in
 * WeChat's rendering (scripts/wechat/render.ts). Read-only and local like the rest of the desk:
 * server.ts has already checked the request's Host; the slug is checked here before it names a file.
 */
import { SLUG_RE } from "../content/schema.ts";
import { loadArticle, LoadError } from "../wechat/load.ts";
import { renderWechat } from "../wechat/render.ts";
import type { DeskAnswer } from "./backend.ts";

export async function wechatCopy(root: string, slug: string): Promise<DeskAnswer> {
  if (!SLUG_RE.test(slug))
    return {
      status: 400,
      body: { error: `网址名 ${JSON.stringify(slug)} 不对:只用小写字母、数字和连字符,例如 member-congress-2026。` },
    };
  try {
    const { article, site } = await loadArticle(root, slug);
    const { html, text, url, notes } = renderWechat(article, site);
    return { status: 200, body: { title: article.title, html, text, url, notes: notes.length } };
  } catch (e) {
    if (e instanceof LoadError) return { status: e.status, body: { error: e.message } };
    throw e;
  }
}
