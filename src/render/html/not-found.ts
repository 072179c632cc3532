import type { SiteSettings } from "../../content/model.ts";
import { esc } from "./escape.ts";
import { layout } from "./layout.ts";

/** The 404 page, in the site's chrome. `path` is echoed escaped, never trusted. */
export function renderNotFound(path: string, site: SiteSettings): string {
  const main = `<h1>页面不存在</h1>
<p>没有找到 <code>${esc(path)}</code>。请返回<a href="/">首页</a>或从栏目中查找。</p>`;
  return layout({ title: `页面不存在 - ${site.name}`, description: "页面不存在" }, main, site);
}
