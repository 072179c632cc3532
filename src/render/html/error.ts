/** Error pages (404, 400) in the site's chrome. The request's path is shown escaped, never trusted. */
import type { SiteSettings } from "../../content/model.ts";
import { esc } from "./escape.ts";
import { layout } from "./layout.ts";

export function renderNotFound(path: string, site: SiteSettings): string {
  const main = `<section class="message">
<h1>页面不存在</h1>
<p>没有找到 <code>${esc(path)}</code>。文章可能尚未发布或地址有误。</p>
<p>请返回<a href="/">首页</a>,或从上方栏目中查找。</p>
</section>`;
  return layout({ title: `页面不存在 - ${site.name}`, description: "页面不存在。", noindex: true }, main, site);
}

export function renderBadRequest(message: string, site: SiteSettings): string {
  const main = `<section class="message">
<h1>请求有误</h1>
<p>${esc(message)}</p>
<p>请返回<a href="/">首页</a>。</p>
</section>`;
  return layout({ title: `请求有误 - ${site.name}`, description: "请求有误。", noindex: true }, main, site);
}

/** A page whose index could not be read (a store fault): said plainly, with the way on. */
export function renderUnavailable(what: string, site: SiteSettings): string {
  const main = `<section class="message">
<h1>暂时无法显示</h1>
<p>${esc(what)}暂时无法读取,请稍后再试。</p>
<p>请返回<a href="/">首页</a>,或从上方栏目中查找。</p>
</section>`;
  return layout({ title: `暂时无法显示 - ${site.name}`, description: "暂时无法显示。", noindex: true }, main, site);
}
