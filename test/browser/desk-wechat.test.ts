/**
 * 复制到公众号 at the desk, in Chromium (playwright-core): on an article's page the button copies
 * the saved article as rich text, and what the clipboard then holds (text/html and text/plain) is
 * read back and checked: one section of inline-styled elements, the headings, lists, table,
 * quote, figure and caption, the links as notes, the 来源 line and the 原文链接.
 * The desk runs on a copy of the fixture site with an article holding each of those parts; the
 * site itself (wrangler dev) is not needed for the desk's own pages.
 */
import { rm } from "node:fs/promises";
import { parseHTML } from "linkedom";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../../scripts/browser/chromium.ts";
import { startDeskServer, type DeskServer } from "../../scripts/desk/server.ts";
import { loadArticle } from "../../scripts/wechat/load.ts";
import { renderWechat } from "../../scripts/wechat/render.ts";
import { fixtureProject } from "../support/project.ts";
import { ORIGIN, SAMPLE_SLUG, writeSample } from "../scripts/wechat-sample.ts";

let root: string;
let desk: DeskServer;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  root = await fixtureProject();
  await writeSample(root);
  // Nothing listens upstream: the desk's own pages and API do not pass through to the site.
  desk = await startDeskServer({ root, upstream: "http://127.0.0.1:1" });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: desk.url });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await desk?.close();
  await rm(root, { recursive: true, force: true });
});

async function open(hash: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${desk.url}/admin/#${hash}`);
  return page;
}

/** The Clipboard API as used here (Node's type configuration has no DOM library). */
interface Clipboarded {
  clipboard: {
    read(): Promise<{ types: string[]; getType(type: string): Promise<{ text(): Promise<string> }> }[]>;
    readText(): Promise<string>;
    writeText(text: string): Promise<void>;
  };
}

/** What the clipboard holds, by type. */
async function clipboard(page: Page): Promise<Record<string, string>> {
  return page.evaluate(async () => {
    const out: Record<string, string> = {};
    const { clipboard } = navigator as unknown as Clipboarded;
    for (const item of await clipboard.read())
      for (const type of item.types) out[type] = await (await item.getType(type)).text();
    return out;
  });
}

interface El {
  tagName: string;
  textContent: string;
  getAttribute(name: string): string | null;
  querySelectorAll(s: string): ArrayLike<El>;
}

describe("复制到公众号", () => {
  it("copies the article as rich text: inline styles only, every part kept, links as notes", async () => {
    const page = await open(`/collections/articles/entries/${SAMPLE_SLUG}`);
    const button = page.getByRole("button", { name: "复制到公众号" });
    await button.click({ timeout: 60_000 });
    await expect
      .poll(() => page.locator("#wechat-copy [role=status]").textContent(), { timeout: 60_000 })
      .toBe(
        "已复制《陶瓷展会观察》(已保存的版本)。到公众号的编辑器里粘贴;文中 3 个链接已改成文末注释,图片粘贴后请确认都已显示。",
      );
    const held = await clipboard(page);
    expect(Object.keys(held).sort()).toEqual(["text/html", "text/plain"]);

    const { article, site } = await loadArticle(root, SAMPLE_SLUG);
    const expected = renderWechat(article, site);
    expect(held["text/plain"]).toBe(expected.text);

    // Chromium hands pasted HTML back as a fragment of its own making; the structure and each
    // element's style are what a paste into WeChat's editor receives.
    const body = parseHTML(`<!doctype html><html><body>${held["text/html"]}</body></html>`).document
      .body as unknown as El;
    const all = (s: string) => Array.from(body.querySelectorAll(s));
    const section = all("section");
    expect(section).toHaveLength(1);
    expect(section[0]!.getAttribute("style")).toContain("font-size:17px;line-height:1.8;color:#1f1b16");
    expect(all("[class], style, script")).toHaveLength(0);
    expect(all("section *").filter((e) => !e.getAttribute("style") && !/^(THEAD|TBODY|TR)$/.test(e.tagName))).toEqual(
      [],
    );
    expect(
      all("h2").map((h) => [h.textContent, h.getAttribute("style")?.includes("border-left:4px solid #8a2c1c")]),
    ).toEqual([["参展企业", true]]);
    expect(all("h3").map((h) => h.textContent)).toEqual(["数据"]);
    expect(all("section > ol")[0]!.textContent).toBe("东鹏蒙娜丽莎");
    expect(all("section > ul > li").map((l) => l.textContent)).toEqual(["瓷砖", "卫浴"]);
    expect(all("th, td").map((c) => c.textContent)).toEqual(["企业", "展位", "东鹏", "120"]);
    expect(all("td")[1]!.getAttribute("style")).toMatch(/text-align:right$/);
    expect(all("blockquote").map((q) => q.textContent.trim())).toEqual(["今年的展会规模是历年之最。"]);
    const img = all("figure > img")[0]!;
    expect(img.getAttribute("src")).toMatch(/^https:\/\/www\.chancheng-ceramics\.example\/media\/huiyi[^/]*\.png$/);
    expect(img.getAttribute("style")).toContain("max-width:100%");
    expect(all("figure > figcaption").map((c) => c.textContent)).toEqual(["开幕式现场"]);
    expect(all("a")).toHaveLength(0);
    expect(all("sup").map((s) => s.textContent)).toEqual(["[1]", "[2]", "[1]", "[3]"]);
    const tail = all("section > *")
      .slice(-4)
      .map((e) => e.textContent);
    expect(tail).toEqual([
      "来源:中国陶瓷网[3]",
      "注释",
      `https://www.ccia.example/${ORIGIN}/articles/member-congress-2026https://www.ceramics.example/expo`,
      `原文链接:${ORIGIN}/articles/${SAMPLE_SLUG}`,
    ]);
    await page.close();
  }, 120_000);

  it("is not offered on the list of articles", async () => {
    const page = await open("/collections/articles");
    await page.getByText("陶瓷展会观察").first().waitFor({ timeout: 60_000 });
    await expect.poll(() => page.locator("#wechat-copy").isHidden()).toBe(true);
    await page.close();
  }, 120_000);

  it("answers a slug that is not an article's with a message at the button, copying nothing", async () => {
    const page = await open("/collections/articles/entries/no-such-article");
    await page.evaluate(() => (navigator as unknown as Clipboarded).clipboard.writeText("之前的内容"));
    await page.getByRole("button", { name: "复制到公众号" }).click({ timeout: 60_000 });
    await expect
      .poll(() => page.locator("#wechat-copy [role=status]").textContent(), { timeout: 60_000 })
      .toBe('没有复制:没有网址名为 "no-such-article" 的文章(content/articles/ 里的文件名,例如 member-congress-2026)。');
    expect(await page.evaluate(() => (navigator as unknown as Clipboarded).clipboard.readText())).toBe("之前的内容");
    await page.close();
  }, 120_000);
});
