/**
 * The desk in an editor's words, in a real browser (Debian's Chromium through playwright-core, as
 * test/browser/desk-session.ts starts it): a refused save says why in Chinese at the field to
 * change, with no API_ERROR and no English; Decap's own wording speaks of articles, not
 * collections; the list comes newest first.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { field, openDesk, save, useDesk } from "./desk-session.ts";

const session = useDesk();
const open = (hash: string) => openDesk(session, hash);

/** What an editor must never read after a refused save: Decap's error name, or English. */
async function expectNoMachineWords(page: Page) {
  const text = await page.locator("body").innerText();
  expect(text).not.toContain("API_ERROR");
  expect(text).not.toMatch(/\b(?:is not|Required|must be|hint)\b/);
}

describe("a refused save, in Chinese at its field", () => {
  it("an invalid date: the message at 发布时间, nothing written", async () => {
    const path = join(session.root, "content/articles/school-books-2025.md");
    const before = await readFile(path, "utf8");
    const page = await open("/collections/articles/entries/school-books-2025");
    await expect.poll(() => field(page, "date").inputValue(), { timeout: 30_000 }).toBe("2025-06-01");
    await field(page, "date").fill("2026-02-30 09:00");
    await save(page);
    const problem = page.locator('.desk-problems[data-field="date"] li');
    await expect
      .poll(() => problem.first().textContent(), { timeout: 30_000 })
      .toMatch(/^“发布时间”不是有效的日期提示:/);
    expect(
      await page.locator('.desk-problems[data-field="date"]').evaluate((el) => el.previousElementSibling?.textContent),
    ).toBe("发布时间");
    // Decap's toast says where the reasons are, not the backend's error.
    await expect
      .poll(() => page.getByText("未保存:原因和改法写在相应的项下方,以及页面底部。").count(), { timeout: 10_000 })
      .toBe(1);
    await expectNoMachineWords(page);
    expect(await readFile(path, "utf8")).toBe(before);
    await page.close();
  }, 90_000);

  it("a title of only spaces: 请填写“标题” at 标题, not an API_ERROR naming a file", async () => {
    const before = await readdir(join(session.root, "content/articles"));
    const page = await open("/collections/articles/new");
    await field(page, "title").fill("   ");
    await field(page, "category").click();
    await page.getByText("协会动态", { exact: true }).click();
    await page.locator('[data-slate-editor="true"]').click();
    await page.keyboard.type("正文。");
    await save(page);
    const problem = page.locator('.desk-problems[data-field="title"]');
    await expect
      .poll(() => problem.textContent(), { timeout: 30_000 })
      .toBe("请填写“标题”提示:在“标题”中填写,例如 协会召开第五届会员大会");
    expect(await problem.evaluate((el) => el.previousElementSibling?.textContent)).toBe("标题");
    await expectNoMachineWords(page);
    expect(await page.locator("body").innerText()).not.toContain("content/articles/");
    expect(await readdir(join(session.root, "content/articles"))).toEqual(before);
    await page.close();
  }, 90_000);
});

describe("Decap's wording and the list", () => {
  it("speaks of articles, newest first, without 集合 or npm", async () => {
    const page = await open("/collections/articles");
    const rows = page.locator('a[href*="/collections/articles/entries/"]');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(6);
    const titles = (await rows.allTextContents()).map((t) => t.split(" · ")[2]);
    // Newest first: the scheduled 2099 expo, then 2026, 2025, and the article whose date is not known last.
    expect(titles.slice(0, 2)).toEqual(["2099-09-01 09:00", "2026-03-18 09:30"]);
    expect(titles.at(-1)).toBe("日期不详(不早于 2018-06-20)");
    const text = await page.locator("body").innerText();
    expect(text).not.toContain("集合");
    expect(text).not.toContain("npm");
    expect(text).toContain("写新文章");
    await rows.first().click();
    await expect.poll(() => page.getByText("返回文章列表").count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await page.locator("body").innerText()).not.toContain("集合");
    await page.close();
  }, 90_000);
});
