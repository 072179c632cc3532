/** The indexes of tags (/tags) and of the archive (/archive: 按年/按月归档), with their counts. Pure. */
import type { SiteSettings } from "../../content/model.ts";
import type { VisibleFacets } from "../../content/index.ts";
import { esc } from "./escape.ts";
import { layout } from "./layout.ts";
import { crumbs } from "./parts.ts";
import { paths } from "../../content/urls.ts";

export function renderTagIndex(facets: VisibleFacets, site: SiteSettings): string {
  const items = facets.tags.map(
    (t) =>
      `<li><a href="${esc(paths.tag(t.name))}" rel="tag">${esc(t.name)}</a> <span class="count">${t.count} 篇</span></li>`,
  );
  const main = `${crumbs([{ name: "标签" }])}
<section class="listing" aria-labelledby="tags-title">
<h1 id="tags-title">标签</h1>
${items.length ? `<p>共 ${items.length} 个标签,按文章数排列。</p>\n<ul class="tag-index">${items.join("")}</ul>` : `<p class="empty">暂无标签。</p>`}
</section>`;
  return layout(
    { title: `标签 - ${site.name}`, description: `${site.name}的全部标签及其文章数。`, path: paths.tags },
    main,
    site,
  );
}

export function renderArchiveIndex(facets: VisibleFacets, site: SiteSettings): string {
  const years = new Map<number, { month: number; count: number }[]>();
  for (const m of facets.months) {
    const list = years.get(m.year) ?? [];
    list.push(m);
    years.set(m.year, list);
  }
  const sections = [...years].map(([year, months]) => {
    const total = months.reduce((n, m) => n + m.count, 0);
    const items = months
      .map(
        (m) =>
          `<li><a href="${paths.archive(year, m.month)}">${m.month}月</a> <span class="count">${m.count} 篇</span></li>`,
      )
      .join("");
    return `<section aria-labelledby="y${year}"><h2 id="y${year}"><a href="${paths.archive(year)}">${year}年</a> <span class="count">${total} 篇</span></h2><ul class="months">${items}</ul></section>`;
  });
  const undated = facets.undated
    ? `<p>另有 ${facets.undated} 篇文章的原始发布日期不详,未列入按月归档;可在<a href="${paths.home}">最新文章</a>与各栏目中找到。</p>`
    : "";
  const main = `${crumbs([{ name: "归档" }])}
<section class="listing archive" aria-labelledby="archive-title">
<h1 id="archive-title">归档</h1>
${sections.length ? sections.join("\n") : `<p class="empty">暂无有确切日期的文章。</p>`}
${undated}
</section>`;
  return layout(
    { title: `归档 - ${site.name}`, description: `${site.name}的文章按年、按月归档。`, path: paths.archives },
    main,
    site,
  );
}
