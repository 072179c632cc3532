/**
 * The embed builder (/embed) in Chromium against `wrangler dev` on the fixture site: the live
 * <ceramics-news> follows the choices, the snippet and the API URL are copied through the
 * clipboard, the page loads nothing from another origin and breaks no CSP rule; and snippet
 * attributes with values the site does not know show a message in the element, on another origin.
 */
import { createServer, type Server } from "node:http";
import { rm } from "node:fs/promises";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../../scripts/browser/chromium.ts";
import { freePort, startDevServer, type DevServer } from "../../scripts/wrangler/dev-server.ts";
import { fixtureProject } from "../support/project.ts";
import { NEWEST_TITLE, SEED_TITLE } from "../support/site.ts";

const ORIGIN = "https://www.chancheng-ceramics.example";
const TILE_TITLE = "2025年佛山陶瓷出口形势分析";
const SCHOOL_TITLE = "协会向山区学校捐赠图书";

let project: string;
let worker: DevServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const requested: string[] = [];
const consoleErrors: string[] = [];

beforeAll(async () => {
  project = await fixtureProject({ build: true });
  worker = await startDevServer(project);
  browser = await launchChromium();
  context = await browser.newContext({ locale: "zh-CN" });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: worker.url });
  page = await context.newPage();
  page.on("request", (r) => requested.push(r.url()));
  page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
  page.on("pageerror", (e) => consoleErrors.push(e.message));
  await page.goto(`${worker.url}/embed`, { waitUntil: "load" });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  if (project) await rm(project, { recursive: true, force: true });
});

const preview = () => page.locator("#builder-preview ceramics-news");
const titles = () => preview().locator("li a").allTextContents();

describe("the embed builder", () => {
  it("shows the latest articles live, styled inside the page's CSP", async () => {
    await expect.poll(titles, { timeout: 15_000 }).toEqual([NEWEST_TITLE, TILE_TITLE, SCHOOL_TITLE, SEED_TITLE]);
    // The element's own stylesheet applies (a constructed sheet: the page allows no inline <style>).
    expect(
      await page.evaluate(
        `getComputedStyle(document.querySelector("#builder-preview ceramics-news").shadowRoot.querySelector(".box")).borderTopLeftRadius`,
      ),
    ).toBe("8px");
  });

  it("follows a tag and a number: the live element, the snippet and the API URL", async () => {
    await page.getByLabel("一个标签的文章").check();
    await page.getByLabel("标签", { exact: true }).selectOption("禅城区");
    await page.getByLabel("篇数(1–50)").fill("2");
    await expect.poll(titles, { timeout: 15_000 }).toEqual([NEWEST_TITLE, SCHOOL_TITLE]);
    expect(await page.locator("#builder-snippet").textContent()).toBe(
      `<script src="${ORIGIN}/embed.js" defer></script>\n<ceramics-news tag="禅城区" limit="2"></ceramics-news>`,
    );
    expect(await page.locator("#builder-api").textContent()).toBe(
      `${ORIGIN}/api/v1/articles?tag=${encodeURIComponent("禅城区")}&limit=2`,
    );
  });

  it("copies the snippet and the API URL to the clipboard", async () => {
    await page.getByRole("button", { name: "复制嵌入代码" }).click();
    await expect.poll(() => page.locator("#builder-status").textContent()).toBe("嵌入代码已复制");
    expect(await page.evaluate("navigator.clipboard.readText()")).toBe(
      `<script src="${ORIGIN}/embed.js" defer></script>\n<ceramics-news tag="禅城区" limit="2"></ceramics-news>`,
    );
    await page.getByRole("button", { name: "复制 API 地址" }).click();
    await expect.poll(() => page.locator("#builder-status").textContent()).toBe("API 地址已复制");
    expect(await page.evaluate("navigator.clipboard.readText()")).toBe(
      `${ORIGIN}/api/v1/articles?tag=${encodeURIComponent("禅城区")}&limit=2`,
    );
  });

  it("follows a search, escaping the words in the snippet", async () => {
    await page.getByLabel("搜索结果").check();
    await page.getByLabel("搜索词").fill('会员大会 "x"');
    await expect
      .poll(() => page.locator("#builder-snippet").textContent(), { timeout: 5_000 })
      .toBe(
        `<script src="${ORIGIN}/embed.js" defer></script>\n<ceramics-news query="会员大会 &quot;x&quot;" limit="2"></ceramics-news>`,
      );
    await page.getByLabel("搜索词").fill("会员大会");
    await expect.poll(titles, { timeout: 15_000 }).toEqual([NEWEST_TITLE]);
    expect(await page.locator("#builder-api").textContent()).toBe(
      `${ORIGIN}/api/v1/search?q=${encodeURIComponent("会员大会")}&limit=2`,
    );
  });

  it("says what is wrong with a number it cannot use, keeping the last snippet", async () => {
    await page.getByLabel("篇数(1–50)").fill("0");
    await expect
      .poll(() => page.locator("#builder-error").textContent(), { timeout: 5_000 })
      .toBe("篇数应为 1 到 50 之间的整数。");
    expect(await page.locator("#builder-error").isVisible()).toBe(true);
    expect(await page.locator("#builder-api").textContent()).toContain("limit=2");
  });

  it("loaded nothing from another origin and logged no error (no CSP violation)", () => {
    expect(requested.length).toBeGreaterThan(5);
    for (const url of requested) expect(new URL(url).origin).toBe(worker.url);
    expect(consoleErrors, consoleErrors.join("\n")).toEqual([]);
  });
});

describe("snippet attributes with values the site does not know", () => {
  let server: Server;
  let other: string;
  beforeAll(async () => {
    const port = await freePort();
    server = createServer((_req, res) =>
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(`<!doctype html>
<html lang="zh-CN"><meta charset="utf-8"><title>会员企业</title>
<script src="${worker.url}/embed.js" defer></script>
<ceramics-news id="category" category="nws"></ceramics-news>
<ceramics-news id="limit" limit="abc"></ceramics-news>
<ceramics-news id="tag" tag="没有这个标签"></ceramics-news>
<ceramics-news id="article" article="no-such-article"></ceramics-news>`),
    );
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    other = `http://127.0.0.1:${port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it.each([
    ["category", 'category="nws":不是本站的栏目(可用:about、news、outlook、charity、legal、members、contact)。'],
    ["limit", 'limit="abc":应为 1 到 50 之间的整数。'],
    ["tag", 'tag="没有这个标签":本站没有带这个标签的文章。'],
    ["article", 'article="no-such-article":本站没有这篇已发布的文章。'],
  ])("%s: a visible message naming the attribute, and a link to the site", async (id, message) => {
    const host = await browser.newPage();
    try {
      await host.goto(other);
      const error = host.locator(`#${id}`).locator("p.error");
      await expect.poll(() => error.textContent(), { timeout: 15_000 }).toBe(message);
      expect(await error.isVisible()).toBe(true);
      expect(await host.locator(`#${id}`).locator("a.more").getAttribute("href")).toBe(`${worker.url}/`);
    } finally {
      await host.close();
    }
  });
});
