/**
 * `npm run import` from a folder mirroring the old site (issue 22, source 1), as an editor runs it
 * on a project of their own (fixture.ts): the mirror is written here, in a DedeCMS-style template,
 * one page in GB2312 (real GBK bytes); the written files build clean; non-articles are skipped
 * with their path; a second import changes nothing; --dry-run writes nothing.
 */
import { mkdir, readdir, readFile, symlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { parseHTML } from "linkedom";
import { beforeAll, describe, expect, it } from "vitest";
import { buildContent } from "../../scripts/content/index.ts";
import { formatInstant } from "../../scripts/content/dates.ts";
import { decodePage } from "../../scripts/import/mirror.ts";
import { parseStatedDate, readStated, removeChrome, type El } from "../../scripts/import/mirror-clean.ts";
import { uuidv5 } from "../../scripts/import/write.ts";
import { FIXTURE_SITE } from "../support/project.ts";
import { fixture, runScript } from "./fixture.ts";

/** `npm run import` on the project at `root`: its exit code and everything it printed. */
async function run(root: string, ...args: string[]) {
  const { code, stdout, stderr } = await runScript("import.ts", root, ...args);
  return { code, out: stdout + stderr };
}

/**
 * GBK bytes of `text`: the table is GBK's two-byte area as TextDecoder maps it, checked against
 * a sequence known from the standard ("陶瓷" is CC D5 B4 C9), so the test does not only agree
 * with itself.
 */
let table: Map<string, number[]> | undefined;
function gbk(text: string): Uint8Array {
  if (!table) table = gbkTable();
  const bytes: number[] = [];
  for (const char of text) {
    if (char.charCodeAt(0) < 0x80) bytes.push(char.charCodeAt(0));
    else if (table.has(char)) bytes.push(...table.get(char)!);
    else throw new Error(`${char} is not in GBK`);
  }
  return Uint8Array.from(bytes);
}
function gbkTable(): Map<string, number[]> {
  const decoder = new TextDecoder("gbk");
  const table = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfe; lead++)
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const char = decoder.decode(Uint8Array.of(lead, trail));
      if (!table.has(char)) table.set(char, [lead, trail]);
    }
  expect(table.get("陶")!.concat(table.get("瓷")!)).toEqual([0xcc, 0xd5, 0xb4, 0xc9]);
  return table;
}

// The template around every article, as DedeCMS themes draw it.
const TOP = `<div class="header"><h1 class="logo"><a href="/"><img src="/images/logo.gif" alt="禅城陶协"></a></h1>
<ul class="menu"><li><a href="/">首页</a></li><li><a href="/a/xhdt/">协会动态</a></li><li><a href="/a/hyqz/">行业前瞻</a></li></ul></div>`;
const SIDE = `<div class="right"><h3>热点新闻</h3><ul>${[1, 2, 3, 4, 5]
  .map((i) => `<li><a href="/a/${i}.html">热点第${i}号新闻的标题</a></li>`)
  .join("")}</ul></div>
<div class="links"><h3>友情链接 Links</h3><a href="http://www.ceramic.example/">佛山陶瓷网</a></div>
<div class="bottom">Copyright 禅城陶协 版权所有 <a href="https://beian.miit.gov.cn/">粤ICP备11050138号</a></div>`;
const crumb = (column: string) =>
  `<div class="place">当前位置:<a href="/">主页</a> &gt; <a href="/a/">${column}</a> &gt;</div>`;

const GB_PAGE = `<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>协会召开理事会_协会动态_禅城陶协</title><meta name="keywords" content="理事会,禅城">
<script>var counter = "点击";</script><style>.info { color: gray }</style></head><body>${TOP}
${crumb("协会动态")}
<div class="main"><div class="article"><h1>协会召开理事会</h1>
<div class="info">来源:佛山日报 作者:秘书处 点击:<script src="/plus/count.php?view=yes&aid=123"></script>次</div>
<div class="content"><p>理事会在禅城召开,会议讨论了陶瓷行业发展的多项议题,并通过了新一年的工作计划。</p>
<p><img src="/uploads/allimg/180621/1-1.jpg" alt="会场"></p>
<p>与会理事一致认为,行业应加快转型升级,推动品牌建设。</p>
<p><img src="http://img.elsewhere.example/x.jpg"></p></div>
<div class="fx">分享到:<a href="#">微信</a><a href="#">微博</a></div>
<ul class="pn"><li>上一篇:<a href="/a/2018/0620/122.html">旧文</a></li><li>下一篇:没有了</li></ul></div>
${SIDE}</div></body></html>`;

const DATED_PAGE = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>陶瓷出口形势分析 - 禅城陶协</title></head><body>${TOP}
<div class="place">您的位置:<a href="/">首页</a> &gt; <a href="/a/hyqz/">行业前瞻</a></div>
<div class="article"><h1>陶瓷出口形势分析</h1>
<p class="info">发布时间:2019-01-05 10:30  来源:<a href="http://www.fsdaily.example/">佛山日报</a>  点击:<span id="hits">12</span></p>
<div class="content"><p>今年陶瓷出口总体平稳,详见<a href="../../2018/0621/123.html">理事会报道</a>。</p>
<p><img src="/uploads/huiyi.png" alt="会议现场"></p>
<table><tr><th>企业</th><th>出口额</th></tr><tr><td>甲</td><td>10</td></tr></table>
<p>预计明年出口继续增长。</p></div></div>${SIDE}</body></html>`;

const DAMAGED_PAGE = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>新展厅开放_禅城陶协</title></head><body>${TOP}
${crumb("协会动态")}<div class="article"><h1>新展厅开放</h1><div class="info">日期:2019-01-06 作者:协会秘书处</div>
<div class="content"><p>协会新展厅今日开放,展出会员企业的最新产品。</p><p><img src="/uploads/zhanting.png" alt="展厅"></p></div></div>
${SIDE}</body></html>`;

const DYNAMIC_PAGE = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>会员企业获奖_行业资讯_禅城陶协</title></head><body>${TOP}
${crumb("行业资讯")}<div class="article"><h1>会员企业获奖</h1>
<div class="content"><p>多家会员企业在本届评选中获奖,协会表示祝贺。</p></div></div>${SIDE}</body></html>`;

const LIST_PAGE = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>协会动态_禅城陶协</title></head><body>${TOP}
${crumb("协会动态")}<ul>${[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
  .map((i) => `<li><a href="/a/${i}.html">协会第${i}号动态新闻标题</a><span>2018-06-${10 + i}</span></li>`)
  .join("")}</ul>${SIDE}</body></html>`;

const EMPTY_PAGE = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>空页_禅城陶协</title></head><body>${TOP}
<div class="article"><h1>空页</h1><div class="content"></div></div>${SIDE}</body></html>`;

/** A project (fixture.ts) with a mirror folder named after the old host, as wget names it. */
async function project(): Promise<{ root: string; mirror: string }> {
  const root = await fixture({ "articles/.keep": "" });
  const mirror = join(root, "old.example.cn");
  const files: Record<string, string | Uint8Array> = {
    "index.html": `<html><head><meta charset="utf-8"><title>禅城陶协</title></head><body>${TOP}${SIDE}</body></html>`,
    "a/2018/0621/123.html": gbk(GB_PAGE),
    "a/2019/0105/200.html": DATED_PAGE,
    "a/2019/0106/201.html": DAMAGED_PAGE,
    "plus/view.php?aid=300.html": DYNAMIC_PAGE,
    "a/xhdt/index.html": LIST_PAGE,
    "a/xhdt/list_1_2.html": LIST_PAGE,
    "a/2018/0622/124.html": EMPTY_PAGE,
    "uploads/huiyi.png": await readFile(join(FIXTURE_SITE, "content/media/huiyi.png")),
    // A PNG by its name only: what a failed download leaves.
    "uploads/zhanting.png": "<html><body>404 Not Found</body></html>",
    // wget saves a script's answer under its query too: not a page, so not counted.
    "plus/count.php?view=yes&aid=123": "document.write('12');",
  };
  for (const [name, data] of Object.entries(files)) {
    await mkdir(dirname(join(mirror, name)), { recursive: true });
    await writeFile(join(mirror, name), data);
  }
  await writeFile(join(root, "map.yaml"), "行业资讯: 协会动态\n");
  return { root, mirror };
}

const articles = async (root: string) =>
  (await readdir(join(root, "content/articles"))).filter((n) => n.endsWith(".md")).sort();
const read = (root: string, name: string) => readFile(join(root, "content/articles", name), "utf8");
const today = formatInstant(Date.now(), "Asia/Shanghai").slice(0, 10);

describe("npm run import from a mirror of the old site", () => {
  let root: string;
  let out: string;
  let code: number;
  beforeAll(async () => {
    const made = await project();
    root = made.root;
    ({ code, out } = await run(root, made.mirror, "--map", join(root, "map.yaml")));
  }, 60_000);

  it("writes the articles, skips the rest, and says so in one summary line", async () => {
    expect(code, out).toBe(0);
    expect(out).toContain(
      "import: mirror, 8 page(s): 4 written, 0 already present (kept; --update rewrites them), 4 skipped, " +
        "1 picture(s) copied, 3 picture(s) unavailable; now run npm run check\n",
    );
    expect(await articles(root)).toEqual([
      "hui-yuan-qi-ye-huo-jiang.md",
      "tao-ci-chu-kou-xing-shi-fen-xi.md",
      "xie-hui-zhao-kai-li-shi-hui.md",
      "xin-zhan-ting-kai-fang.md",
    ]);
  });

  it("skips the home page, list pages and a page without text, each with its path and why", () => {
    const skipped = out.split("\n").filter((line) => line.startsWith("import: skipped "));
    expect(skipped).toEqual([
      "import: skipped a/2018/0622/124.html: no text found (nothing that reads as an article's text)",
      "import: skipped a/xhdt/index.html: a list page (titled with the column 协会动态)",
      "import: skipped a/xhdt/list_1_2.html: a list page",
      "import: skipped index.html: the home page",
    ]);
  });

  it("reads a GB2312 page in its template: only the article's text, its 来源, 作者 and keywords, the day its path gives, and its missing pictures declared unavailable", async () => {
    expect(await read(root, "xie-hui-zhao-kai-li-shi-hui.md")).toBe(
      [
        "---",
        "# Imported from http://old.example.cn/a/2018/0621/123.html",
        `id: ${uuidv5("http://old.example.cn/a/2018/0621/123.html")}`,
        "title: 协会召开理事会",
        "slug: xie-hui-zhao-kai-li-shi-hui",
        "category: 协会动态",
        "date:",
        "  notBefore: 2018-06-21",
        "  note: 原文未载明发布日期;旧地址 /a/2018/0621/123.html 含日期 2018-06-21,故发布时间不早于此日。",
        `updated: ${today}`,
        "source: 佛山日报",
        "author: 秘书处",
        "tags:",
        "  - 理事会",
        "  - 禅城",
        "images:",
        "  - file: 1-1.jpg",
        "    alt: 会场",
        "    unavailable: true",
        "  - file: x.jpg",
        '    alt: ""',
        "    unavailable: true",
        "aliases:",
        "  - /a/2018/0621/123.html",
        "---",
        "",
        "理事会在禅城召开,会议讨论了陶瓷行业发展的多项议题,并通过了新一年的工作计划。",
        "",
        "![会场](1-1.jpg)",
        "",
        "与会理事一致认为,行业应加快转型升级,推动品牌建设。",
        "",
        "![](x.jpg)",
        "",
      ].join("\n"),
    );
    expect(out).toContain(
      "import: warning: http://old.example.cn/a/2018/0621/123.html: picture not in the mirror: " +
        "http://old.example.cn/uploads/allimg/180621/1-1.jpg; declared unavailable as 1-1.jpg\n",
    );
    expect(out).toContain(
      "import: warning: http://old.example.cn/a/2018/0621/123.html: picture on another host: " +
        "http://img.elsewhere.example/x.jpg; declared unavailable as x.jpg\n",
    );
  });

  it("copies a picture the mirror holds into content/media/, keeps the stated date, the table and the source's link, and rewrites a relative link to another old page", async () => {
    expect(await read(root, "tao-ci-chu-kou-xing-shi-fen-xi.md")).toBe(
      [
        "---",
        "# Imported from http://old.example.cn/a/2019/0105/200.html",
        `id: ${uuidv5("http://old.example.cn/a/2019/0105/200.html")}`,
        "title: 陶瓷出口形势分析",
        "slug: tao-ci-chu-kou-xing-shi-fen-xi",
        "category: 行业前瞻",
        "date: 2019-01-05T10:30",
        "source:",
        "  name: 佛山日报",
        "  url: http://www.fsdaily.example/",
        "aliases:",
        "  - /a/2019/0105/200.html",
        "---",
        "",
        "今年陶瓷出口总体平稳,详见[理事会报道](/articles/xie-hui-zhao-kai-li-shi-hui)。",
        "",
        "![会议现场](huiyi.png)",
        "",
        "| 企业  | 出口额 |",
        "| --- | --- |",
        "| 甲   | 10  |",
        "",
        "预计明年出口继续增长。",
        "",
      ].join("\n"),
    );
    expect(await readdir(join(root, "content/media"))).toEqual(["huiyi.png"]);
    expect(await readFile(join(root, "content/media/huiyi.png"))).toEqual(
      await readFile(join(FIXTURE_SITE, "content/media/huiyi.png")),
    );
  });

  it("declares a damaged picture (not the PNG its name says) unavailable, naming the article", async () => {
    expect(out).toContain(
      "import: warning: http://old.example.cn/a/2019/0106/201.html: picture damaged (its bytes are markup (HTML or XML), " +
        "not the PNG its name says): http://old.example.cn/uploads/zhanting.png; declared unavailable as zhanting.png\n",
    );
    const text = await read(root, "xin-zhan-ting-kai-fang.md");
    expect(text).toContain("date: 2019-01-06\nauthor: 协会秘书处\nimages:\n  - file: zhanting.png\n    alt: 展厅\n");
    expect(text.endsWith("\n\n协会新展厅今日开放,展出会员企业的最新产品。\n\n![展厅](zhanting.png)\n")).toBe(true);
  });

  it("keeps a dynamic page's query in its URL and alias, and --map sends its old column to a section", async () => {
    const text = await read(root, "hui-yuan-qi-ye-huo-jiang.md");
    expect(text).toContain(`id: ${uuidv5("http://old.example.cn/plus/view.php?aid=300")}\n`);
    expect(text).toContain("category: 协会动态\n");
    expect(text).toContain("aliases:\n  - /plus/view.php?aid=300\n");
  });

  it("builds clean, with the copied picture as a figure", async () => {
    const { model, issues } = await buildContent(root);
    expect(issues.filter((i) => i.severity === "error")).toEqual([]);
    const dated = model!.articles.find((a) => a.slug === "tao-ci-chu-kou-xing-shi-fen-xi")!;
    expect(dated.figures.map((f) => [f.file, f.available])).toEqual([["huiyi.png", true]]);
  });
});

describe("importing a mirror again, and --dry-run", () => {
  it("changes nothing when run again: articles kept, no picture copied twice", async () => {
    const { root, mirror } = await project();
    await run(root, mirror, "--map", join(root, "map.yaml"));
    const before = await Promise.all((await articles(root)).map((n) => read(root, n)));
    const again = await run(root, mirror, "--map", join(root, "map.yaml"));
    expect(again.out).toContain(
      "import: mirror, 8 page(s): 0 written, 4 already present (kept; --update rewrites them), 4 skipped, " +
        "0 picture(s) copied, 0 picture(s) unavailable; now run npm run check\n",
    );
    expect(await Promise.all((await articles(root)).map((n) => read(root, n)))).toEqual(before);
    expect(await readdir(join(root, "content/media"))).toEqual(["huiyi.png"]);
  }, 60_000);

  it("writes nothing with --dry-run, and says what it would write and copy", async () => {
    const { root, mirror } = await project();
    const { code, out } = await run(root, mirror, "--dry-run", "--map", join(root, "map.yaml"));
    expect(code, out).toBe(0);
    expect(out).toContain(
      "import: would write content/articles/tao-ci-chu-kou-xing-shi-fen-xi.md (陶瓷出口形势分析)\n",
    );
    expect(out).toContain(`import: would copy ${join(mirror, "uploads/huiyi.png")} to content/media/huiyi.png\n`);
    expect(out).toContain(
      "import: mirror, 8 page(s): 4 to write, 0 already present (kept; --update rewrites them), 4 skipped, " +
        "1 picture(s) to copy, 3 picture(s) unavailable; nothing written (--dry-run)\n",
    );
    expect(await articles(root)).toEqual([]);
    expect(await readdir(join(root, "content/media")).catch(() => "none")).toBe("none");
  }, 60_000);

  it("needs --origin for a folder not named after the old host, and writes nothing without it", async () => {
    const root = await fixture({ "articles/.keep": "" });
    await mkdir(join(root, "saved/a"), { recursive: true });
    await writeFile(join(root, "saved/a/1.html"), DAMAGED_PAGE);
    const { code, out } = await run(root, join(root, "saved"));
    expect(code).toBe(1);
    expect(out).toContain("which site is this a mirror of? Give its address with --origin http://old.example.cn");
    expect(out).toContain("import: nothing was written.");
    const given = await run(root, join(root, "saved"), "--origin", "http://www.old.example", "--category", "协会动态");
    expect(given.out).toContain("1 written");
    expect(await read(root, "xin-zhan-ting-kai-fang.md")).toContain(
      `id: ${uuidv5("http://www.old.example/a/1.html")}\n`,
    );
  }, 60_000);
});

describe("pages that clash", () => {
  it("names both pages that would get one slug and chooses a suffix; a picture placed twice is declared once; a link to nothing is named and does not stop the others", async () => {
    const root = await fixture({ "articles/.keep": "" });
    const page = (
      n: number,
    ) => `<!DOCTYPE html><html><head><meta charset="utf-8"><title>年会_禅城陶协</title></head><body>
${crumb("协会动态")}<div class="article"><h1>年会</h1><div class="content"><p>第${n}届年会在禅城举行,会员企业代表出席。</p>
<p><img src="/uploads/1.jpg" alt="年会"></p><p>会议回顾了一年的工作。</p><p><img src="/uploads/1.jpg" alt="年会"></p></div></div></body></html>`;
    await mkdir(join(root, "site/a"), { recursive: true });
    await writeFile(join(root, "site/a/1.html"), page(1));
    await writeFile(join(root, "site/a/2.html"), page(2));
    // A symbolic link (here to nothing) is not followed: it is named, and the others go on.
    await symlink(join(root, "nowhere.html"), join(root, "site/a/3.html"));
    const { code, out } = await run(root, join(root, "site"), "--origin", "http://old.example.cn");
    expect(code, out).toBe(0);
    expect(await articles(root)).toEqual(["nian-hui-2.md", "nian-hui.md"]);
    expect(out).toContain(
      "import: warning: http://old.example.cn/a/2.html: the slug nian-hui is taken by http://old.example.cn/a/1.html, nian-hui-2 chosen\n",
    );
    const second = await read(root, "nian-hui-2.md");
    expect(second).toContain("images:\n  - file: 1.jpg\n    alt: 年会\n    unavailable: true\naliases:\n");
    expect(second.endsWith("\n\n![年会](1.jpg)\n\n会议回顾了一年的工作。\n\n![年会](1.jpg)\n")).toBe(true);
    expect(out).toContain(
      "import: mirror, 2 page(s): 2 written, 0 already present (kept; --update rewrites them), 0 skipped, 0 picture(s) copied, 2 picture(s) unavailable",
    );
    expect(out).toContain(
      "import: warning: a/3.html: a symbolic link, not followed (only the mirror's own files are imported)\n",
    );
  }, 60_000);
});

describe("a page's encoding", () => {
  it.each([
    ["meta charset gb2312", `<meta charset="gb2312"><p>陶瓷</p>`, "gbk"],
    [
      "http-equiv Content-Type GBK",
      `<meta http-equiv="Content-Type" content="text/html; charset=GBK"><p>陶瓷</p>`,
      "gbk",
    ],
    ["meta charset gb18030", `<meta charset=gb18030><p>陶瓷</p>`, "gb18030"],
  ])("%s: decoded from GBK bytes", (_name, html, encoding) => {
    const page = decodePage(gbk(html));
    expect(page.encoding).toBe(encoding);
    expect(page.text).toBe(html);
  });

  it("resolves labels the WHATWG way: big5, and x-gbk and GB_2312-80 as GBK", () => {
    expect(decodePage(new TextEncoder().encode(`<meta charset="big5"><p>x</p>`)).encoding).toBe("big5");
    expect(decodePage(gbk(`<meta charset="x-gbk"><p>陶瓷</p>`)).text).toBe(`<meta charset="x-gbk"><p>陶瓷</p>`);
    expect(decodePage(gbk(`<meta charset='GB_2312-80'><p>陶瓷</p>`)).encoding).toBe("gbk");
  });

  it("reads a byte order mark before any meta, and UTF-8 when nothing is declared", () => {
    const utf8 = new TextEncoder().encode(`<meta charset="gb2312"><p>陶瓷</p>`);
    // The mark says UTF-8 whatever the meta says; it is not part of the text.
    expect(decodePage(Uint8Array.of(0xef, 0xbb, 0xbf, ...utf8))).toEqual({
      text: `<meta charset="gb2312"><p>陶瓷</p>`,
      encoding: "utf-8",
    });
    expect(decodePage(new TextEncoder().encode("<p>陶瓷</p>"))).toEqual({ text: "<p>陶瓷</p>", encoding: "utf-8" });
    expect(decodePage(new TextEncoder().encode(`<meta charset="klingon"><p>x</p>`)).unknownLabel).toBe("klingon");
  });
});

describe("what a page states", () => {
  const stated = (html: string) => {
    const { title, pageTitle, titleParts, published, updated, source, author, breadcrumb, keywords } = readStated(
      parseHTML(html).document as unknown as El,
    );
    return { title, pageTitle, titleParts, published, updated, source, author, breadcrumb, keywords };
  };

  it.each([
    ["2018-06-21 10:30", { local: "2018-06-21T10:30" }],
    ["2018/6/21", { local: "2018-06-21" }],
    ["2018年6月21日 9时5分", { local: "2018-06-21T09:05" }],
    ["2018-06-21T10:30:15+08:00", { instant: Date.UTC(2018, 5, 21, 2, 30, 15) }],
    ["2018-02-30", undefined],
  ])("%s", (text, date) => {
    expect(parseStatedDate(text)).toEqual(date);
  });

  it("reads the head's publication and change dates, the title without the site's name, and the keywords", () => {
    expect(
      stated(`<html><head><title>出口形势 | 禅城陶协</title><meta property="article:published_time" content="2018-06-21T10:30:00+08:00">
<meta property="article:modified_time" content="2018-06-22T08:00:00+08:00"><meta name="keywords" content="陶瓷 出口"></head>
<body><h1 class="logo"><a href="/">禅城陶协</a></h1><h1>出口形势分析</h1></body></html>`),
    ).toEqual({
      title: "出口形势分析",
      pageTitle: "出口形势",
      titleParts: ["禅城陶协"],
      published: { instant: Date.UTC(2018, 5, 21, 2, 30) },
      updated: { instant: Date.UTC(2018, 5, 22, 0, 0) },
      source: undefined,
      author: undefined,
      breadcrumb: [],
      keywords: ["陶瓷", "出口"],
    });
  });

  it("reads <time datetime>, the 发布日期 and 更新时间 lines, 来源 with its link, 作者 and the breadcrumb", () => {
    expect(
      stated(`<html><head><title>年会_协会动态_禅城陶协</title></head><body>
<div class="pos"><span>您现在的位置:</span><a href="/">首页</a> › <a href="/a/">协会动态</a></div>
<h1>年会</h1><div class="info"><span>发布日期:</span><span>2019年1月5日</span> <span>更新时间:2019-01-07</span>
<span>来源:<a href="http://www.fsdaily.example/">佛山日报</a></span> <span>作者:本站</span></div><p>正文。</p></body></html>`),
    ).toEqual({
      title: "年会",
      pageTitle: "年会",
      titleParts: ["协会动态", "禅城陶协"],
      published: { local: "2019-01-05" },
      updated: { local: "2019-01-07" },
      source: { name: "佛山日报", url: "http://www.fsdaily.example/" },
      author: undefined,
      breadcrumb: ["协会动态"],
      keywords: [],
    });
    expect(stated(`<html><body><time datetime="2020-03-04">3月4日</time><p>正文</p></body></html>`).published).toEqual({
      local: "2020-03-04",
    });
  });
});

/** An article page in the template, in the column 协会动态, with `body` as its text. */
const articlePage = (title: string, body: string) =>
  `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}_协会动态_禅城陶协</title></head><body>${TOP}
${crumb("协会动态")}<div class="article"><h1>${title}</h1><div class="info">日期:2019-02-01</div>
<div class="content">${body}</div></div>${SIDE}</body></html>`;

/** A project whose mirror folder (named after the old host) holds `files`. */
async function mirrorOf(files: Record<string, string | Uint8Array>): Promise<{ root: string; mirror: string }> {
  const root = await fixture({ "articles/.keep": "" });
  const mirror = join(root, "old.example.cn");
  for (const [name, data] of Object.entries(files)) {
    await mkdir(dirname(join(mirror, name)), { recursive: true });
    await writeFile(join(mirror, name), data);
  }
  return { root, mirror };
}

describe("names wget gives", () => {
  it("reads view.php@aid=400(.html), wget's name under --restrict-file-names=windows, as /plus/view.php?aid=400, and links to it lead there", async () => {
    const { root, mirror } = await mirrorOf({
      "plus/view.php@aid=400.html": articlePage("会员企业获奖", "<p>多家会员企业在本届评选中获奖,协会表示祝贺。</p>"),
      // Without --adjust-extension: no .html, found by its markup.
      "plus/view.php@aid=401": articlePage("展会开幕", "<p>第三十届陶瓷博览会今日开幕,会员企业悉数参展。</p>"),
      "a/2019/0201/1.html": articlePage(
        "年度总结",
        `<p>今年<a href="/plus/view.php?aid=400">多家企业获奖</a>,<a href="http://old.example.cn/plus/view.php?aid=401#top">展会</a>顺利举行。</p>`,
      ),
    });
    const { code, out } = await run(root, mirror);
    expect(code, out).toBe(0);
    expect(await read(root, "hui-yuan-qi-ye-huo-jiang.md")).toContain(
      `id: ${uuidv5("http://old.example.cn/plus/view.php?aid=400")}\n`,
    );
    expect(await read(root, "hui-yuan-qi-ye-huo-jiang.md")).toContain("aliases:\n  - /plus/view.php?aid=400\n");
    expect(await read(root, "zhan-hui-kai-mu.md")).toContain("aliases:\n  - /plus/view.php?aid=401\n");
    expect(await read(root, "nian-du-zong-jie.md")).toContain(
      "今年[多家企业获奖](/articles/hui-yuan-qi-ye-huo-jiang),[展会](/articles/zhan-hui-kai-mu#top)顺利举行。\n",
    );
  }, 60_000);

  it("finds a picture served by a script under its Windows name (pic.php@id=8) and copies it by the type its bytes say", async () => {
    const { root, mirror } = await mirrorOf({
      "a/2019/0201/1.html": articlePage(
        "展会开幕",
        `<p>第三十届陶瓷博览会今日开幕,会员企业悉数参展。</p><p><img src="/plus/pic.php?id=8" alt="会场"></p>`,
      ),
      "plus/pic.php@id=8": await readFile(join(FIXTURE_SITE, "content/media/huiyi.png")),
    });
    const { code, out } = await run(root, mirror);
    expect(code, out).toBe(0);
    expect(await readdir(join(root, "content/media"))).toEqual(["pic.png"]);
    expect((await read(root, "zhan-hui-kai-mu.md")).endsWith("\n\n![会场](pic.png)\n")).toBe(true);
  }, 60_000);

  it("reads a/about/index.html as the directory /a/about/, and links to /a/about, /a/about/ and index.html lead to it", async () => {
    const { root, mirror } = await mirrorOf({
      "a/about/index.html": articlePage("协会简介", "<p>本会由禅城区陶瓷企业自愿组成,是非营利性社会团体。</p>"),
      "a/2019/0201/1.html": articlePage(
        "年度总结",
        `<p>详见<a href="/a/about">简介</a>、<a href="/a/about/">本会</a>与<a href="../../about/index.html">章程</a>。</p>`,
      ),
    });
    const { code, out } = await run(root, mirror);
    expect(code, out).toBe(0);
    const about = await read(root, "xie-hui-jian-jie.md");
    expect(about).toContain(
      `# Imported from http://old.example.cn/a/about/\nid: ${uuidv5("http://old.example.cn/a/about/")}\n`,
    );
    expect(about).toContain("aliases:\n  - /a/about\n");
    expect(await read(root, "nian-du-zong-jie.md")).toContain(
      "详见[简介](/articles/xie-hui-jian-jie)、[本会](/articles/xie-hui-jian-jie)与[章程](/articles/xie-hui-jian-jie)。\n",
    );
  }, 60_000);
});

describe("lazy-loaded pictures", () => {
  it.each(["data-original", "data-src", "data-echo", "_src", "original"])(
    "%s holds the real picture: it becomes the src, the placeholder goes",
    (attr) => {
      const { document } = parseHTML(
        `<html><body><p><img class="lazy" src="/images/loading.gif" ${attr}="../uploads/real.png" alt="会场"></p></body></html>`,
      );
      const doc = document as unknown as El;
      removeChrome(doc, readStated(doc), "http://old.example.cn/a/1.html", (url) => url.href);
      expect(document.body.innerHTML).toBe(
        `<p><img class="lazy" src="http://old.example.cn/uploads/real.png" alt="会场"></p>`,
      );
    },
  );

  it("copies the real picture, not the placeholder; a WeChat picture (data-src, a data: URI in src) is declared unavailable by its real address", async () => {
    const { root, mirror } = await mirrorOf({
      "a/2019/0201/1.html": articlePage(
        "展会开幕",
        `<p>第三十届陶瓷博览会今日开幕,会员企业悉数参展。</p>
<p><img src="/images/loading.gif" data-original="/uploads/real.png" alt="会场"></p>
<p><img class="rich_pages" data-src="https://img.elsewhere.example/wx/kaimu.jpg" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="开幕"></p>`,
      ),
      "images/loading.gif": Uint8Array.of(...Buffer.from("GIF89a"), 1, 0, 1, 0, 0, 0, 0, 0x3b),
      "uploads/real.png": await readFile(join(FIXTURE_SITE, "content/media/huiyi.png")),
    });
    const { code, out } = await run(root, mirror);
    expect(code, out).toBe(0);
    expect(await readdir(join(root, "content/media"))).toEqual(["real.png"]);
    const text = await read(root, "zhan-hui-kai-mu.md");
    expect(text).toContain("images:\n  - file: kaimu.jpg\n    alt: 开幕\n    unavailable: true\n");
    expect(text.endsWith("\n\n![会场](real.png)\n\n![开幕](kaimu.jpg)\n")).toBe(true);
    expect(out).toContain(
      "import: warning: http://old.example.cn/a/2019/0201/1.html: picture on another host: " +
        "https://img.elsewhere.example/wx/kaimu.jpg; declared unavailable as kaimu.jpg\n",
    );
  }, 60_000);
});

describe("the folder wget was run in", () => {
  it("reads its only host-named folder (mirror/old.example.cn/), takes its name as the origin, and says so in one line", async () => {
    const root = await fixture({ "articles/.keep": "" });
    const outer = join(root, "mirror");
    await mkdir(join(outer, "old.example.cn/a/2019/0201"), { recursive: true });
    await mkdir(join(outer, "notes"));
    await writeFile(join(outer, "wget-log"), "FINISHED --2019-02-01 10:00:00--\n");
    await writeFile(
      join(outer, "old.example.cn/a/2019/0201/1.html"),
      articlePage("展会开幕", "<p>第三十届陶瓷博览会今日开幕,会员企业悉数参展。</p>"),
    );
    const { code, out } = await run(root, outer);
    expect(code, out).toBe(0);
    expect(out).toContain(
      `import: reading ${join(outer, "old.example.cn")}, the only site's folder in ${outer}, as http://old.example.cn (its name)\n`,
    );
    expect(await read(root, "zhan-hui-kai-mu.md")).toContain(
      `id: ${uuidv5("http://old.example.cn/a/2019/0201/1.html")}\n`,
    );
  }, 60_000);
});

describe("pictures without an extension in their address", () => {
  let root: string;
  let out: string;
  beforeAll(async () => {
    const made = await mirrorOf({
      "a/2019/0201/1.html": articlePage(
        "展会开幕",
        `<p>第三十届陶瓷博览会今日开幕,会员企业悉数参展。</p>
<p><img src="/plus/getimage.php?id=5" alt="证书"></p>
<p><img data-src="https://mmbiz.qpic.cn/mmbiz_png/abc/640?wx_fmt=png" alt="现场"></p>
<p><img src="/plus/pic.php?id=7" alt="标志"></p>`,
      ),
      "plus/pic.php?id=7": `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`,
    });
    root = made.root;
    ({ out } = await run(root, made.mirror));
  }, 60_000);

  it("declares one whose type nothing says as .jpg, and says the type is not known", () => {
    expect(out).toContain(
      "import: warning: http://old.example.cn/a/2019/0201/1.html: picture not in the mirror: " +
        "http://old.example.cn/plus/getimage.php?id=5; declared unavailable as getimage.jpg (its type is not known: named .jpg)\n",
    );
  });

  it("takes the type a query names (WeChat's wx_fmt=png)", () => {
    expect(out).toContain(
      "import: warning: http://old.example.cn/a/2019/0201/1.html: picture on another host: " +
        "https://mmbiz.qpic.cn/mmbiz_png/abc/640?wx_fmt=png; declared unavailable as 640.png\n",
    );
  });

  it("refuses a scripted SVG the mirror holds under a script's name, and declares it by the type its bytes say", async () => {
    expect(out).toContain(
      "import: warning: http://old.example.cn/a/2019/0201/1.html: picture refused (an SVG with a <script> element): " +
        "http://old.example.cn/plus/pic.php?id=7; declared unavailable as pic.svg\n",
    );
    expect(await read(root, "zhan-hui-kai-mu.md")).toContain(
      "images:\n  - file: getimage.jpg\n    alt: 证书\n    unavailable: true\n  - file: 640.png\n    alt: 现场\n    unavailable: true\n" +
        "  - file: pic.svg\n    alt: 标志\n    unavailable: true\n",
    );
    expect(await readdir(join(root, "content/media")).catch(() => "none")).toBe("none");
  });
});
