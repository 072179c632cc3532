/**
 * The desk's list a page at a time, in a real browser (Debian's Chromium through playwright-core):
 * the desk server on a copy of the fixture site with 130 synthetic articles added. An editor sees
 * the newest 50, goes to the next page, searches by title, filters by state, and opens an
 * article; Decap's own list, hidden, is given no rows.
 */
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../../scripts/browser/chromium.ts";
import { startDeskServer, type DeskServer } from "../../scripts/desk/server.ts";
import { fixtureProject } from "../support/project.ts";

const NOW = Date.parse("2026-12-06T12:00:00+08:00");
const N = 130;
let root: string;
let desk: DeskServer;
let browser: Browser;

const pad = (i: number) => String(i).padStart(5, "0");

beforeAll(async () => {
  root = await fixtureProject();
  await mkdir(join(root, "content/articles"), { recursive: true });
  for (let i = 0; i < N; i++) {
    // An hour older each, from 2026-12-06 15:00 (Shanghai); every tenth from the fourth a draft.
    const at = new Date(Date.UTC(2026, 11, 6, 15) - i * 3_600_000).toISOString().slice(0, 16);
    await writeFile(
      join(root, `content/articles/a-${pad(i)}.md`),
      [
        "---",
        `title: 第${pad(i)}号 行业简讯`,
        "category: 行业前瞻",
        `date: ${at}`,
        ...(i % 10 === 3 ? ["draft: true"] : []),
        "---",
        "",
        "正文。",
        "",
      ].join("\n"),
    );
  }
  // No site behind it: the list needs none (an opened article's preview answers 502).
  desk = await startDeskServer({ root, upstream: "http://127.0.0.1:9", now: () => NOW });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await desk?.close();
  await rm(root, { recursive: true, force: true });
});

async function open(): Promise<{
  page: Page;
  calls: { action: string; params: Record<string, unknown>; bytes: number }[];
}> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
  const calls: { action: string; params: Record<string, unknown>; bytes: number }[] = [];
  page.on("response", async (res) => {
    if (!res.url().endsWith("/admin/api/v1")) return;
    const call = JSON.parse(res.request().postData() ?? "{}") as { action: string; params: Record<string, unknown> };
    calls.push({ ...call, bytes: (await res.body().catch(() => Buffer.alloc(0))).length });
  });
  await page.goto(`${desk.url}/admin/#/collections/articles`);
  return { page, calls };
}

const rows = (page: Page) => page.locator("#desk-list tbody a");
const count = (page: Page) => page.locator("#desk-list .desk-list-count");

describe("the desk's list a page at a time", () => {
  it("shows the newest 50 with the total, and gives Decap's hidden list no rows", async () => {
    const { page, calls } = await open();
    await expect.poll(() => count(page).textContent(), { timeout: 60_000 }).toBe("第 1–50 篇,共 136 篇");
    expect(await rows(page).count()).toBe(50);
    expect(await rows(page).nth(0).textContent()).toBe(
      "第九十九届佛山陶瓷博览会开幕 · 协会动态 · 2099-09-01 09:00 · 定时发布(2099-09-01 09:00)",
    );
    expect(await rows(page).nth(1).textContent()).toBe(
      "第00000号 行业简讯 · 行业前瞻 · 2026-12-06 15:00 · 定时发布(2026-12-06 15:00)",
    );
    expect(await page.locator("#nc-root").isHidden()).toBe(true);
    await expect.poll(() => calls.some((c) => c.action === "entriesByFolder"), { timeout: 30_000 }).toBe(true);
    for (const c of calls.filter((c) => c.action === "entriesByFolder"))
      expect([c.params.size, c.bytes]).toEqual([0, 2]);
    const first = calls.find((c) => c.action === "entriesPage")!;
    expect(first.params).toMatchObject({ cursor: 0, size: 50, query: "", state: "", sort: "newest" });
    await page.close();
  }, 120_000);

  it("goes to the next page and back", async () => {
    const { page } = await open();
    await expect.poll(() => count(page).textContent(), { timeout: 60_000 }).toBe("第 1–50 篇,共 136 篇");
    await page.getByRole("button", { name: "下一页" }).click();
    await expect.poll(() => count(page).textContent(), { timeout: 30_000 }).toBe("第 51–100 篇,共 136 篇");
    expect((await rows(page).nth(0).textContent())?.startsWith("第00049号 行业简讯")).toBe(true);
    await page.getByRole("button", { name: "下一页" }).click();
    await expect.poll(() => count(page).textContent(), { timeout: 30_000 }).toBe("第 101–136 篇,共 136 篇");
    expect(await page.getByRole("button", { name: "下一页" }).isDisabled()).toBe(true);
    await page.getByRole("button", { name: "上一页" }).click();
    await expect.poll(() => count(page).textContent(), { timeout: 30_000 }).toBe("第 51–100 篇,共 136 篇");
    await page.close();
  }, 120_000);

  it("searches by title and filters by state on the server", async () => {
    const { page } = await open();
    await expect.poll(() => count(page).textContent(), { timeout: 60_000 }).toBe("第 1–50 篇,共 136 篇");
    await page.getByRole("searchbox", { name: "按标题搜索" }).fill("第00014号");
    await expect.poll(() => count(page).textContent(), { timeout: 30_000 }).toBe("第 1–1 篇,共 1 篇");
    expect(await rows(page).allTextContents()).toEqual(["第00014号 行业简讯 · 行业前瞻 · 2026-12-06 01:00 · 已发布"]);
    await page.getByRole("searchbox", { name: "按标题搜索" }).fill("");
    await page.getByRole("combobox", { name: "状态" }).selectOption("草稿");
    // 3, 13, …, 123 and the fixture's annual report.
    await expect.poll(() => count(page).textContent(), { timeout: 30_000 }).toBe("第 1–14 篇,共 14 篇");
    expect((await rows(page).allTextContents()).every((t) => t.endsWith(" · 草稿"))).toBe(true);
    await page.close();
  }, 120_000);

  it("opens an article in Decap's editor and comes back to the list", async () => {
    const { page } = await open();
    await expect.poll(() => count(page).textContent(), { timeout: 60_000 }).toBe("第 1–50 篇,共 136 篇");
    await rows(page).nth(1).click();
    await expect
      .poll(
        () =>
          page
            .locator('[id^="title-field-"]')
            .first()
            .inputValue()
            .catch(() => ""),
        { timeout: 60_000 },
      )
      .toBe("第00000号 行业简讯");
    expect(await page.locator("#desk-list").count()).toBe(0);
    await page.goBack();
    await expect.poll(() => page.locator("#desk-list").isVisible(), { timeout: 30_000 }).toBe(true);
    await page.close();
  }, 120_000);
});
