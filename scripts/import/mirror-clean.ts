/**
 * An old page's DOM before Readability reads it (mirror.ts): what it states of itself (title,
 * dates, 来源, 作者, breadcrumb, keywords), then the template around the article taken out.
 * Readability scores blocks by text and links; on Chinese CMS templates (DedeCMS and its kind)
 * it keeps the short lines next to the text (当前位置, 发布时间…点击, 分享到, 上一篇/下一篇,
 * 友情链接, copyright and ICP lines), so those are found by their words and removed here.
 */
import { isDateInput } from "../content/dates.ts";

/** The part of linkedom's DOM used here (its own types need the DOM library, which Node's config has not). */
export interface El {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  parentElement: El | null;
  childNodes: ArrayLike<El>;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): ArrayLike<El>;
  contains(other: El): boolean;
  remove(): void;
}

/** What a page states of itself, found before anything is removed. */
export interface Stated {
  title?: string;
  /** The element the title came from: kept out of the body (the title is written apart). */
  titleElement?: El;
  /** The <title> without " - 站点名"/"_栏目_站点名", and its other parts (column, site). */
  pageTitle: string;
  titleParts: string[];
  /** The date as written: an instant (it gave an offset) or wall time in the site's zone. */
  published?: StatedDate;
  updated?: StatedDate;
  /**
   * The original publisher: where the page states it in more than one place (an information line
   * `来源:南方号`, a closing line `来源: 南方号~佛山市~城市方法论`), the fullest statement whole
   * (issue 31: imports keep the page's words), with the link a shorter one of it gave.
   */
  source?: { name: string; url?: string };
  /** Only from an explicit 作者. */
  author?: string;
  /** Breadcrumb entries, the most specific first, without 首页. */
  breadcrumb: string[];
  keywords: string[];
}

export type StatedDate = { instant: number } | { local: string };

const space = (s: string | null | undefined) => (s ?? "").replace(/[\s\u00a0\u3000]+/g, " ").trim();
const compact = (s: string | null | undefined) => (s ?? "").replace(/[\s\u00a0\u3000]+/g, "");

/** Text outside links: what tells an article's text from a list of links. */
function ownText(el: El): number {
  let links = 0;
  for (const a of Array.from(el.querySelectorAll("a"))) links += compact(a.textContent).length;
  return compact(el.textContent).length - links;
}
function linkDensity(el: El): number {
  const all = compact(el.textContent).length;
  return all ? (all - ownText(el)) / all : 0;
}

/**
 * A date as a page writes it: `2018-06-21 10:30`, `2018/6/21`, `2018年6月21日 10时30分`, ISO
 * 8601 with or without an offset. Undefined when it is no real calendar date.
 */
export function parseStatedDate(text: string): StatedDate | undefined {
  const m =
    /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*T?\s*(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2}))?)?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?/.exec(
      text,
    );
  if (!m) return undefined;
  const p = (v: string | undefined) => (v ?? "").padStart(2, "0");
  const local = `${m[1]}-${p(m[2])}-${p(m[3])}${m[4] ? `T${p(m[4])}:${p(m[5])}${m[6] ? `:${p(m[6])}` : ""}` : ""}`;
  if (!isDateInput(local)) return undefined;
  if (m[7] && m[4]) {
    const zone = m[7] === "Z" ? "Z" : `${m[7].slice(0, 3)}:${m[7].slice(-2)}`;
    const instant = Date.parse(`${local}${m[6] ? "" : ":00"}${zone}`);
    return Number.isNaN(instant) ? undefined : { instant };
  }
  return { local };
}

/** Labels of an article's information line; 时间/日期 alone count only beside one of these. */
const INFO_LABEL =
  /(?:发布时间|发布日期|发表时间|更新时间|修改时间|来源|作者|责任编辑|编辑|点击数?|浏览次数|浏览|阅读次数|阅读数)\s*[:：]/;
// Not the 时间 of 更新时间: that is the last change.
const DATE_LABEL = /(?<!更新|修改)(?:发布时间|发布日期|发表时间|时间|日期)\s*[:：]\s*/;
const UPDATED_LABEL = /(?:更新时间|修改时间)\s*[:：]\s*/;
const SOURCE_RE =
  /来源\s*[:：]\s*(.*?)\s*(?=(?:作者|责任编辑|编辑|点击|浏览|阅读|发布时间|发布日期|时间|日期|更新时间)\s*[:：]|\s{2,}|[|｜]|$)/;
const AUTHOR_RE =
  /作者\s*[:：]\s*(.*?)\s*(?=(?:来源|责任编辑|编辑|点击|浏览|阅读|发布时间|发布日期|时间|日期|更新时间)\s*[:：]|\s{2,}|[|｜]|$)/;
/** 来源/作者 values that name no one: the site itself, or nothing known. */
const NO_ONE = /^(?:本站|本网|原创|未知|佚名|admin|管理员)?$/i;

const BREADCRUMB = /^(?:当前位置|您的位置|你的位置|您现在的位置|你现在的位置|现在位置|所在位置|当前页面)/;
const HOME = /^(?:首页|主页|网站首页|返回首页|home|index)$/i;
/** Text nodes that mark a piece of the template: the block holding them goes. */
const CHROME_TEXT = [
  BREADCRUMB,
  /^分享到/,
  /^(?:上一篇|下一篇|上一条|下一条|上篇|下篇|上一页|下一页)/,
  /^友情链接/,
  /ICP备|ICP证|公网安备|Copyright|版权所有|©/i,
];
/** Side-list headings (推荐/热点/相关…): their block goes when it is mostly links. */
const SIDE_HEADING = /^(?:推荐|热点|热门|相关|最新|猜你喜欢|精彩推荐|阅读排行|点击排行|排行榜)/;
/** Classes and ids of template parts, by the names CMS templates give them. */
const CHROME_CLASS =
  /(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|crumbs?|position|weizhi|share|bdshare|bdsharebuttonbox|jiathis|footer|copyright|flink|friendlinks?|sidebar|prenext|pre_next|context)(?:$|[\s_-])/i;
/** Where lazy-loading scripts keep a picture's real address, the first found taken. */
const LAZY_SRC = ["data-original", "data-src", "data-echo", "_src", "original"];
const CHROME_TAGS = "script, style, noscript, iframe, form, nav, header, footer, aside, object, embed, button, select";

/** The page's own statements (see `Stated`): read before anything is removed. */
export function readStated(document: El): Stated {
  const head = (name: string) => {
    for (const meta of Array.from(document.querySelectorAll("meta"))) {
      const key = (meta.getAttribute("property") ?? meta.getAttribute("name") ?? meta.getAttribute("itemprop") ?? "")
        .trim()
        .toLowerCase();
      if (key === name) return meta.getAttribute("content")?.trim() || undefined;
    }
    return undefined;
  };
  const pageTitleText = space(document.querySelector("title")?.textContent);
  // DedeCMS writes 标题_栏目_站点名; others 标题 - 站点名 or 标题 | 站点名.
  const titleParts = pageTitleText.split(/\s*(?:_|\||｜|\s-\s|\s—\s|\s–\s|--)\s*/).filter(Boolean);
  const pageTitle = titleParts[0] ?? "";

  // The article's h1: the one the <title> begins with, else the first one of words (not the logo).
  const headings = Array.from(document.querySelectorAll("h1")).filter((h) => space(h.textContent));
  const siteName = titleParts.length > 1 ? titleParts[titleParts.length - 1] : undefined;
  const titleElement =
    headings.find(
      (h) => pageTitle && (pageTitle.startsWith(space(h.textContent)) || space(h.textContent).startsWith(pageTitle)),
    ) ?? headings.find((h) => space(h.textContent) !== siteName && !h.querySelector("a"));

  const stated: Stated = {
    pageTitle,
    titleParts: titleParts.slice(1),
    breadcrumb: [],
    keywords: (head("keywords") ?? "")
      .split(/[,，、;；|]+/)
      .flatMap((k) => (/[,，、;；|]/.test(head("keywords") ?? "") ? [k] : k.split(/\s+/)))
      .map((k) => k.trim())
      .filter((k) => k && k.length <= 40),
  };
  if (titleElement) {
    stated.title = space(titleElement.textContent);
    stated.titleElement = titleElement;
  }

  // Dates in the head or in <time>, else on the information line.
  const metaDate = (names: string[]) => names.map(head).find((v) => v && parseStatedDate(v));
  const published = metaDate(["article:published_time", "pubdate", "publishdate", "datepublished", "date"]);
  const modified = metaDate(["article:modified_time", "datemodified", "lastmodified"]);
  if (published) stated.published = parseStatedDate(published);
  if (modified) stated.updated = parseStatedDate(modified);
  if (!stated.published) {
    const time = Array.from(document.querySelectorAll("time[datetime]")).find(
      (t) => !closest(t, "a, li") && parseStatedDate(t.getAttribute("datetime")!),
    );
    if (time) stated.published = parseStatedDate(time.getAttribute("datetime")!);
  }

  const all = Array.from(document.querySelectorAll("body *"));
  // The breadcrumb: the element its marker begins, widened while its parent still begins with it.
  const crumb = all.find(
    (el) =>
      BREADCRUMB.test(compact(el.textContent)) &&
      !Array.from(el.childNodes).some((c) => c.nodeType === 1 && BREADCRUMB.test(compact(c.textContent))),
  );
  if (crumb) {
    let block = crumb;
    while (
      block.parentElement &&
      block.parentElement.nodeName !== "BODY" &&
      BREADCRUMB.test(compact(block.parentElement.textContent)) &&
      ownText(block.parentElement) <= 100
    )
      block = block.parentElement;
    const links = Array.from(block.querySelectorAll("a")).map((a) => space(a.textContent));
    const names = links.length
      ? links
      : space(block.textContent)
          .replace(BREADCRUMB, "")
          .split(/[>›»→/＞]+/);
    stated.breadcrumb = names
      .map((n) => n.replace(/^[:：\s]+|[:：\s]+$/g, ""))
      .filter((n) => n && !HOME.test(n))
      .reverse();
  }

  // The information line(s): the innermost elements holding a label (发布时间:, 来源:, 点击:…), so
  // a value ends where its element does; a label whose value sits in the next element is read
  // from the parent.
  for (const el of all) {
    const text = space(el.textContent);
    if (text.length > 300 || !INFO_LABEL.test(text)) continue;
    if (Array.from(el.childNodes).some((c) => c.nodeType === 1 && INFO_LABEL.test(space(c.textContent)))) continue;
    const wider = el.parentElement && ownText(el.parentElement) <= 200 ? space(el.parentElement.textContent) : text;
    if (!stated.published) {
      // A date after a 发布时间/时间/日期 label, else the line's only date ("2018-06-21 来源:…").
      const at = (t: string) => {
        const labelled = DATE_LABEL.exec(t);
        if (labelled) return parseStatedDate(t.slice(labelled.index + labelled[0].length));
        return UPDATED_LABEL.test(t) ? undefined : parseStatedDate(t);
      };
      const date = at(text) ?? (DATE_LABEL.test(text) ? at(wider) : undefined);
      if (date) stated.published = date;
    }
    const updated = UPDATED_LABEL.exec(text);
    if (updated && !stated.updated) stated.updated = parseStatedDate(text.slice(updated.index + updated[0].length));
    const source = SOURCE_RE.exec(text)?.[1]?.trim();
    if (source !== undefined && !NO_ONE.test(source)) {
      const link = Array.from(el.querySelectorAll("a")).find((a) => space(a.textContent) === source);
      const href = link?.getAttribute("href");
      stated.source = fuller(
        stated.source,
        href && /^https?:/.test(href) ? { name: source, url: href } : { name: source },
      );
    }
    const author = AUTHOR_RE.exec(text)?.[1]?.trim();
    if (author !== undefined && !NO_ONE.test(author) && !stated.author) stated.author = author;
  }
  return stated;
}

/**
 * Of two statements of a page's source, the fuller: the one that holds the other whole (南方号~佛山市
 * ~城市方法论 holds 南方号), keeping a link either gave; when neither holds the other, the first
 * (the other stays in the text: removeChrome keeps a 来源 line that names another source).
 */
function fuller(
  kept: { name: string; url?: string } | undefined,
  next: { name: string; url?: string },
): { name: string; url?: string } {
  if (!kept) return next;
  const url = kept.url ?? next.url;
  const withUrl = (name: string) => (url ? { name, url } : { name });
  if (holds(kept.name, next.name)) return withUrl(kept.name);
  if (holds(next.name, kept.name)) return withUrl(next.name);
  return kept;
}
/** Whether `whole` says all of `part` (white space aside). */
const holds = (whole: string, part: string) => compact(whole).includes(compact(part));

function closest(el: El, selector: string): El | undefined {
  const tags = selector.split(",").map((s) => s.trim().toUpperCase());
  for (let p = el.parentElement; p; p = p.parentElement) if (tags.includes(p.nodeName)) return p;
  return undefined;
}

/**
 * The template part a marker belongs to: climbs from it while the ancestor is still a short block
 * of its own (at most 200 characters outside links), never to one holding the article's title.
 */
function blockOf(from: El, title: El | undefined): El {
  let block = from;
  for (let p = from.parentElement; p && p.nodeName !== "BODY" && p.nodeName !== "HTML"; p = p.parentElement) {
    if ((title && p.contains(title)) || ownText(p) > 200) break;
    block = p;
  }
  return block;
}

/**
 * The information line a label's text belongs to: climbs from it while the ancestor holds little
 * besides it (labels split across elements, a date, a count: at most INFO_SLACK characters more),
 * never to one holding the title. Not `blockOf`: a short article whose last line is `来源:…`
 * would go whole with it.
 */
function infoBlockOf(from: El, title: El | undefined): El {
  let block = from;
  for (let p = from.parentElement; p && p.nodeName !== "BODY" && p.nodeName !== "HTML"; p = p.parentElement) {
    if ((title && p.contains(title)) || compact(p.textContent).length > compact(block.textContent).length + INFO_SLACK)
      break;
    block = p;
  }
  return block;
}
const INFO_SLACK = 40;

/** Every text node under `el`, in document order. */
function textNodes(el: El, out: El[] = []): El[] {
  for (const child of Array.from(el.childNodes)) {
    if (child.nodeType === 3) out.push(child);
    else if (child.nodeType === 1) textNodes(child, out);
  }
  return out;
}

/**
 * Removes the template around the article (see the top of this file) and the title element, and
 * makes every link and picture address absolute against `base` (normalised by `canonical`), so the
 * body's URLs mean the same wherever it is written.
 */
export function removeChrome(document: El, stated: Stated, base: string, canonical: (url: URL) => string): void {
  const title = stated.titleElement;
  const body = document.querySelector("body") ?? document;
  const doomed = new Set<El>();
  for (const el of Array.from(body.querySelectorAll(CHROME_TAGS))) {
    if (!(title && el.contains(title)) && ownText(el) <= 200) doomed.add(el);
    // Scripts and styles go whatever their size: they are never text.
    if (/^(?:SCRIPT|STYLE|NOSCRIPT)$/.test(el.nodeName)) doomed.add(el);
  }
  for (const el of Array.from(body.querySelectorAll("[class], [id]"))) {
    const names = `${el.getAttribute("class") ?? ""} ${el.getAttribute("id") ?? ""}`;
    if (CHROME_CLASS.test(names) && !(title && el.contains(title)) && ownText(el) <= 200) doomed.add(el);
  }
  for (const node of textNodes(body)) {
    const text = compact(node.textContent);
    const parent = node.parentElement;
    if (!text || !parent) continue;
    if (CHROME_TEXT.some((re) => re.test(text)) && text.length <= 200) doomed.add(blockOf(parent, title));
    else if (text.length <= 12 && SIDE_HEADING.test(text)) {
      const block = blockOf(parent, title);
      if (linkDensity(block) >= 0.5) doomed.add(block);
    } else if (INFO_LABEL.test(text) && text.length <= 200) {
      // The information line (发布时间, 来源, 点击…): what it states is in the front matter, unless
      // it names another source than the one kept there (its words stay in the text).
      const block = infoBlockOf(parent, title);
      const said = SOURCE_RE.exec(space(block.textContent))?.[1]?.trim();
      const another = said !== undefined && !NO_ONE.test(said) && !(stated.source && holds(stated.source.name, said));
      if (!another && INFO_LABEL.test(space(block.textContent)) && ownText(block) <= 200) doomed.add(block);
    }
  }
  if (title) doomed.add(title);
  for (const el of doomed) el.remove();

  // Lazy-loaded pictures (CMS templates, articles copied from WeChat): the real address is in one
  // of these and `src` holds a placeholder (loading.gif, a 1×1 GIF, a data: URI) or nothing. The
  // attributes go once read, or Readability (which copies such attributes of class="lazy"
  // pictures into `src`) would put the relative address back.
  for (const img of Array.from(body.querySelectorAll("img"))) {
    const real = LAZY_SRC.map((name) => img.getAttribute(name)?.trim()).find(
      (value) => value && !/^(?:data|javascript):/i.test(value),
    );
    if (real) img.setAttribute("src", real);
    for (const name of LAZY_SRC) img.removeAttribute(name);
  }
  for (const [selector, attr] of [
    ["a[href]", "href"],
    ["img[src]", "src"],
  ] as const) {
    for (const el of Array.from(body.querySelectorAll(selector))) {
      const value = el.getAttribute(attr)!.trim();
      if (!value || value.startsWith("#") || /^(?:javascript|data|mailto|tel):/i.test(value)) continue;
      try {
        el.setAttribute(attr, canonical(new URL(value, base)));
      } catch {
        // An address that is no URL stays as it is; turndown keeps its text only.
      }
    }
  }
}
