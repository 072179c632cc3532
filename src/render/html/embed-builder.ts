/**
 * /embed: the embed builder (issue 31 part 2). Someone from another site picks what to show (the
 * latest articles, a section, a tag or a search) and how many, sees the real <ceramics-news>
 * element, and copies the snippet and the equivalent API URL. The page works without script (the
 * default snippet and URL are here); src/assets/embed-builder.js keeps them in step with the form.
 * Every URL comes from content/urls.ts on the site's origin; the live element runs the site's own
 * fingerprinted embed.js, so the page loads nothing from another origin. Pure.
 */
import { paths, url } from "../../content/urls.ts";
import type { SiteSettings } from "../../content/model.ts";
import { ASSETS } from "../../generated/assets.ts";
import { esc } from "./escape.ts";
import { layout } from "./layout.ts";

/** What the page shows first: the latest five articles. */
export const BUILDER_DEFAULT_LIMIT = 5;

/** The snippet for the default choice, as embed-builder.js writes every other one. */
export function defaultSnippet(site: SiteSettings): string {
  return (
    `<script src="${esc(url(site, paths.embedScript))}" defer></script>\n` +
    `<ceramics-news limit="${BUILDER_DEFAULT_LIMIT}"></ceramics-news>`
  );
}

/** The API URL for the default choice. */
export function defaultApiUrl(site: SiteSettings): string {
  return url(site, paths.api.articles, { limit: BUILDER_DEFAULT_LIMIT });
}

export function renderEmbedBuilder(site: SiteSettings, tags: readonly { name: string; count: number }[]): string {
  const option = (value: string, label: string) => `<option value="${esc(value)}">${esc(label)}</option>`;
  const kind = (value: string, label: string, checked = false) =>
    `<label><input type="radio" name="kind" value="${value}"${checked ? " checked" : ""}> ${label}</label>`;
  const main = `<section class="listing builder" aria-labelledby="builder-title">
<h1 id="builder-title">在您的网站上显示本站新闻</h1>
<p>会员企业、兄弟协会和其他网站可以免费在自己的网页上显示本站的文章,自动保持最新。选择要显示的内容和篇数,下方会显示实际效果;把生成的代码粘贴到您网页中要显示新闻的位置即可。</p>
<form class="builder-form" id="builder" data-script="${esc(url(site, paths.embedScript))}" data-articles="${esc(
    url(site, paths.api.articles),
  )}" data-search="${esc(url(site, paths.api.search))}">
<fieldset>
<legend>显示什么</legend>
${kind("latest", "最新文章", true)}
${kind("category", "一个栏目的文章")}
${kind("tag", "一个标签的文章")}
${kind("query", "搜索结果")}
</fieldset>
<p data-for="category"><label for="builder-category">栏目</label>
<select id="builder-category" name="category">${site.categories.map((c) => option(c.slug, c.name)).join("")}</select></p>
${
  tags.length
    ? `<p data-for="tag"><label for="builder-tag">标签</label>
<select id="builder-tag" name="tag">${tags.map((t) => option(t.name, `${t.name}(${t.count} 篇)`)).join("")}</select></p>`
    : ""
}
<p data-for="query"><label for="builder-query">搜索词</label>
<input id="builder-query" name="query" type="search" value="陶瓷" maxlength="100"></p>
<p><label for="builder-limit">篇数(1–50)</label>
<input id="builder-limit" name="limit" type="number" min="1" max="50" step="1" value="${BUILDER_DEFAULT_LIMIT}" required></p>
<p class="builder-error" id="builder-error" role="alert" hidden></p>
</form>
<section class="builder-preview" id="builder-preview" aria-labelledby="preview-title"><h2 id="preview-title">预览</h2>
<ceramics-news limit="${BUILDER_DEFAULT_LIMIT}"></ceramics-news></section>
<h2>嵌入代码</h2>
<p>粘贴到您的网页(HTML)中。列表在自己的 Shadow DOM 里显示,不受您网页样式的影响,不设置 Cookie,只从本站读取数据。</p>
<pre class="builder-code"><code id="builder-snippet">${esc(defaultSnippet(site))}</code></pre>
<p><button type="button" data-copy="builder-snippet" hidden>复制嵌入代码</button></p>
<h2>API 地址</h2>
<p>自己排版时,用同样条件读取 JSON 数据(允许跨域;接口说明见 <a href="${esc(
    url(site, paths.api.openapi),
  )}">OpenAPI 文档</a>):</p>
<pre class="builder-code"><code id="builder-api">${esc(defaultApiUrl(site))}</code></pre>
<p><button type="button" data-copy="builder-api" hidden>复制 API 地址</button></p>
<p class="builder-status" role="status" id="builder-status"></p>
</section>`;
  return layout(
    {
      title: `嵌入本站新闻 - ${site.name}`,
      description: `在您的网站上显示${site.name}的最新文章:选择栏目、标签或搜索词,复制嵌入代码或 API 地址。`,
      path: paths.embedBuilder,
      scripts: [ASSETS["embed.js"].path, ASSETS["embed-builder.js"].path],
    },
    main,
    site,
  );
}
