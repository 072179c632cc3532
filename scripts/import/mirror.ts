/**
 * A folder mirroring the old site (`wget --mirror`, a browser's "save page as, complete") as an
 * import source (issue 22, source 1). Every HTML page in it (`.html`/`.htm`, and wget's names for
 * dynamic pages such as `plus/view.php?aid=123.html`) is read in its declared encoding; article
 * pages become `Imported` items, the others (home, lists, search, tags, errors, pages without
 * text) are skipped with their path and why. A bad page never stops the others.
 *
 * The main text is found by Mozilla Readability on a linkedom DOM, after the CMS template around
 * it is removed (mirror-clean.ts). Each page's old URL is its path in the mirror under the old
 * origin (`--origin`, or the folder's name when wget named it after the host). A folder holding
 * no page but one host-named folder (where wget was run) is read through that one.
 *
 * The importer stays inside the mirror and inside a budget (issue 29): a symbolic link is never
 * followed (each one is named in a warning; a picture behind one is declared unavailable), every
 * file read must resolve inside the mirror's real folder, a page larger than its BUDGET is skipped
 * unread, a page nested deeper than MAX_HTML_DEPTH is flattened (html-depth.ts) before linkedom
 * and Readability see it, and a page not read within its BUDGET's time is stopped and skipped
 * (the reader runs in a worker, budget.ts).
 */
import { createHash } from "node:crypto";
import { lstat, readdir, readFile, realpath } from "node:fs/promises";
import { basename, join, relative, resolve, sep } from "node:path";
import { toInstant } from "../content/dates.ts";
import { checkMedia, sniff } from "../content/media-check.ts";
import { progress } from "../terminal/progress.ts";
import type { Imported, ImportedPicture, SourceRead } from "./imported.ts";
import { Budgeted } from "./budget.ts";
import { flattenDeepHtml, MAX_HTML_DEPTH } from "./html-depth.ts";
import { readStated, removeChrome, type El, type StatedDate } from "./mirror-clean.ts";

export interface MirrorOptions {
  /** The old site's origin (`http://old.example.cn`); else the folder's name, when it is a host. */
  origin?: string;
  /** The site's time zone: a date written without an offset is wall time there. */
  timeZone: string;
  /** The site's section names: a page titled with one is that section's list. */
  sections?: readonly string[];
  /** A progress bar on stderr while pages are read. */
  progress?: boolean;
  /** What one page (or a feed's item) may take: BUDGET unless given. */
  budget?: { seconds?: number; bytes?: number };
}

const PICTURE_EXT = /\.(jpe?g|png|gif|webp|avif|svg)$/i;
const EXT_OF_TYPE: Record<string, string> = {
  JPEG: "jpg",
  PNG: "png",
  GIF: "gif",
  WebP: "webp",
  AVIF: "avif",
  SVG: "svg",
};
/** Server-side scripts whose pages wget saves with `.html` appended after the query. */
const DYNAMIC = /\.(?:php|asp|aspx|jsp|cgi|do|shtml)$/i;

/**
 * The page's encoding as a browser finds it (WHATWG Encoding and HTML's prescan, simplified): a
 * byte order mark, else a `<meta charset>` or `http-equiv="Content-Type"` in the first 1024
 * bytes, else UTF-8. Labels are resolved by TextDecoder (gb2312 and gbk are GBK, big5, …).
 */
export function decodePage(bytes: Uint8Array): { text: string; encoding: string; unknownLabel?: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: new TextDecoder("utf-8").decode(bytes), encoding: "utf-8" };
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder("utf-16le").decode(bytes), encoding: "utf-16le" };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder("utf-16be").decode(bytes), encoding: "utf-16be" };
  const head = Buffer.from(bytes.subarray(0, 1024)).toString("latin1");
  let label: string | undefined;
  for (const [meta] of head.matchAll(/<meta\b[^>]*>/gi)) {
    // <meta charset="gb2312">, or <meta http-equiv="Content-Type" content="text/html; charset=gb2312">.
    const own = /\bcharset\s*=\s*["']?\s*([^\s"'>;/]+)/i.exec(
      meta.replace(/\bcontent\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/i, ""),
    );
    const inContent = /http-equiv\s*=\s*["']?content-type/i.test(meta)
      ? /\bcontent\s*=\s*["']?[^"'>]*?charset\s*=\s*([^\s"'>;]+)/i.exec(meta)
      : null;
    label = own?.[1] ?? inContent?.[1];
    if (label) break;
  }
  if (!label) return { text: new TextDecoder("utf-8").decode(bytes), encoding: "utf-8" };
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(label);
  } catch {
    return { text: new TextDecoder("utf-8").decode(bytes), encoding: "utf-8", unknownLabel: label };
  }
  // A meta naming UTF-16 cannot be true of bytes an ASCII prescan could read: HTML says UTF-8;
  // x-user-defined is windows-1252 there.
  const encoding = decoder.encoding.startsWith("utf-16")
    ? "utf-8"
    : decoder.encoding === "x-user-defined"
      ? "windows-1252"
      : decoder.encoding;
  return { text: new TextDecoder(encoding).decode(bytes), encoding };
}

/** A folder wget named after a host: `old.example.cn`, `192.168.1.10`, with `:port` (`+port` on Windows). */
const HOST_NAME = /^(?:(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}|\d{1,3}(?:\.\d{1,3}){3})(?:[:+]\d+)?$/i;

/** The mirror's origin: --origin, else the folder's name when wget named it after the host. */
function originOf(dir: string, given: string | undefined): string {
  if (given) {
    let url: URL;
    try {
      url = new URL(given);
    } catch {
      throw new Error(`--origin ${given} is not a URL: give the old site's address, such as http://old.example.cn`);
    }
    if (!/^https?:$/.test(url.protocol))
      throw new Error(`--origin ${given}: the old site's address is http:// or https://`);
    return url.origin;
  }
  const name = basename(resolve(dir));
  // wget --restrict-file-names=windows writes old.example.cn:8080 as old.example.cn+8080.
  if (HOST_NAME.test(name)) return `http://${name.toLowerCase().replace("+", ":")}`;
  throw new Error(
    `${dir}: which site is this a mirror of? Give its address with --origin http://old.example.cn ` +
      "(the old URLs give the articles their ids and redirects; wget names the folder after the host, this one is not)",
  );
}

/**
 * The folder wget made inside `dir` when `dir` is where it was run (mirror/old.example.cn/…): its
 * only subfolder named after a host, when `dir` holds no page of its own; else undefined.
 */
async function hostFolderIn(dir: string): Promise<string | undefined> {
  let top;
  try {
    top = await readdir(dir, { withFileTypes: true });
  } catch {
    return undefined; // readMirror says why it cannot be read.
  }
  if (top.some((e) => !e.isDirectory() && (/\.html?$/i.test(e.name) || splitName(e.name).query !== undefined)))
    return undefined;
  const hosts = top.filter((e) => e.isDirectory() && HOST_NAME.test(e.name));
  return hosts.length === 1 ? join(dir, hosts[0]!.name) : undefined;
}

const safeDecode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/**
 * A mirror file's name split where its query begins: at `?` (wget's default), or at the `@` wget
 * writes after a script's name under `--restrict-file-names=windows` (the default on Windows:
 * `view.php?aid=123` is saved as `view.php@aid=123`, and `%XX` stands for the characters Windows
 * refuses, such as `?`, `:` and `*`).
 */
function splitName(rel: string): { path: string; query?: string } {
  const q = rel.indexOf("?");
  if (q >= 0) return { path: rel.slice(0, q), query: rel.slice(q + 1) };
  const at = /^([^@]*\.(?:php|asp|aspx|jsp|cgi|do|shtml))@([^/]*)$/i.exec(rel);
  return at ? { path: at[1]!, query: safeDecode(at[2]!) } : { path: rel };
}

/** The mirror's URL scheme: a file's path in the folder ↔ the old URL it was saved from. */
function urls(origin: string, files: ReadonlySet<string>) {
  /** The old URL of the file at `rel` (a path in the mirror, `/`-separated). */
  const urlOf = (rel: string): string => {
    let { path, query } = splitName(rel);
    // wget --adjust-extension adds .html to a dynamic page's name: the URL has none.
    if (query !== undefined && DYNAMIC.test(path)) query = query.replace(/\.html?$/i, "");
    // wget saves a directory's address (/a/xhdt/) as its index.html: the page is that address,
    // whichever of the two a link names (aliases.ts takes both as one old page too).
    if (!query) path = path.replace(/(^|\/)index\.html?$/i, "$1");
    const url = new URL(`${origin}/${path.replace(/^\/+/, "")}`);
    if (query) url.search = `?${query}`;
    return url.href;
  };
  /** The same address in the form urlOf gives (wget's converted links write ? as %3F). */
  const canonical = (url: URL): string => {
    if (url.origin !== origin) return url.href;
    const hash = url.hash;
    return urlOf(safeDecode(url.pathname).slice(1) + safeDecode(url.search)) + hash;
  };
  /** The file a same-origin URL is saved as, relative to the mirror, if the mirror holds it. */
  const fileOf = (url: URL): string | undefined => {
    const path = safeDecode(url.pathname).slice(1);
    const query = safeDecode(url.search).slice(1);
    const names = query ? [`${path}?${query}`, `${path}@${query}`] : [path];
    return names.find((name) => files.has(name));
  };
  return { urlOf, canonical, fileOf };
}

/** Why a page is not an article, from its path alone (undefined: it may be one). */
function notArticleByPath(rel: string, url: string): string | undefined {
  const { pathname, search } = new URL(url);
  if (pathname === "/" || /^\/(?:index|default)\.(?:html?|php|asp|aspx|jsp)$/i.test(pathname)) return "the home page";
  if (
    /(?:^|\/)(?:search|so)(?:\.\w+)?$|\/plus\/search\.php/i.test(pathname) ||
    /[?&](?:q|keyword|keywords|wd)=/i.test(search)
  )
    return "a search page";
  if (/(?:^|\/)tags?(?:\.\w+|\/|$)|\/tags?\//i.test(pathname)) return "a tag page";
  if (/\/list\.php$|\/list_\d+(?:_\d+)?\.html?$|\/(?:index|list)_\d+\.html?$/i.test(pathname)) return "a list page";
  // Only at the top: /a/2018/0101/404.html is article 404.
  if (/^(?:404|403|500|error)\.html?$/i.test(rel)) return "an error page";
  return undefined;
}

const ERROR_TITLE =
  /^(?:404|403|500)\b|not found|页面不存在|页面未找到|找不到页面|您访问的页面|出错了|系统提示|提示信息/i;
const compact = (s: string | null | undefined) => (s ?? "").replace(/[\s\u00a0\u3000]+/g, "");
const stripTags = (html: string) => html.replace(/<[^>]*>/g, "");
const megabytes = (bytes: number) => (bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, "");

/**
 * What one page may take (issue 29): 5 s of reading and 5 MB of bytes (`--budget-seconds`,
 * `--budget-mb`). No article page comes near either; a page over it is skipped, named.
 */
export const BUDGET = { seconds: 5, bytes: 5 * 1024 * 1024 };

export async function readMirror(given: string, options: MirrorOptions): Promise<SourceRead> {
  const notes: string[] = [];
  const inner = await hostFolderIn(given);
  const dir = inner ?? given;
  const origin = originOf(dir, options.origin);
  if (inner)
    notes.push(
      `reading ${inner}, the only site's folder in ${given}` + (options.origin ? "" : `, as ${origin} (its name)`),
    );
  let entries;
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch (e) {
    throw new Error(`cannot read ${dir}: ${(e as Error).message}`);
  }
  const relOf = (e: (typeof entries)[number]) => relative(dir, join(e.parentPath, e.name)).split(sep).join("/");
  // Symbolic links are not followed (readdir does not descend into a linked folder either): a
  // link may lead anywhere on this machine, and what it leads to is not the old site's.
  const links = new Set(entries.filter((e) => e.isSymbolicLink()).map(relOf));
  const files = new Set(entries.filter((e) => e.isFile()).map(relOf));
  const { urlOf, canonical, fileOf } = urls(origin, new Set([...files, ...links]));
  const root = await realpath(dir);
  /** The bytes of the mirror's file at `rel`, if it is a file in the mirror (never through a link). */
  const readInside = async (rel: string): Promise<{ real: string; bytes: Buffer }> => {
    const full = join(dir, rel);
    if ((await lstat(full)).isSymbolicLink()) throw new Error("a symbolic link (not followed)");
    const real = await realpath(full);
    if (!real.startsWith(root + sep)) throw new Error(`outside the mirror (it resolves to ${real})`);
    return { real, bytes: await readFile(real) };
  };
  // Pages: .html/.htm, and wget's names of dynamic pages (view.php?aid=123, view.php@aid=123),
  // checked for HTML below.
  const pages = [...files]
    .filter((rel) => /\.html?$/i.test(rel) || (splitName(rel).query !== undefined && !PICTURE_EXT.test(rel)))
    .sort();

  const items: Imported[] = [];
  const skipped: string[] = [];
  const warnings: string[] = [];
  for (const rel of [...links].sort())
    warnings.push(`${rel}: a symbolic link, not followed (only the mirror's own files are imported)`);
  const pictures = new Map<string, Promise<ImportedPicture>>();
  const picture = (src: string) => {
    if (!pictures.has(src)) pictures.set(src, pictureOf(src));
    return pictures.get(src)!;
  };
  const pictureOf = async (src: string): Promise<ImportedPicture> => {
    const url = new URL(src);
    if (url.origin !== origin) return { src, unavailable: "on another host" };
    const rel = fileOf(url);
    if (rel === undefined) return { src, unavailable: "not in the mirror" };
    if (links.has(rel)) return { src, unavailable: `a symbolic link in the mirror (${rel}), not followed` };
    let bytes: Buffer;
    let real: string;
    try {
      ({ bytes, real } = await readInside(rel));
    } catch (e) {
      return { src, unavailable: `cannot be read (${(e as Error).message})` };
    }
    let name = rel.split("/").pop()!;
    if (!PICTURE_EXT.test(name)) {
      // A picture served by a script (pic.php?id=3): its bytes say which type it is. Named before
      // it is checked, so a scripted SVG without .svg in its address is refused like any other.
      const ext = EXT_OF_TYPE[sniff(bytes)];
      if (!ext) return { src, unavailable: `not a picture (its bytes are ${sniff(bytes)})` };
      name = `${splitName(name).path.replace(/\.[^.]*$/, "") || "picture"}.${ext}`;
    }
    const problem = checkMedia(name, bytes).find((p) => p.code !== "media-name");
    if (problem?.code === "media-wrong-type")
      return {
        src,
        unavailable: `damaged (its bytes are ${problem.found}, not the ${problem.expected} its name says)`,
      };
    if (problem?.code === "media-unsafe-svg")
      return { src, unavailable: `refused (an SVG with ${problem.what})`, type: "svg" };
    return { src, file: { path: real, name, digest: createHash("sha256").update(bytes).digest("hex") } };
  };

  const budget = { seconds: options.budget?.seconds ?? BUDGET.seconds, bytes: options.budget?.bytes ?? BUDGET.bytes };
  const reader = new Budgeted<{ html: string; url: string }, PageRead | string>(
    new URL("./mirror-worker.ts", import.meta.url),
    { origin, files: [...files], sections: [...(options.sections ?? [])] } satisfies PageReaderData,
  );
  const bar = options.progress ? progress("import: reading pages", pages.length) : undefined;
  let done = 0;
  try {
    for (const rel of pages) await readPage(rel);
  } finally {
    await reader.close();
  }
  bar?.done();
  return { kind: "mirror", unit: "page", items, skipped, warnings, notes };

  async function readPage(rel: string) {
    bar?.tick(++done, rel);
    try {
      const size = (await lstat(join(dir, rel))).size;
      if (size > budget.bytes) {
        skipped.push(
          `${rel}: over budget: ${megabytes(size)} MB, more than the ${megabytes(budget.bytes)} MB a page may have (--budget-mb gives it more)`,
        );
        return;
      }
      const { bytes } = await readInside(rel);
      if (
        !/\.html?$/i.test(rel) &&
        !/^\s*<(?:!doctype\s+html|html|head)\b/i.test(Buffer.from(bytes.subarray(0, 1024)).toString("latin1"))
      )
        return; // Not a page (wget saved some other answer under a query name).
      const url = urlOf(rel);
      const byPath = notArticleByPath(rel, url);
      if (byPath) {
        skipped.push(`${rel}: ${byPath}`);
        return;
      }
      const { text, unknownLabel } = decodePage(bytes);
      if (unknownLabel) warnings.push(`${rel}: unknown encoding "${unknownLabel}", read as UTF-8`);
      const flat = flattenDeepHtml(text);
      if (flat.dropped)
        warnings.push(
          `${rel}: nested more than ${MAX_HTML_DEPTH} levels deep: ${flat.dropped} element(s) below that unwrapped, their text kept`,
        );
      const item = await articleOf(flat.html, url);
      if (typeof item === "string") skipped.push(`${rel}: ${item}`);
      else items.push({ ...item, position: rel });
    } catch (e) {
      skipped.push(`${rel}: cannot be read: ${(e as Error).message}`);
    }
  }

  /** The page as an article (its pictures looked up in the mirror), or why it is not one. */
  async function articleOf(html: string, url: string): Promise<Imported | string> {
    const read = await reader.run({ html, url }, budget.seconds * 1000);
    if ("over" in read)
      return `over budget: not read within ${budget.seconds} s (--budget-seconds gives a page more time)`;
    const page = read.done;
    if (typeof page === "string") return page;
    const { srcs, published, updated, ...rest } = page;
    const item: Imported = { url, ...rest, pictures: await Promise.all(srcs.map(picture)) };
    const when = (date: StatedDate | undefined, key: "published" | "updated") => {
      if (!date) return;
      if ("instant" in date) item[key] = date.instant;
      else {
        item[key] = Date.parse(toInstant(date.local, options.timeZone));
        item[key === "published" ? "publishedLocal" : "updatedLocal"] = date.local;
      }
    };
    when(published, "published");
    when(updated, "updated");
    return item;
  }
}

/** What a page states and holds once its template is taken out (`pageReader`): all of it plain data. */
export interface PageRead {
  title: string;
  html: string;
  tags: string[];
  categories: string[];
  author?: string;
  source?: { name: string; url?: string };
  published?: StatedDate;
  updated?: StatedDate;
  /** Its pictures' absolute addresses, each once, in order. */
  srcs: string[];
}

/** What `pageReader` needs of the mirror: its origin, its files (for link addresses), the site's sections. */
export interface PageReaderData {
  origin: string;
  files: string[];
  sections: string[];
}

/**
 * The reader of one page's HTML: linkedom's DOM, what the page states (mirror-clean.ts), its
 * template removed, Readability's text; a page, or why it is not an article. It runs in a worker
 * (mirror-worker.ts) so that a page over its time budget can be stopped.
 */
export async function pageReader({ origin, files, sections }: PageReaderData) {
  // Loaded here, not at the top: a feed import never needs them and starts faster without them.
  const { Readability } = await import("@mozilla/readability");
  const { parseHTML } = await import("linkedom");
  const { canonical } = urls(origin, new Set(files));
  const columns = new Set(sections);
  return (html: string, url: string): PageRead | string => {
    const { document } = parseHTML(html);
    const doc = document as unknown as El;
    const stated = readStated(doc);
    const heading = stated.title ?? stated.pageTitle;
    if (ERROR_TITLE.test(heading) || ERROR_TITLE.test(stated.pageTitle)) return `an error page (${heading})`;
    // A column's list is titled with the column's name (协会动态_站点名): so are its breadcrumb's last entry, or a section.
    if (!stated.title && (columns.has(heading) || stated.breadcrumb[0] === heading))
      return `a list page (titled with the column ${heading})`;
    removeChrome(doc, stated, url, canonical);
    const article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], {
      charThreshold: 100,
    }).parse();
    const content = article?.content ?? "";
    const textLength = compact(article?.textContent).length;
    if (!content || textLength < 10) return "no text found (nothing that reads as an article's text)";
    const links = [...content.matchAll(/<a\b[^>]*>([\s\S]*?)<\/a>/gi)];
    const linkText = links.reduce((n, m) => n + compact(stripTags(m[1]!)).length, 0);
    if (links.length >= 5 && linkText / textLength >= 0.3)
      return `a list page (${links.length} links, ${textLength - linkText} characters of text besides them)`;
    const title =
      stated.title ?? article?.title?.split(/\s*(?:_|\||｜|\s-\s|\s—\s|\s–\s|--)\s*/)[0]?.trim() ?? stated.pageTitle;
    if (!title) return "no title (no h1 and no <title>)";
    const srcs = new Set(
      [...content.matchAll(/<img\b[^>]*?\ssrc="([^"]*)"/gi)]
        .map((m) => m[1]!.replace(/&amp;/g, "&"))
        .filter((s) => /^https?:/.test(s)),
    );
    return {
      title,
      html: content,
      tags: stated.keywords.filter((k) => k !== title),
      // Most specific first: the breadcrumb's column, then the <title>'s (标题_栏目_站点名).
      categories: [...new Set([...stated.breadcrumb, ...stated.titleParts])],
      ...(stated.author ? { author: stated.author } : {}),
      ...(stated.source ? { source: stated.source } : {}),
      ...(stated.published ? { published: stated.published } : {}),
      ...(stated.updated ? { updated: stated.updated } : {}),
      srcs: [...srcs],
    };
  };
}
