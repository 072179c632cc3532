/**
 * The editor's desk backend: Decap CMS's proxy protocol (decap-cms-backend-proxy: one POST of
 * `{ action, params }` per call) over content/ on the editor's own machine, run by `npm run dev`
 * (scripts/dev.ts). No login: it listens on 127.0.0.1 only, like decap-server, and is never
 * deployed (nothing in src/ imports it).
 *
 * What it adds to a plain file proxy, so that the desk writes exactly what `npm run check`
 * accepts:
 * - every save is checked first by the content build itself (buildContent on a staged copy of
 *   content/ with the article replaced): the article's errors come back with their field,
 *   message and hint, and nothing is written; other files' errors are listed after the save;
 * - a new article gets its permanent id here (randomUUID, as `npm run new`), an existing one keeps
 *   the id on disk whatever the browser sends, and the id ledger records it when the build does;
 * - a save carries the version of the file the tab opened (`base`): a file changed since (another
 *   tab, a text editor) is a 409 conflict, never silently overwritten;
 * - an uploaded picture goes through the picture pipeline's own checks (readMedia: type, damage,
 *   size, script in SVG) before it lands in content/media/;
 * - it reads and writes only real files inside content/: a symbolic link anywhere below content/
 *   is refused (issue 29: a link to /etc/passwd would be served, a dangling one would make a save
 *   write outside the project).
 */
import { createHash, randomUUID } from "node:crypto";
import { lstatSync, type Stats } from "node:fs";
import { link, lstat, mkdir, readdir, readFile, rm, stat, unlink, writeFile } from "node:fs/promises";
import { basename, join, relative, resolve, sep } from "node:path";
import sharp from "sharp";
import { parse } from "yaml";
import { buildContent, issue, type ContentIssue } from "../content/index.ts";
import { codeHash } from "../content/cache.ts";
import { toInstant } from "../content/dates.ts";
import { LEDGER_FILE, readLedger, writeLedger } from "../content/ledger.ts";
import { readManifest, unchanged, type Manifest } from "../content/manifest.ts";
import type { FrontFields } from "../content/article.ts";
import { readMedia } from "../content/media.ts";
import { MEDIA_NAME_RE } from "../content/media-check.ts";
import { SLUG_RE } from "../content/schema.ts";
import { fieldLabel } from "../content/labels.ts";
import { readArticle, toDecap, writeArticle, fromDecap, type ArticleText } from "./article.ts";
import { describedAs, distinctName, renamePictures, storedName, type Renamed } from "./media-names.ts";
import { createTrash } from "./trash.ts";

export const ARTICLES = "content/articles";
export const MEDIA = "content/media";
/** The largest picture the pipeline takes (docs/editing.md, "Pictures"). */
const MAX_MEDIA_BYTES = 25 * 2 ** 20;

/** Rows in one page of the desk's list (entriesPage), unless the browser asks for another size. */
export const PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 200;
/** The states an editor filters the list by (the start of each article's _state). */
const STATES = ["草稿", "定时发布", "已发布", "无法读取"];
type Row = { title: string; category: string; order: number; path: string };
const byTitle = (a: Row, b: Row) => a.title.localeCompare(b.title, "zh") || a.path.localeCompare(b.path);
/** The list's orders; newest is the summaries' own (null: keep it). */
const SORTS = {
  newest: null,
  oldest: (a: Row, b: Row) => a.order - b.order || a.path.localeCompare(b.path),
  title: byTitle,
  section: (a: Row, b: Row) =>
    a.category.localeCompare(b.category, "zh") || b.order - a.order || a.path.localeCompare(b.path),
} as const;

/** A file's date as the list reads it (backend.ts `dated`). */
interface Dated {
  order: number;
  /** The date as the list shows it. */
  _date: string;
  draft: boolean;
  /** The publication instant of a date written in full (NaN when invalid); absent when not known. */
  instant?: number;
}

export interface DeskAnswer {
  status: number;
  body: unknown;
}

/** A problem as the desk shows it at its field: in Chinese, the field also by its label. */
export interface FieldProblem {
  field: string;
  /** The field as the desk labels it (发布时间), for a problem shown away from its field. */
  label: string;
  code: string;
  message: string;
  hint?: string;
  line: number;
  severity: "error" | "warning";
}

export interface DeskOptions {
  /** The clock (tests fix it): which dated articles are still scheduled. */
  now?: () => number;
}

interface Params {
  [key: string]: unknown;
}

const digest = (text: string | Uint8Array) => createHash("sha256").update(text).digest("hex").slice(0, 16);

/** A content problem in the editor's words: the catalogue's Chinese (catalogue.ts). */
const problem = (i: ContentIssue): FieldProblem => ({
  field: i.field,
  label: i.zh?.field ?? i.field,
  code: i.code ?? "",
  message: i.zh?.message ?? i.message,
  ...((i.zh?.hint ?? i.hint) ? { hint: i.zh?.hint ?? i.hint } : {}),
  line: i.line,
  severity: i.severity,
});

const fail = (status: number, error: string, extra: Record<string, unknown> = {}): DeskAnswer => ({
  status,
  body: { error, ...extra },
});

/** A path the desk will not read or write through (answered 403 with its message). */
class Refused extends Error {}

/**
 * `rel` (a path under content/) as an absolute path the desk may read or write: inside content/,
 * and no part of it below content/ a symbolic link (lstat on each part that exists; a part not
 * there yet is one a save creates). Throws Refused otherwise.
 */
export async function contentFile(root: string, rel: string): Promise<string> {
  const base = resolve(root, "content");
  const full = resolve(root, rel);
  if (!full.startsWith(base + sep)) throw new Refused(`编辑台只读写 content/ 里的文件,不读写 ${rel}。`);
  let at = base;
  for (const part of relative(base, full).split(sep)) {
    at = join(at, part);
    const st = await lstat(at).catch(() => undefined);
    if (!st) break;
    if (st.isSymbolicLink())
      throw new Refused(
        `${relative(root, at).split(sep).join("/")} 是符号链接:编辑台不经符号链接读写(它可能指向 content/ 以外的文件)。请在文本编辑器中把它换成真正的文件或文件夹,例如删除链接后复制原文件进来。`,
      );
  }
  return full;
}

/** An uploaded picture checked and named, to be written with its article (or on its own). */
interface Upload {
  target: string;
  bytes: Buffer;
  /** The same bytes are already there under that name. */
  existing: boolean;
  /** Its name as uploaded, when it is stored under another (media-names.ts). */
  renamed?: Renamed;
}

export function createDesk(root: string, { now = Date.now }: DeskOptions = {}) {
  /** Pictures stored under a name other than the uploaded one during this desk's run, by uploaded name. */
  const renamedEarlier = new Map<string, Renamed>();
  // A restore writes through the same guard as a save (no symbolic links, inside content/).
  const trash = createTrash(root, (rel) => contentFile(root, rel));
  // One save or upload at a time: each one checks the whole content against the files on disk.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };

  const inContent = (rel: string) => contentFile(root, rel);
  /** The names of the real files in a folder of content/ (a symbolic link is left out, and said). */
  async function listFiles(folder: string): Promise<string[]> {
    const entries = await readdir(await inContent(folder), { withFileTypes: true }).catch(() => []);
    for (const e of entries)
      if (e.isSymbolicLink()) console.warn(`编辑台:跳过符号链接 ${folder}/${e.name}(不经符号链接读写)`);
    return entries.filter((e) => e.isFile()).map((e) => e.name);
  }

  async function site(): Promise<{ timeZone: string; categories?: { slug: string; name: string }[] }> {
    return parse(await readFile(await inContent("content/site.yaml"), "utf8")) as {
      timeZone: string;
      categories?: { slug: string; name: string }[];
    };
  }

  /** An article path the desk may touch: content/articles/<slug>.md, nothing else. */
  function articlePath(path: unknown): string | undefined {
    if (typeof path !== "string") return undefined;
    const m = /^content\/articles\/([a-z0-9]+(?:-[a-z0-9]+)*)\.md$/.exec(path);
    return m && SLUG_RE.test(m[1]!) ? path : undefined;
  }

  /** A media path the desk may touch: content/media/<name>, a name the check accepts. */
  function mediaPath(path: unknown): string | undefined {
    if (typeof path !== "string" || !path.startsWith(`${MEDIA}/`)) return undefined;
    const name = path.slice(MEDIA.length + 1);
    return MEDIA_NAME_RE.test(name) && !name.startsWith(".") ? path : undefined;
  }

  /**
   * The date an editor reads in the list and where the article goes in it, newest first (its
   * publication instant; a date not known by what is known of it, notBefore; files without a
   * readable date last): the date parsed once for each version of a file (the list keeps it:
   * issue 30, the desk at archive size), the state left to `stateOf`, which depends on the clock.
   */
  function dated(data: Record<string, unknown>, timeZone: string): Dated {
    const date = data.date;
    const draft = data.draft === true;
    if (typeof date !== "string") {
      const known = date && typeof date === "object" ? (date as { notBefore?: unknown }).notBefore : undefined;
      return {
        order: typeof known === "string" ? orderOf(instantOf(known, timeZone).instant) : -Infinity,
        _date: known ? `日期不详(不早于 ${String(known)})` : "日期不详",
        draft,
      };
    }
    const { instant, text } = instantOf(date, timeZone);
    // As written in the site's zone: a day stays a day, a time is shown to the minute (the
    // instant's own wall time: toInstant writes it with the site's offset).
    const shown = Number.isNaN(instant) || !date.includes("T") ? date : text.slice(0, 16).replace("T", " ");
    return { order: orderOf(instant), _date: shown, draft, instant };
  }
  const orderOf = (instant: number) => (Number.isNaN(instant) ? -Infinity : instant);

  /** A date as written, as an instant (NaN when invalid: the check reports it) and its RFC 3339 text. */
  function instantOf(date: string, timeZone: string): { instant: number; text: string } {
    try {
      const text = toInstant(date, timeZone);
      return { instant: Date.parse(text), text };
    } catch {
      return { instant: NaN, text: date };
    }
  }

  /** The state an editor reads in the list (the list cannot compute it itself): now, by the clock. */
  const stateOf = (d: Dated, at: number): string =>
    d.draft ? "草稿" : d.instant !== undefined && d.instant > at ? `定时发布(${d._date})` : "已发布";

  /** The state and date an editor reads in the list, for the article open in the editor. */
  function listed(data: Record<string, unknown>, timeZone: string): { _date: string; _state: string } {
    const d = dated(data, timeZone);
    return { _date: d._date, _state: stateOf(d, now()) };
  }

  async function entry(path: string, text: string, timeZone: string) {
    const article = readArticle(text);
    const file = { path, id: null, deskVersion: digest(text) };
    if (!article) {
      // A file the desk cannot read is shown, never rewritten from a guess (save refuses it).
      const name = basename(path, ".md");
      return { file, data: toDecap({ data: { title: name, _state: "无法读取", _broken: true }, body: text }) };
    }
    return {
      file,
      data: toDecap({ data: { ...article.data, ...listed(article.data, timeZone) }, body: article.body }),
    };
  }

  /**
   * What the list keeps of each article file, by path: its summary as of its size and time, the
   * date parsed (issue 30, the desk at archive size). A list stats every file (one lstat each, no
   * more) and reads only the files whose size or time changed since it kept them (a save, a text
   * editor, a rebuild's rename), so it is right whoever changed the file. The first list takes what
   * the content build kept of each file (its manifest of sources, manifest.ts: the same fields as
   * written, and the text's hash) and reads only a file the build has not seen as it is now (saved
   * since, new, or written too close to the build: `unchanged`). In `npm run dev` the warm build
   * runs in this process, so the manifest's parts it parsed are not parsed again (manifest.ts).
   * Kept for one time zone: a change in site.yaml's drops it all.
   */
  const known = new Map<string, { size: number; mtimeMs: number; summary: Summary }>();
  let knownZone: string | undefined;

  /** A file's summary from its front matter (undefined: a file the desk cannot read, 无法读取). */
  function summaryOf(path: string, version: string, data: Record<string, unknown> | undefined, timeZone: string) {
    const title = basename(path, ".md");
    if (!data)
      return {
        path,
        version,
        order: -Infinity,
        title,
        category: "",
        date: undefined,
        draft: false,
        tags: [],
        broken: true,
      };
    return {
      path,
      version,
      ...dated(data, timeZone),
      title: typeof data.title === "string" ? data.title : title,
      category: typeof data.category === "string" ? data.category : "",
      date: data.date,
      // The tag field's suggestions (`tags`): the strings written, as the list keeps them.
      tags: Array.isArray(data.tags) ? data.tags.filter((t): t is string => typeof t === "string") : [],
      broken: false,
    };
  }

  /**
   * What the last content build kept of each article file, by name; none when there is no manifest
   * this build's code wrote (never built, another version, damaged): then every file is read.
   */
  async function builtSources(): Promise<Manifest | undefined> {
    try {
      return readManifest(root, { code: await codeHash(), dir: "content" }).manifest;
    } catch {
      return undefined;
    }
  }

  /** A file's front matter fields as the build kept them; none when its front file is missing or damaged (the file is read). */
  function frontOf(manifest: Manifest, name: string): FrontFields | undefined {
    try {
      return manifest.front(name);
    } catch {
      return undefined;
    }
  }

  /** One article as the list keeps it: never its body (Decap reads that with getEntry). */
  interface Summary extends Partial<Dated> {
    path: string;
    version: string;
    /** Newest-first order: its publication instant, or -Infinity when it has no readable date. */
    order: number;
    title: string;
    category: string;
    date: unknown;
    draft: boolean;
    tags: string[];
    broken: boolean;
  }
  /** A summary as listed now: with its state by the clock. */
  type Listed = Summary & { _state: string };

  /**
   * Every article's summary (title, section, date as written and as known, state), newest first
   * as the site lists them. Only changed files are read (`known`).
   */
  type Listing = { rows: Listed[]; sectionName: (s: string) => string };
  /** The listing being read now: calls at once (the desk's page and Decap's) share one reading. */
  let reading: Promise<Listing> | undefined;
  function summaries(): Promise<Listing> {
    reading ??= readSummaries().finally(() => (reading = undefined));
    return reading;
  }

  async function readSummaries(): Promise<Listing> {
    const { timeZone, categories: sections = [] } = await site();
    // An article names its section by slug or by name (site.yaml); the list shows and filters by name.
    const names = new Map(sections.flatMap((c) => [[c.slug, c.name] as const, [c.name, c.name] as const]));
    const sectionName = (s: string) => names.get(s) ?? s;
    if (knownZone !== timeZone) {
      known.clear();
      knownZone = timeZone;
    }
    // The folder checked once (inside content/, no symbolic link); listFiles leaves out a link in it.
    const dir = await inContent(ARTICLES);
    const files = (await listFiles(ARTICLES)).filter((n) => n.endsWith(".md")).sort();
    const present = new Set<string>();
    const changed: { path: string; name: string; st: Stats }[] = [];
    for (const name of files) {
      const path = `${ARTICLES}/${name}`;
      // lstat, not stat: a file swapped for a link since the folder was listed is left out too.
      const st = lstatSync(join(dir, name), { throwIfNoEntry: false });
      if (!st?.isFile()) continue;
      present.add(path);
      const kept = known.get(path);
      if (!kept || kept.size !== st.size || kept.mtimeMs !== st.mtimeMs) changed.push({ path, name, st });
    }
    // Files gone (deleted, renamed) leave what was kept of them.
    for (const path of known.keys()) if (!present.has(path)) known.delete(path);
    // Only while some file is not known yet (the first list, or one new since): later lists stat.
    const built = changed.some((c) => !known.has(c.path)) ? await builtSources() : undefined;
    for (const { path, name, st } of changed) {
      const was = built?.entries.get(name);
      const front = was && unchanged(was, st) ? frontOf(built!, name) : undefined;
      let summary: Summary;
      if (was && front) {
        // digest(text) of the text the build read: the same version a save is checked against.
        summary = summaryOf(path, was.sha256.slice(0, 16), front, timeZone);
      } else {
        const text = await readFile(await inContent(path), "utf8").catch(() => undefined);
        if (text === undefined) {
          // Gone since the folder was listed: not listed.
          known.delete(path);
          present.delete(path);
          continue;
        }
        summary = summaryOf(path, digest(text), readArticle(text)?.data, timeZone);
      }
      known.set(path, { size: st.size, mtimeMs: st.mtimeMs, summary });
    }
    const at = now();
    const out: Listed[] = [];
    for (const path of present) {
      const s = known.get(path)!.summary;
      out.push({ ...s, _state: s.broken ? "无法读取" : stateOf(s as Dated, at) });
    }
    // Stable: equal dates keep the file-name order, so pages never overlap or skip.
    out.sort((a, b) => b.order - a.order);
    return { rows: out, sectionName };
  }

  /**
   * The list in Decap's shape: a summary of each article, never its body, newest first, the
   * first `size` of them. Decap's own list view is hidden (admin/desk-list.js pages through
   * entriesPage instead) and asks for none.
   */
  async function entriesByFolder(params: Params): Promise<DeskAnswer> {
    // desk-list.js asks Decap's hidden list for none (`size: 0`): its rows would only repeat the
    // desk's own list, unseen. Without `size`, every article.
    const size =
      typeof params.size === "number" && Number.isInteger(params.size) && params.size >= 0 ? params.size : Infinity;
    if (size === 0) return { status: 200, body: [] };
    const entries = (await summaries()).rows.slice(0, size).map((s) => ({
      file: { path: s.path, id: null, deskVersion: s.version },
      data: toDecap({
        data: s.broken
          ? { title: s.title, _state: s._state, _broken: true }
          : {
              title: s.title,
              category: s.category,
              date: s.date,
              ...(s.draft ? { draft: true } : {}),
              ...(s._date !== undefined ? { _date: s._date } : {}),
              _state: s._state,
            },
        body: "",
      }),
    }));
    return { status: 200, body: entries };
  }

  /**
   * One page of the desk's list (issue 30, the desk at archive size): search by title, filter by
   * state and section, sort, all here, so the browser receives `size` rows and a total whatever
   * the archive holds. `cursor` is the offset of the page's first row (Decap's GitLab backend
   * pages the same way, by page number); a cursor past the end answers the last page.
   */
  async function entriesPage(params: Params): Promise<DeskAnswer> {
    const size = params.size ?? PAGE_SIZE;
    if (typeof size !== "number" || !Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE)
      return fail(
        400,
        `每页条数(size)须是 1 到 ${MAX_PAGE_SIZE} 的整数,例如 ${PAGE_SIZE};收到 ${JSON.stringify(size)}。`,
      );
    const cursor = params.cursor ?? 0;
    if (typeof cursor !== "number" || !Number.isInteger(cursor) || cursor < 0)
      return fail(400, `翻页位置(cursor)须是 0 或正整数,例如 ${PAGE_SIZE};收到 ${JSON.stringify(cursor)}。`);
    const query = params.query ?? "";
    if (typeof query !== "string" || query.length > 200)
      return fail(400, `搜索词(query)须是 200 字以内的文字,例如「陶瓷展」。`);
    const state = params.state ?? "";
    if (typeof state !== "string" || (state !== "" && !STATES.includes(state)))
      return fail(400, `状态(state)须是 ${STATES.join("、")} 之一,或留空表示全部;收到 ${JSON.stringify(state)}。`);
    const section = params.section ?? "";
    if (typeof section !== "string" || section.length > 200)
      return fail(400, `栏目(section)须是栏目的代号,例如 news,或留空表示全部。`);
    const sort = params.sort ?? "newest";
    if (typeof sort !== "string" || !(sort in SORTS))
      return fail(
        400,
        `排序(sort)须是 ${Object.keys(SORTS).join("、")} 之一,例如 newest(最新的在前);收到 ${JSON.stringify(sort)}。`,
      );

    const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
    const { rows: all, sectionName } = await summaries();
    const inSection = sectionName(section);
    const rows = all
      .filter(
        (s) =>
          (!state || s._state.startsWith(state)) &&
          (!section || sectionName(s.category) === inSection) &&
          words.every((w) => s.title.toLowerCase().includes(w) || basename(s.path, ".md").includes(w)),
      )
      .map((s) => ({ ...s, category: sectionName(s.category) }));
    const order = SORTS[sort as keyof typeof SORTS];
    if (order) rows.sort(order);
    const total = rows.length;
    const start = total === 0 ? 0 : Math.min(cursor - (cursor % size), Math.floor((total - 1) / size) * size);
    const page = rows.slice(start, start + size).map((s) => ({
      path: s.path,
      slug: basename(s.path, ".md"),
      title: s.title,
      category: s.category,
      date: s._date ?? "",
      state: s._state,
      ...(s.broken ? { broken: true } : {}),
    }));
    return {
      status: 200,
      body: {
        entries: page,
        total,
        cursor: start,
        size,
        next: start + size < total ? start + size : null,
        prev: start > 0 ? Math.max(0, start - size) : null,
        last: total === 0 ? 0 : Math.floor((total - 1) / size) * size,
      },
    };
  }

  async function getEntry(params: Params): Promise<DeskAnswer> {
    const path = articlePath(params.path);
    if (!path) return fail(404, `不是文章文件:${String(params.path)}`);
    const text = await readFile(await inContent(path), "utf8").catch(() => undefined);
    if (text === undefined) return fail(404, `${path} 不存在`);
    return { status: 200, body: await entry(path, text, (await site()).timeZone) };
  }

  /**
   * What the content build says of `content/` with `path` holding `text`: built from a staged copy
   * (hard links, one file replaced), so nothing in content/ changes until the article is accepted.
   */
  async function checkWith(path: string, text: string, uploads: { target: string; bytes: Buffer }[] = []) {
    if (!uploads.length) return checkOne(path, text);
    const stageRel = ".cache/desk/stage/content";
    const stage = join(root, stageRel);
    await rm(join(root, ".cache/desk/stage"), { recursive: true, force: true });
    await mkdir(join(stage, "articles"), { recursive: true });
    await mkdir(join(stage, "media"), { recursive: true });
    await writeFile(join(stage, "site.yaml"), await readFile(await inContent("content/site.yaml")));
    const mirror = async (from: string, to: string, skip?: string) => {
      for (const name of await listFiles(from)) {
        if (name === skip) continue;
        const source = join(root, from, name);
        await link(source, join(stage, to, name)).catch(async () =>
          writeFile(join(stage, to, name), await readFile(source)),
        );
      }
    };
    await mirror(ARTICLES, "articles", basename(path));
    await mirror(MEDIA, "media");
    await writeFile(join(stage, "articles", basename(path)), text);
    for (const upload of uploads) await writeFile(join(stage, "media", basename(upload.target)), upload.bytes);
    const built = await buildContent(root, stageRel);
    // Problems read as if the staged files were the real ones.
    const issues = built.issues.map((i) => ({ ...i, file: i.file.replace(`${stageRel}/`, "content/") }));
    await rm(join(root, ".cache/desk/stage"), { recursive: true, force: true });
    // The content version the site's own rebuild will report (/__preview/version) once it serves
    // this save: the same files, so the same hash (scripts/content/build.ts).
    return { issues, ledger: built.ledger, version: built.model?.version };
  }

  /**
   * What the content build says of `content/` with `path` holding `text`, the article compiled
   * alone and checked against the build's stored index (the manifest of sources that `npm run dev`
   * keeps: slugs, ids, aliases, links, the ledger), nothing written: the same problems
   * `npm run check` reports once the file is saved, without building the rest again (issue 30).
   */
  async function checkOne(path: string, text: string) {
    const built = await buildContent(root, "content", { incremental: true, stage: { name: basename(path), text } });
    return { issues: built.issues, ledger: built.ledger, version: built.model?.version };
  }

  async function persistEntry(params: Params): Promise<DeskAnswer> {
    const dataFiles = params.dataFiles as { path?: string; raw?: string; newPath?: string }[] | undefined;
    const options = (params.options ?? {}) as { newEntry?: boolean };
    const file = dataFiles?.[0];
    const path = articlePath(file?.path);
    if (!file || !path) return unnamed(file?.path, file?.raw);
    if (file.newPath && file.newPath !== path)
      return fail(422, "已发布文章的网址不可更改(读者与搜索引擎的链接会失效);如需新网址,请新建文章。");
    const edited = fromDecap(file.raw ?? "");
    if (!edited) return fail(422, "编辑器发来的内容无法读取:请刷新页面后再试。");

    const onDisk = await readFile(await inContent(path), "utf8").catch(() => undefined);
    const base = typeof params.base === "string" ? params.base : undefined;
    if (onDisk !== undefined && (options.newEntry || base !== digest(onDisk)))
      return fail(
        409,
        options.newEntry
          ? `已有文章使用此网址(${path}):请换一个网址。`
          : "这篇文章在您打开之后已被修改(另一个标签页或编辑器),本次保存未写入,以免覆盖对方的修改。请复制您的改动,重新打开文章后再保存。",
        { conflict: true },
      );
    if (onDisk === undefined && !options.newEntry)
      return fail(409, "这篇文章在您打开之后已被删除或改名,本次保存未写入。", { conflict: true });

    const previous = onDisk === undefined ? undefined : readArticle(onDisk);
    if (onDisk !== undefined && !previous)
      return fail(
        422,
        `${path} 开头的文章信息写法有误,编辑台无法读取:请用文本编辑器按检查(npm run check)列出的提示修改,或请开发人员处理。`,
      );

    // Pictures uploaded while editing come with the save: each is checked first, its problems
    // shown at the field that names it, and written only with the article.
    const uploads: Upload[] = [];
    for (const asset of (params.assets ?? []) as { path?: string; content?: string }[]) {
      const checked = await checkUpload(asset.path, asset.content);
      if ("status" in checked) {
        const field = fieldNaming(edited, basename(String(asset.path)));
        const body = checked.body as { error: string; problems?: FieldProblem[] };
        return fail(checked.status, body.error, {
          problems: (
            body.problems ?? [{ message: body.error, severity: "error" as const, code: "", line: 1, label: "" }]
          ).map((p) => ({ ...p, field, label: fieldLabel(field) })),
        });
      }
      uploads.push(checked);
    }
    // Uploaded names made safe (media-names.ts), this save's and earlier ones' (Decap's form still
    // names a picture as uploaded until the article is opened again).
    const renames = [...renamedEarlier.values(), ...uploads.flatMap((u) => (u.renamed ? [u.renamed] : []))];
    const text = writeArticle(normalised(renamePictures(edited, renames), path, previous), onDisk);
    const { issues, ledger, version } = await checkWith(path, text, uploads);
    const own = issues.filter((i) => i.file === path).map(problem);
    const errors = own.filter((p) => p.severity === "error");
    if (errors.length)
      return fail(422, errors.map((p) => `${p.label}:${p.message}${p.hint ? `(${p.hint})` : ""}`).join(";"), {
        problems: own,
      });
    for (const upload of uploads) {
      if (!upload.existing) await writeFile(await inContent(upload.target), upload.bytes);
      if (upload.renamed) renamedEarlier.set(upload.renamed.from, upload.renamed);
    }
    await writeFile(await inContent(path), text);
    if (ledger) await inContent(LEDGER_FILE).then(() => writeLedger(root, ledger));
    const others = issues.filter((i) => i.file !== path && i.severity === "error");
    return {
      status: 200,
      body: {
        message: "saved",
        path,
        deskVersion: digest(text),
        // Undefined when another file's error stops the site's rebuild: nothing to wait for.
        ...(version && !others.length ? { contentVersion: version } : {}),
        problems: own,
        others: others.map((i) => ({ ...problem(i), file: i.file })),
      },
    };
  }

  /**
   * A save whose file name is not an article's: Decap names a new file from the slug, which comes
   * from the title, so a title of only spaces (or only punctuation) arrives as content/articles/.md.
   * Said at the field to change, in the catalogue's words: the title when it is empty, else the slug.
   */
  function unnamed(path: unknown, raw: string | undefined): DeskAnswer {
    const name = typeof path === "string" ? (/^content\/articles\/(.*)\.md$/.exec(path)?.[1] ?? path) : "";
    const title = fromDecap(raw ?? "")?.data.title;
    const at = (field: string) => ({ file: typeof path === "string" ? path : ARTICLES, line: 1, column: 1, field });
    const found =
      typeof title !== "string" || title.trim() === ""
        ? issue("required", at("title"), {})
        : name.trim() === ""
          ? issue("required", at("slug"), {})
          : issue("invalid-slug", at("slug"), { name });
    const shown = problem(found);
    return fail(422, `${shown.label}:${shown.message}`, { problems: [shown] });
  }

  /** The field of an edited article that names picture `name`: the cover, the declarations or the body. */
  function fieldNaming(edited: ArticleText, name: string): string {
    const names = (v: unknown) => typeof v === "string" && basename(v) === name;
    const cover = edited.data.image;
    if (names(cover) || (cover && typeof cover === "object" && names((cover as { file?: unknown }).file)))
      return "image";
    if (Array.isArray(edited.data.images) && edited.data.images.some((i) => names((i as { file?: unknown })?.file)))
      return "images";
    return "body";
  }

  /**
   * Decap's fields as the documented front matter: the id from disk (or a new one), the desk's
   * list columns and Decap's own extras gone, the slug left out when it is the file's name, and
   * picture fields as names in content/media/ (Decap writes them under its public folder).
   */
  function normalised(edited: ArticleText, path: string, previous: ArticleText | undefined): ArticleText {
    const data: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(edited.data)) if (!key.startsWith("_")) data[key] = value;
    data.id = typeof previous?.data.id === "string" ? previous.data.id : randomUUID();
    // A slug that is the file's name is left out of a new file; one the file has is kept.
    if (data.slug === basename(path, ".md") && previous?.data.slug === undefined) delete data.slug;
    const mediaName = (v: unknown) =>
      typeof v === "string" ? v.replace(/^(?:\.\.\/media\/|\/?content\/media\/|\/)/, "") : v;
    if (typeof data.image === "string") data.image = mediaName(data.image);
    else if (data.image && typeof data.image === "object")
      data.image = { ...(data.image as object), file: mediaName((data.image as { file?: unknown }).file) };
    if (Array.isArray(data.images))
      data.images = data.images.map((i) =>
        i && typeof i === "object" ? { ...(i as object), file: mediaName((i as { file?: unknown }).file) } : i,
      );
    return { data, body: edited.body };
  }

  /**
   * An uploaded picture checked by the picture pipeline itself (type by its bytes, damage,
   * pixels, animation, script in SVG), on a folder holding only it; its derived files are cached
   * for the next build. Nothing is written to content/ here.
   */
  async function checkUpload(path: unknown, content: unknown): Promise<Upload | DeskAnswer> {
    const name = typeof path === "string" ? basename(path) : "";
    if (!mediaPath(path))
      return fail(422, `图片文件名不可用:${name}(须为 jpg、png、gif、webp、avif 或 svg,且不含 / 与控制字符)`);
    if (typeof content !== "string") return fail(422, `${name}:没有收到文件内容`);
    const bytes = Buffer.from(content, "base64");
    if (bytes.length > MAX_MEDIA_BYTES) {
      const where = { file: `${MEDIA}/${name}`, line: 1, column: 1, field: "file" };
      const tooLarge = problem(
        issue("media-too-large", where, { file: name, mib: (bytes.length / 2 ** 20).toFixed(1) }),
      );
      return fail(422, `${name}:${tooLarge.message}`, { problems: [tooLarge] });
    }
    // Stored under a safe name (pinyin, lowercase: 会场照片.JPG is hui-chang-zhao-pian.jpg); a
    // renamed picture whose safe name is another picture's gets its bytes' digest added.
    let stored = storedName(name, bytes);
    if (!stored) return fail(422, `图片文件名不可用:${name}(须为 jpg、png、gif、webp、avif 或 svg)`);
    let existing = await readFile(await inContent(`${MEDIA}/${stored}`)).catch(() => undefined);
    if (existing && !existing.equals(bytes) && stored !== name) {
      stored = distinctName(stored, bytes);
      existing = await readFile(await inContent(`${MEDIA}/${stored}`)).catch(() => undefined);
    }
    const target = `${MEDIA}/${stored}`;
    const renamed = stored === name ? undefined : { from: name, to: stored, alt: describedAs(name) };
    if (existing && !existing.equals(bytes))
      return fail(409, `content/media/ 已有同名而内容不同的图片 ${name}:请先给新图片换一个文件名。`, {
        conflict: true,
      });
    const dir = join(root, ".cache/desk/upload");
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, stored), bytes);
    const read = await readMedia(root, dir, () => target);
    await rm(dir, { recursive: true, force: true });
    const errors = read.issues.filter((i) => i.severity === "error");
    if (errors.length)
      return fail(
        422,
        errors
          .map(problem)
          .map((p) => `${name}:${p.message}${p.hint ? `(${p.hint})` : ""}`)
          .join(";"),
        { problems: read.issues.map(problem).map((p) => ({ ...p, message: `${name}:${p.message}` })) },
      );
    return { target, bytes, existing: existing !== undefined, ...(renamed ? { renamed } : {}) };
  }

  /** A picture uploaded on its own (Decap's media library outside an entry): checked, then written. */
  async function storeMedia(path: unknown, content: unknown): Promise<DeskAnswer> {
    const checked = await checkUpload(path, content);
    if ("status" in checked) return checked;
    if (!checked.existing) await writeFile(await inContent(checked.target), checked.bytes);
    if (checked.renamed) renamedEarlier.set(checked.renamed.from, checked.renamed);
    return { status: 200, body: mediaFile(checked.target, checked.bytes) };
  }

  const mediaFile = (path: string, bytes: Buffer) => ({
    id: digest(bytes),
    name: basename(path),
    path,
    content: bytes.toString("base64"),
    encoding: "base64",
  });

  /**
   * The media library's grid: each picture as a small preview, not its bytes (a folder of phone
   * photos would be gigabytes of JSON). Decap shows what it gets and inserts only the path; the
   * whole file is sent by getMediaFile when asked. Previews are kept per file version.
   */
  const previews = new Map<string, Buffer>();
  async function preview(path: string): Promise<Buffer> {
    const st = await stat(await inContent(path));
    const key = `${path}\0${st.size}\0${st.mtimeMs}`;
    const known = previews.get(key);
    if (known) return known;
    const bytes = await readFile(await inContent(path));
    let small = bytes;
    if (!/\.(?:svg|gif)$/i.test(path) && bytes.length > 64 * 1024) {
      // A file sharp cannot read is shown as it is: the check names its problem.
      small = await sharp(bytes, { failOn: "none" })
        .rotate()
        .resize({ width: 320, height: 320, fit: "inside", withoutEnlargement: true })
        .jpeg({ quality: 70 })
        .toBuffer()
        .catch(() => bytes);
    }
    previews.set(key, small);
    return small;
  }

  async function getMedia(): Promise<DeskAnswer> {
    const names = (await listFiles(MEDIA)).filter((n) => MEDIA_NAME_RE.test(n));
    const files = [];
    for (const name of names.sort()) {
      const path = `${MEDIA}/${name}`;
      files.push(mediaFile(path, await preview(path)));
    }
    return { status: 200, body: files };
  }

  async function getMediaFile(params: Params): Promise<DeskAnswer> {
    const path = mediaPath(params.path);
    const bytes = path ? await readFile(await inContent(path)).catch(() => undefined) : undefined;
    if (!path || !bytes) return fail(404, `图片不存在:${String(params.path)}`);
    return { status: 200, body: mediaFile(path, bytes) };
  }

  /**
   * Deleting an article on purpose: its file, and its line in the id ledger (docs/editing.md,
   * "The id ledger": an article removed on purpose leaves the ledger too). Pictures: the file.
   * Both go to the desk's trash first (trash.ts), restorable until the next deploy.
   */
  async function deleteFiles(params: Params): Promise<DeskAnswer> {
    const paths = Array.isArray(params.paths) ? params.paths : [];
    const allowed = paths.map((p) => articlePath(p) ?? mediaPath(p));
    if (!paths.length || allowed.some((p) => !p)) return fail(422, `不能删除:${paths.join(", ")}`);
    const trashed = [];
    for (const path of allowed as string[]) {
      const at = await inContent(path);
      const bytes = await readFile(at).catch(() => undefined);
      if (!bytes) continue;
      const data = path.endsWith(".md") ? readArticle(bytes.toString("utf8"))?.data : undefined;
      const id = data?.id;
      const { ledger, issues } = await readLedger(root);
      const line = typeof id === "string" && !issues.length ? ledger[id] : undefined;
      trashed.push(
        await trash.keep(
          {
            path,
            ...(typeof data?.title === "string" ? { title: data.title } : {}),
            ...(line ? { ledger: { id: id as string, entry: line } } : {}),
          },
          bytes,
        ),
      );
      await unlink(at).catch(() => undefined);
      if (line) {
        await inContent(LEDGER_FILE);
        delete ledger[id as string];
        await writeLedger(root, ledger);
      }
    }
    return { status: 200, body: { message: "deleted", trashed } };
  }

  /** Tags in use, most used first: the tag field's suggestions. */
  async function tags(): Promise<string[]> {
    const counts = new Map<string, number>();
    // The list's summaries: only files changed since they were kept are read (issue 30).
    for (const row of (await summaries()).rows) for (const tag of row.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], "zh")).map(([t]) => t);
  }

  const desk = {
    tags,
    trash,
    /** One call of Decap's proxy protocol. */
    async handle(action: unknown, params: Params = {}): Promise<DeskAnswer> {
      switch (action) {
        case "entriesByFolder":
          return entriesByFolder(params);
        case "entriesPage":
          return entriesPage(params);
        case "entriesByFiles": {
          const files = Array.isArray(params.files) ? (params.files as { path?: string }[]) : [];
          const found = [];
          for (const f of files) {
            const got = await getEntry({ path: f.path });
            if (got.status === 200) found.push(got.body);
          }
          return { status: 200, body: found };
        }
        case "getEntry":
          return getEntry(params);
        case "persistEntry":
          return serial(() => persistEntry(params));
        case "deleteFiles":
          return serial(() => deleteFiles(params));
        case "restoreDeleted":
          // The desk's own action (not Decap's): a deleted file back from the trash.
          return serial(() => trash.restore(params.id));
        case "getMedia":
          return getMedia();
        case "getMediaFile":
          return getMediaFile(params);
        case "persistMedia": {
          const asset = (params.asset ?? {}) as { path?: string; content?: string };
          return serial(() => storeMedia(asset.path, asset.content));
        }
        default:
          // Decap's editorial workflow (unpublished entries, notes) is off: publish_mode simple.
          return fail(422, `unsupported action: ${String(action)}`);
      }
    },
  };
  // A path refused by contentFile is the editor's answer (403 and its message), not a crash.
  return {
    ...desk,
    handle: (action: unknown, params: Params = {}) =>
      desk.handle(action, params).catch((e: unknown) => {
        if (e instanceof Refused) return fail(403, e.message);
        throw e;
      }),
  };
}

export type Desk = ReturnType<typeof createDesk>;
