/**
 * The desk's round trip and pictures as an editor meets them (issue 33, parts 1 and 4), in
 * Chromium through playwright-core: the desk server in front of `wrangler dev` on a copy of the
 * fixture site, as `npm run dev` runs them. What is checked is the file on disk and the page served.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../../scripts/lib/browser.ts";
import { startDevServer, type DevServer } from "../../scripts/lib/dev-server.ts";
import { startDeskServer, type DeskServer } from "../../scripts/desk/server.ts";
import { fixtureProject } from "../support/project.ts";

let root: string;
let worker: DevServer;
let desk: DeskServer;
let browser: Browser;

beforeAll(async () => {
  root = await fixtureProject({ build: true });
  process.env.CONTENT_PREVIEW = "true";
  worker = await startDevServer(root, ["--var", "PREVIEW:true"]);
  desk = await startDeskServer({ root, upstream: worker.url });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await desk?.close();
  await worker?.stop();
});

async function open(hash: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
  page.on("dialog", (d) => void d.accept());
  await page.goto(`${desk.url}/admin/#${hash}`);
  return page;
}

const field = (page: Page, name: string) => page.locator(`[id^="${name}-field-"]`).first();
const articleFile = (slug: string) => join(root, "content/articles", `${slug}.md`);

/** 发布 → 立即发布: Decap's save in the simple publishing mode; resolves once the desk answered. */
async function publish(page: Page) {
  const saved = page.waitForResponse(
    (r) => r.url().endsWith("/admin/api/v1") && (r.request().postData() ?? "").includes('"persistEntry"'),
    { timeout: 60_000 },
  );
  await page.getByRole("button", { name: "发布", exact: true }).click();
  await page.getByText("立即发布", { exact: true }).click();
  return saved;
}

async function eventually<T>(get: () => Promise<T>, ok: (v: T) => boolean, ms = 60_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await get().catch(() => undefined as T);
    if (value !== undefined && ok(value)) return value;
    if (Date.now() > until) throw new Error(`not within ${ms} ms: ${String(value).slice(0, 200)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

const SEED = "chancheng-2018-reform-four-towns";

describe("the desk's round trip in the browser", () => {
  it("saves the seed article opened and saved untouched: the same bytes on disk", async () => {
    const before = await readFile(articleFile(SEED), "utf8");
    const page = await open(`/collections/articles/entries/${SEED}`);
    await field(page, "title").waitFor({ timeout: 30_000 });
    // Decap offers 发布 only after a change, and a change undone is none: a space typed after the
    // title is one to Decap and none to the file (the schema trims titles).
    await field(page, "title").press("End");
    await field(page, "title").pressSequentially(" ");
    const answer = await publish(page);
    expect(answer.status()).toBe(200);
    expect(await readFile(articleFile(SEED), "utf8")).toBe(before);
    await page.close();
  }, 90_000);

  it("saves the seed article with one word of its title changed: only that word differs on disk", async () => {
    const before = await readFile(articleFile(SEED), "utf8");
    const page = await open(`/collections/articles/entries/${SEED}`);
    const title = field(page, "title");
    await title.waitFor({ timeout: 30_000 });
    await title.fill((await title.inputValue()).replace("深化", "推进"));
    const answer = await publish(page);
    expect(answer.status(), await answer.text()).toBe(200);
    expect(await readFile(articleFile(SEED), "utf8")).toBe(
      before.replace("全面深化改革,四镇街", "全面推进改革,四镇街"),
    );
    await page.close();
  }, 90_000);

  it("saves the seed article with one word of its body changed: only that word differs on disk", async () => {
    const before = await readFile(articleFile(SEED), "utf8");
    const page = await open(`/collections/articles/entries/${SEED}`);
    const editor = page.locator('[data-slate-editor="true"]');
    await editor.getByText("在今天下午召开", { exact: false }).first().waitFor({ timeout: 30_000 });
    // Select 今天 in the first paragraph, as a double click or a drag would, and type over it.
    await page.evaluate(`(() => {
      const root = document.querySelector('[data-slate-editor="true"]');
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent.indexOf("今天");
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 2);
        getSelection().removeAllRanges();
        getSelection().addRange(range);
        return;
      }
    })()`);
    await page.keyboard.type("当天");
    const answer = await publish(page);
    expect(answer.status(), await answer.text()).toBe(200);
    expect(await readFile(articleFile(SEED), "utf8")).toBe(before.replace("今天", "当天"));
    await page.close();
  }, 90_000);
});
