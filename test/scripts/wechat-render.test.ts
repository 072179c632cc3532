/**
 * The WeChat rendering (scripts/wechat/render.ts) of an article built from the fixture site with
 * every part WeChat's editor must keep: inline styles only, headings, lists, a table, a quote, a
 * figure with its caption, links as numbered notes, the 来源 line and the 原文链接.
 */
import { execFile } from "node:child_process";
import { rm } from "node:fs/promises";
import { promisify } from "node:util";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadArticle, type Loaded } from "../../scripts/wechat/load.ts";
import { renderWechat, STYLE, type WechatArticle } from "../../scripts/wechat/render.ts";
import { fixtureProject } from "../support/project.ts";
import { ORIGIN, SAMPLE_SLUG, writeSample } from "./wechat-sample.ts";

let root: string;
let loaded: Loaded;
let out: WechatArticle;
/** The output as a DOM (linkedom's types need the DOM library: the few members used). */
interface El {
  tagName: string;
  textContent: string;
  children: ArrayLike<El>;
  getAttribute(name: string): string | null;
  querySelector(s: string): El | null;
  querySelectorAll(s: string): ArrayLike<El>;
}
let dom: El;
const all = (s: string) => Array.from(dom.querySelectorAll(s));
const one = (s: string) => dom.querySelector(s)!;

beforeAll(async () => {
  root = await fixtureProject();
  await writeSample(root);
  loaded = await loadArticle(root, SAMPLE_SLUG);
  out = renderWechat(loaded.article, loaded.site);
  dom = parseHTML(`<!doctype html><html><body>${out.html}</body></html>`).document.body as unknown as El;
}, 60_000);

afterAll(() => rm(root, { recursive: true, force: true }));

describe("WeChat rendering", () => {
  it("is one <section> in the site's type, with no class, id or <style> anywhere", () => {
    expect(dom.children.length).toBe(1);
    expect(one("section").getAttribute("style")).toBe(STYLE.section);
    expect(STYLE.section).toContain("font-size:17px;line-height:1.8;color:#1f1b16");
    expect(all("[class]")).toHaveLength(0);
    expect(all("[id]")).toHaveLength(0);
    expect(all("style, script, link, picture, source")).toHaveLength(0);
  });

  it("gives every element its style inline, except table rows and groups", () => {
    const bare = all("*").filter((e) => !e.getAttribute("style"));
    expect(bare.map((e) => e.tagName.toLowerCase()).sort()).toEqual(["tbody", "thead", "tr", "tr"]);
  });

  it("keeps the headings as the site's outline, the 小标题 with the brand's rule", () => {
    expect(all("h2, h3").map((h) => [h.tagName, h.textContent])).toEqual([
      ["H2", "参展企业"],
      ["H3", "数据"],
    ]);
    expect(one("h2").getAttribute("style")).toContain("border-left:4px solid #8a2c1c");
  });

  it("keeps both lists with their items", () => {
    expect(all("section > ol")[0]!.textContent).toBe("东鹏蒙娜丽莎");
    expect(
      all("section > ol > li")
        .slice(0, 2)
        .map((l) => l.textContent),
    ).toEqual(["东鹏", "蒙娜丽莎"]);
    expect(all("section > ul > li").map((l) => l.textContent)).toEqual(["瓷砖", "卫浴"]);
  });

  it("keeps the table, its head and each cell's alignment", () => {
    expect(all("th").map((c) => c.textContent)).toEqual(["企业", "展位"]);
    expect(all("td").map((c) => c.textContent)).toEqual(["东鹏", "120"]);
    expect(all("th")[0]!.getAttribute("style")).toMatch(/;text-align:left$/);
    expect(all("td")[1]!.getAttribute("style")).toMatch(/;text-align:right$/);
  });

  it("keeps the quote", () => {
    expect(one("blockquote").textContent.trim()).toBe("今年的展会规模是历年之最。");
    expect(one("blockquote").getAttribute("style")).toContain("border-left:3px solid #e4ddd2");
  });

  it("keeps the figure: the published picture at its absolute URL, its description and caption", () => {
    const img = one("figure > img");
    expect(img.getAttribute("src")).toMatch(/^https:\/\/www\.chancheng-ceramics\.example\/media\/huiyi[^/]*\.png$/);
    expect(img.getAttribute("alt")).toBe("会员大会会场");
    expect(one("figure > figcaption").textContent).toBe("开幕式现场");
    expect(out.images).toEqual([new URL(img.getAttribute("src")!).pathname]);
  });

  it("turns each link into a numbered note, the same URL one note, the site's links absolute", () => {
    expect(all("a")).toHaveLength(0);
    expect(all("sup").map((s) => s.textContent)).toEqual(["[1]", "[2]", "[1]", "[3]"]);
    expect(out.notes).toEqual([
      { n: 1, url: "https://www.ccia.example/" },
      { n: 2, url: `${ORIGIN}/articles/member-congress-2026` },
      { n: 3, url: "https://www.ceramics.example/expo" },
    ]);
    expect(all("section > ol")[1]!.textContent).toBe(out.notes.map((n) => n.url).join(""));
  });

  it("ends with the 来源 line, the notes and the 原文链接 to the article's page", () => {
    const tail = all("section > *").slice(-4);
    expect(tail.map((e) => e.textContent)).toEqual([
      "来源:中国陶瓷网[3]",
      "注释",
      out.notes.map((n) => n.url).join(""),
      `原文链接:${ORIGIN}/articles/${SAMPLE_SLUG}`,
    ]);
    expect(out.url).toBe(`${ORIGIN}/articles/${SAMPLE_SLUG}`);
  });

  it("gives the same article as plain text, notes and all", () => {
    expect(out.text).toBe(
      [
        "展会由中国陶瓷工业协会[1]主办,详见会员大会报道[2]与协会网站[1]。",
        "[图片:会员大会会场]\n开幕式现场",
        "参展企业",
        "1. 东鹏\n2. 蒙娜丽莎",
        "· 瓷砖\n· 卫浴",
        "数据",
        "企业\t展位\n东鹏\t120",
        "今年的展会规模是历年之最。",
        "注意与提示。",
        "来源:中国陶瓷网[3]",
        `注释\n[1] https://www.ccia.example/\n[2] ${ORIGIN}/articles/member-congress-2026\n[3] https://www.ceramics.example/expo`,
        `原文链接:${ORIGIN}/articles/${SAMPLE_SLUG}\n`,
      ].join("\n\n"),
    );
  });

  it("writes a body picture's URL as the push gives it", () => {
    const pushed = renderWechat(loaded.article, loaded.site, { imageUrl: (p) => `http://mmbiz.qpic.cn/x${p}` });
    expect(pushed.html).toContain(`src="http://mmbiz.qpic.cn/x${out.images[0]}"`);
    expect(pushed.html).not.toContain(`${ORIGIN}/media/`);
  });

  it("escapes what the article says: a title or source with markup stays text", () => {
    const hostile = { ...loaded.article, source: '<img src=x onerror="alert(1)">', sourceUrl: undefined };
    const html = renderWechat(hostile, loaded.site).html;
    expect(html).toContain("来源:&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</p>");
  });
});

describe("npm run wechat", () => {
  it("prints the same HTML", async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--experimental-strip-types", "scripts/wechat.ts", SAMPLE_SLUG],
      { cwd: root },
    );
    expect(stdout).toBe(`${out.html}\n`);
  }, 60_000);

  it("names a slug that is not there, in Chinese, and exits 1", async () => {
    const run = promisify(execFile)(process.execPath, ["--experimental-strip-types", "scripts/wechat.ts", "no-such"], {
      cwd: root,
    });
    await expect(run).rejects.toMatchObject({
      code: 1,
      stderr: 'wechat: 没有网址名为 "no-such" 的文章(content/articles/ 里的文件名,例如 member-congress-2026)。\n',
    });
  }, 60_000);
});
