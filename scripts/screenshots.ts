/**
 * `npm run screenshots`: the article page at 375 px and 1280 px, light and dark, and the embed on
 * another origin (docs/embed.png), the editor's desk's list, edit form (with its preview) and 部署
 * panel at 1280 px (docs/desk-list-1280.png, docs/desk-edit-1280.png, docs/desk-deploy-1280.png;
 * the panel's deploy is not run) and its 复制到公众号 (docs/desk-wechat-1280.png), in headless
 * Chromium (Debian's /usr/bin/chromium through playwright-core), written to docs/.
 * Needs `apt-get install chromium fonts-noto-cjk` (Chinese text renders as boxes without the font).
 */
import { join } from "node:path";
import { launchChromium } from "./browser/chromium.ts";
import { startDevServer } from "./wrangler/dev-server.ts";
import { serveEmbedPage } from "./browser/embed-page.ts";
import { startDeskServer } from "./desk/server.ts";

const root = join(import.meta.dirname, "..");
const path = "/articles/chancheng-2018-reform-four-towns";
const shots = [
  { file: "article-375.png", width: 375, height: 812, scheme: "light" },
  { file: "article-1280.png", width: 1280, height: 900, scheme: "light" },
  { file: "article-375-dark.png", width: 375, height: 812, scheme: "dark" },
] as const;

const server = await startDevServer(root);
const browser = await launchChromium();
try {
  for (const shot of shots) {
    const page = await browser.newPage({
      viewport: { width: shot.width, height: shot.height },
      colorScheme: shot.scheme,
      locale: "zh-CN",
    });
    const res = await page.goto(server.url + path, { waitUntil: "load" });
    if (res?.status() !== 200) throw new Error(`${path}: HTTP ${res?.status()}`);
    await page.screenshot({ path: join(root, "docs", shot.file) });
    console.log(`docs/${shot.file} (${shot.width}×${shot.height}, ${shot.scheme})`);
    await page.close();
  }
  const other = await serveEmbedPage(server.url);
  const page = await browser.newPage({ viewport: { width: 800, height: 620 }, locale: "zh-CN" });
  await page.goto(other.url, { waitUntil: "load" });
  await page.locator("ceramics-news[article] li a").first().waitFor();
  await page.screenshot({ path: join(root, "docs", "embed.png") });
  console.log("docs/embed.png (800×620, the embed on another origin)");
  await other.stop();

  // The editor's desk as `npm run dev` serves it, in front of the same dev server.
  const desk = await startDeskServer({ root, upstream: server.url });
  for (const [file, hash] of [
    ["desk-list-1280.png", "/collections/articles"],
    ["desk-edit-1280.png", `/collections/articles/entries/${path.split("/").pop()}`],
  ] as const) {
    const tab = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
    await tab.goto(`${desk.url}/admin/#${hash}`, { waitUntil: "load" });
    await tab.locator('a[href*="/entries/"], [id^="title-field-"]').first().waitFor();
    await tab.waitForTimeout(1500); // Decap's fonts and the preview frame settle
    await tab.screenshot({ path: join(root, "docs", file) });
    console.log(`docs/${file} (1280×900, the editor's desk)`);
    await tab.close();
  }
  // 复制到公众号 (docs/editing.md, "发到公众号"): the button, clicked, with what it says.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: desk.url });
  const tab = await context.newPage();
  await tab.goto(`${desk.url}/admin/#/collections/articles/entries/${path.split("/").pop()}`, { waitUntil: "load" });
  await tab.locator('[id^="title-field-"]').first().waitFor();
  await tab.locator('button[title="打开/关闭预览"]').click(); // the form beside the button, not the page
  await tab.getByRole("button", { name: "复制到公众号" }).click();
  await tab.locator("#wechat-copy [role=status]").getByText("已复制").waitFor({ timeout: 60_000 });
  await tab.screenshot({ path: join(root, "docs", "desk-wechat-1280.png") });
  console.log("docs/desk-wechat-1280.png (1280×900, 复制到公众号 at the desk)");
  await context.close();
  // The 部署 panel, opened: what is not yet deployed (its deploy is not run).
  const panel = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
  await panel.goto(`${desk.url}/admin/#/collections/articles`, { waitUntil: "load" });
  await panel.locator("#desk-deploy-open").click();
  await panel.locator("#desk-deploy section.env").first().waitFor();
  await panel.waitForTimeout(500);
  await panel.screenshot({ path: join(root, "docs", "desk-deploy-1280.png") });
  console.log("docs/desk-deploy-1280.png (1280×900, the desk's 部署 panel)");
  await panel.close();
  await desk.close();
} finally {
  await browser.close();
  await server.stop();
}
