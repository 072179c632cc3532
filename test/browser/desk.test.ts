/**
 * The editor's desk in a real browser (Debian's Chromium through playwright-core): the desk
 * server (scripts/desk/server.ts) in front of `wrangler dev` on a copy of the fixture site, as
 * `npm run dev` runs them. An editor lists, creates (with a picture and a tag), edits and
 * mistypes; the files on disk and the served pages are what is checked.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { eventually, field, openDesk, save, useDesk } from "./desk-session.ts";
import { FIXTURE_SITE } from "../support/project.ts";

const session = useDesk();
const open = (hash: string) => openDesk(session, hash);

const frontMatter = (text: string) => parse(text.split("\n---\n")[0]!.replace(/^---\n/, "")) as Record<string, unknown>;

describe("the editor's desk at /admin/", () => {
  it("lists the site's articles with section, date as known and state, with no login", async () => {
    const page = await open("/collections/articles");
    const rows = page.locator('a[href*="/collections/articles/entries/"]');
    // Six fixture articles (other tests may add one): each listed as an editor reads it.
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(6);
    const texts = await rows.allTextContents();
    expect(texts).toContain("协会召开第五届会员大会 · 协会动态 · 2026-03-18 09:30 · 已发布");
    expect(texts).toContain("会员企业年度报告(草稿) · 会员企业 · 2026-02-01 · 草稿");
    expect(texts).toContain("第九十九届佛山陶瓷博览会开幕 · 协会动态 · 2099-09-01 09:00 · 定时发布(2099-09-01 09:00)");
    expect(texts.some((t) => t.includes("日期不详(不早于 2018-06-20)"))).toBe(true);
    await page.close();
  }, 60_000);

  it("creates an article with a picture and a tag: the documented file on disk, served at its URL", async () => {
    const page = await open("/collections/articles/new");
    await field(page, "title").fill("协会举办陶瓷设计培训班");
    await field(page, "category").click();
    await page.getByText("行业前瞻", { exact: true }).click();
    await field(page, "date").fill("2026-11-20 14:30");
    await field(page, "tags").fill("培训");
    await field(page, "tags").press("Enter");
    // The cover picture, uploaded through the media library into content/media/.
    await page.getByRole("button", { name: "选择图片" }).first().click();
    await page.locator('input[type="file"]').setInputFiles({
      name: "peixun.png",
      mimeType: "image/png",
      buffer: await readFile(join(FIXTURE_SITE, "content/media/huiyi.png")),
    });
    await page.getByRole("button", { name: "选用已选中项目" }).click();
    await page.locator('[data-slate-editor="true"]').click();
    await page.keyboard.type("培训班在禅城开班。");
    await save(page);

    const file = join(session.root, "content/articles/xie-hui-ju-ban-tao-ci-she-ji-pei-xun-ban.md");
    const text = await eventually(
      () => readFile(file, "utf8"),
      () => true,
      30_000,
    );
    const fm = frontMatter(text);
    expect(fm).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      title: "协会举办陶瓷设计培训班",
      category: "行业前瞻",
      date: "2026-11-20T14:30",
      tags: ["培训"],
      image: "peixun.png",
    });
    expect(text.endsWith("\n---\n\n培训班在禅城开班。\n")).toBe(true);
    expect(await readFile(join(session.root, "content/media/peixun.png"))).toEqual(
      await readFile(join(FIXTURE_SITE, "content/media/huiyi.png")),
    );
    const ledger = JSON.parse(await readFile(join(session.root, "content/id-ledger.json"), "utf8")) as Record<
      string,
      unknown
    >;
    expect(ledger[fm.id as string]).toEqual({
      slug: "xie-hui-ju-ban-tao-ci-she-ji-pei-xun-ban",
      title: "协会举办陶瓷设计培训班",
    });
    // wrangler dev rebuilds on the save; the page is then served at its URL.
    const html = await eventually(
      () =>
        fetch(`${session.worker.url}/articles/xie-hui-ju-ban-tao-ci-she-ji-pei-xun-ban`).then((r) =>
          r.ok ? r.text() : "",
        ),
      (body) => body.includes("协会举办陶瓷设计培训班"),
    );
    expect(html).toContain("培训班在禅城开班。");
    await page.close();
  }, 150_000);

  it("edits an article's title and keeps its id", async () => {
    const path = join(session.root, "content/articles/tile-exports-2025.md");
    const before = frontMatter(await readFile(path, "utf8"));
    const page = await open("/collections/articles/entries/tile-exports-2025");
    await expect.poll(() => field(page, "title").inputValue(), { timeout: 30_000 }).toBe(before.title);
    await field(page, "title").fill("2025年佛山陶瓷出口形势分析(修订)");
    await save(page);
    const after = await eventually(
      async () => frontMatter(await readFile(path, "utf8")),
      (fm) => fm.title === "2025年佛山陶瓷出口形势分析(修订)",
      30_000,
    );
    expect(after).toEqual({ ...before, title: "2025年佛山陶瓷出口形势分析(修订)" });
    await page.close();
  }, 90_000);

  it("shows what is known of an unknown date in its own fields, and saves a changed note beside the rest", async () => {
    const path = join(session.root, "content/articles/chancheng-2018-reform-four-towns.md");
    const before = frontMatter(await readFile(path, "utf8"));
    const page = await open("/collections/articles/entries/chancheng-2018-reform-four-towns");
    const notBefore = page.getByLabel("不早于", { exact: true });
    const note = page.getByLabel("说明", { exact: true });
    await expect.poll(() => notBefore.inputValue(), { timeout: 30_000 }).toBe("2018-06-20");
    expect(await note.inputValue()).toBe((before.date as { note: string }).note);
    await note.fill("原网页未载明日期,按首次转载推定");
    await save(page);
    const after = await eventually(
      async () => frontMatter(await readFile(path, "utf8")),
      (fm) => (fm.date as { note?: string }).note === "原网页未载明日期,按首次转载推定",
      30_000,
    );
    expect(after.date).toEqual({ notBefore: "2018-06-20", note: "原网页未载明日期,按首次转载推定" });
    await page.close();
  }, 90_000);

  it("shows the check's message at the date field for an invalid date, and writes nothing", async () => {
    const path = join(session.root, "content/articles/school-books-2025.md");
    const before = await readFile(path, "utf8");
    const page = await open("/collections/articles/entries/school-books-2025");
    await expect.poll(() => field(page, "date").inputValue(), { timeout: 30_000 }).toBe("2025-06-01");
    await field(page, "date").fill("2026-02-30 09:00");
    await save(page);
    const problem = page.locator('.desk-problems[data-field="date"]');
    await expect
      .poll(() => problem.textContent(), { timeout: 30_000 })
      .toBe(
        "“发布时间”不是有效的日期提示:按“年-月-日 时:分”填写,例如 2026-03-18 09:30,也可只写日期,例如 2026-03-18;晚于现在即定时发布;原文未载明日期时,勾选“日期不详”,可填“不早于”的日期和说明",
      );
    // Under the date field's own label.
    expect(await problem.evaluate((el) => el.previousElementSibling?.textContent)).toBe("发布时间");
    expect(await readFile(path, "utf8")).toBe(before);
    await page.close();
  }, 90_000);

  it("refuses the later of two tabs' saves of one article, keeping the earlier one", async () => {
    const path = join(session.root, "content/articles/school-books-2025.md");
    const [first, second] = [
      await open("/collections/articles/entries/school-books-2025"),
      await open("/collections/articles/entries/school-books-2025"),
    ];
    for (const page of [first, second])
      await expect.poll(() => field(page, "title").inputValue(), { timeout: 30_000 }).toBe("协会向山区学校捐赠图书");
    await field(first, "title").fill("第一个标签页改的标题");
    await save(first);
    await eventually(
      () => readFile(path, "utf8"),
      (text) => text.includes("title: 第一个标签页改的标题"),
      30_000,
    );
    await field(second, "title").fill("第二个标签页改的标题");
    await save(second);
    await expect
      .poll(() => second.locator("#desk-banner").textContent(), { timeout: 30_000 })
      .toContain("这篇文章在您打开之后已被修改");
    expect(frontMatter(await readFile(path, "utf8")).title).toBe("第一个标签页改的标题");
    await first.close();
    await second.close();
  }, 90_000);

  it("refuses an SVG that runs a script at the cover picture's field on save, and writes nothing", async () => {
    const page = await open("/collections/articles/new");
    await field(page, "title").fill("带脚本的图片");
    await field(page, "category").click();
    await page.getByText("协会动态", { exact: true }).click();
    await page.getByRole("button", { name: "选择图片" }).first().click();
    await page.locator('input[type="file"]').setInputFiles({
      name: "logo.svg",
      mimeType: "image/svg+xml",
      buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    });
    await page.getByRole("button", { name: "选用已选中项目" }).click();
    await page.locator('[data-slate-editor="true"]').click();
    await page.keyboard.type("正文。");
    await save(page);
    const problem = page.locator('.desk-problems[data-field="image"]');
    await expect.poll(() => problem.textContent(), { timeout: 30_000 }).toContain("logo.svg:");
    expect(await problem.textContent()).toContain("这个 SVG 图片含有脚本");
    expect(await readdir(join(session.root, "content/media"))).not.toContain("logo.svg");
    expect(await readdir(join(session.root, "content/articles"))).not.toContain("dai-jiao-ben-de-tu-pian.md");
    await page.close();
  }, 60_000);
});
