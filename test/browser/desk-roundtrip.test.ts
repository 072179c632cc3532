/**
 * The desk's round trip and pictures as an editor meets them (issue 33, parts 1 and 4), in
 * Chromium through playwright-core: the desk server in front of `wrangler dev` on a copy of the
 * fixture site, as `npm run dev` runs them. What is checked is the file on disk and the page served.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { eventually, field, openDesk, save, useDesk } from "./desk-session.ts";
import sharp from "sharp";
import { parse } from "yaml";

const session = useDesk();
const open = (hash: string) => openDesk(session, hash);
const articleFile = (slug: string) => join(session.root, "content/articles", `${slug}.md`);

/** 保存 → 保存到本机: Decap's save in the desk's words (publish.js); resolves once the desk answered. */
async function publish(page: Page) {
  const saved = page.waitForResponse(
    (r) => r.url().endsWith("/admin/api/v1") && (r.request().postData() ?? "").includes('"persistEntry"'),
    { timeout: 60_000 },
  );
  await save(page);
  return saved;
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

describe("pictures at the desk", () => {
  it("uploads a cover named 会场照片.jpg: stored as hui-chang-zhao-pian.jpg, described 会场照片, shown at the top of the page", async () => {
    const photo = await sharp({ create: { width: 1200, height: 800, channels: 3, background: "#a0522d" } })
      .jpeg()
      .toBuffer();
    const page = await open("/collections/articles/new");
    await field(page, "title").fill("会场照片测试");
    await field(page, "category").click();
    await page.getByText("协会动态", { exact: true }).click();
    await field(page, "date").fill("2026-11-20 14:30");
    // 封面图片's picture: the first 选择图片 of the form.
    await page.getByRole("button", { name: "选择图片" }).first().click();
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: "会场照片.jpg", mimeType: "image/jpeg", buffer: photo });
    await page.getByRole("button", { name: "选用已选中项目" }).click();
    // The desk shows the picture it will save (Decap's preview of the chosen file).
    const shown = page.locator('[id^="image-field-"] img, [id^="file-field-"] img').first();
    await expect
      .poll(() => shown.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth), {
        timeout: 30_000,
      })
      .toBe(1200);
    await page.locator('[data-slate-editor="true"]').click();
    await page.keyboard.type("会议在禅城召开。");
    const answer = await publish(page);
    expect(answer.status(), await answer.text()).toBe(200);

    const text = await readFile(articleFile("hui-chang-zhao-pian-ce-shi"), "utf8");
    const fm = parse(text.split("\n---\n")[0]!.replace(/^---\n/, "")) as Record<string, unknown>;
    expect(fm.image).toEqual({ file: "hui-chang-zhao-pian.jpg", alt: "会场照片" });
    expect(await readdir(join(session.root, "content/media"))).toContain("hui-chang-zhao-pian.jpg");
    expect(await readFile(join(session.root, "content/media/hui-chang-zhao-pian.jpg"))).toEqual(photo);

    // wrangler dev rebuilds on the save; the reader's page shows the cover above the body.
    await eventually(
      () => fetch(`${session.worker.url}/articles/hui-chang-zhao-pian-ce-shi`).then((r) => (r.ok ? r.text() : "")),
      (body) => body.includes("会议在禅城召开。"),
    );
    const reader = await session.browser.newPage({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
    await reader.goto(`${session.worker.url}/articles/hui-chang-zhao-pian-ce-shi`);
    const cover = reader.locator("article figure.cover img");
    expect(await cover.getAttribute("alt")).toBe("会场照片");
    await expect
      .poll(() => cover.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth))
      .toBeGreaterThan(0);
    const box = await cover.boundingBox();
    const body = await reader.locator("article .body").boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(body!.y);
    // And as the thumbnail beside it on the home page.
    await reader.goto(`${session.worker.url}/`);
    const thumb = reader.locator('li:has(a[href="/articles/hui-chang-zhao-pian-ce-shi"]) img.thumb');
    await expect
      .poll(() => thumb.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth))
      .toBe(480);
    await reader.close();
    await page.close();
  }, 120_000);
});
