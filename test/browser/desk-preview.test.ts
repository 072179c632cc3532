/**
 * Saving and publishing at the editor's desk, in Chromium (playwright-core), on a copy of the
 * fixture site behind `wrangler dev` as `npm run dev` runs it: the preview follows each save (an
 * existing article and a new one), a draft is marked as not public, a save says 已保存(本机), a
 * deleted article comes back from the trash with its ledger line, and the 部署 panel runs the
 * deploy's steps with a stand-in wrangler (named by WRANGLER, as the scripts take it) that answers
 * whoami and the upload itself and hands everything else (dry runs, startup profile) to the real one.
 */
import { chmod, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/project.ts";
import { field, openDesk, save, useDesk } from "./desk-session.ts";

let fakeLog: string;
let loggedIn: string;

const STAGING = "https://staging.news-fixture.cn";

/** A wrangler that logs in and uploads nowhere: the rest is the real one's. */
const fakeWrangler = (real: string) => `#!${process.execPath}
import { appendFileSync, existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
const args = process.argv.slice(2);
appendFileSync(process.env.FAKE_WRANGLER_LOG, args.join(" ") + "\\n");
if (args[0] === "whoami") {
  console.log(existsSync(process.env.FAKE_WRANGLER_LOGIN)
    ? "You are logged in with an OAuth Token, associated with the email editor@news-fixture.cn."
    : "You are not authenticated. Please run \`wrangler login\`.");
} else if (args[0] === "deploy" && !args.includes("--dry-run")) {
  console.log("Uploaded chancheng-ceramics-news-staging (1.00 sec)\\nDeployed chancheng-ceramics-news-staging triggers");
} else if (args[0] === "kv" && args[1] === "bulk") {
  console.log("Success!");
} else {
  process.exit(spawnSync(process.execPath, [${JSON.stringify(real)}, ...args], { stdio: "inherit" }).status ?? 1);
}
`;

const session = useDesk(async (root) => {
  // A staging environment ready to deploy (a real-looking origin and KV id).
  const toml = await readFile(join(root, "wrangler.toml"), "utf8");
  await writeFile(
    join(root, "wrangler.toml"),
    toml
      .replace("https://staging.chancheng-ceramics.example", STAGING)
      .replace('id = "00000000000000000000000000000001"', 'id = "5f1c0a9e8b7d4c3a2f1e0d9c8b7a6f51"'),
  );
  const wrangler = join(root, "fake-wrangler.mjs");
  await writeFile(wrangler, fakeWrangler(join(ROOT, "node_modules/wrangler/bin/wrangler.js")));
  await chmod(wrangler, 0o755);
  fakeLog = join(root, "fake-wrangler.log");
  loggedIn = join(root, "fake-wrangler-login");
  return {
    deployEnv: { ...process.env, WRANGLER: wrangler, FAKE_WRANGLER_LOG: fakeLog, FAKE_WRANGLER_LOGIN: loggedIn },
  };
});
const open = (hash: string) => openDesk(session, hash);

/** The page in the preview pane (Decap's preview frame, then the desk's frame of the site). */
const previewPage = (page: Page) =>
  page.frameLocator("iframe#preview-pane").frameLocator('iframe[title="本机网站上的页面"]');

describe("saving and previewing at the desk", () => {
  it("shows the saved text in the preview after a save, once the site serves it", async () => {
    const page = await open("/collections/articles/entries/tile-exports-2025");
    await expect.poll(() => field(page, "title").inputValue(), { timeout: 30_000 }).toBe("2025年佛山陶瓷出口形势分析");
    await expect
      .poll(() => previewPage(page).locator("h1").textContent(), { timeout: 30_000 })
      .toContain("2025年佛山陶瓷出口形势分析");
    await field(page, "title").fill("2025年佛山陶瓷出口形势再分析");
    await save(page);
    // Said plainly: saved on this computer.
    await expect.poll(() => page.getByText("已保存(本机)").first().isVisible(), { timeout: 30_000 }).toBe(true);
    await expect
      .poll(() => previewPage(page).locator("h1").textContent(), { timeout: 60_000 })
      .toBe("2025年佛山陶瓷出口形势再分析");
    await page.close();
  }, 120_000);

  it("shows a new article in the preview after its first save, not 页面不存在", async () => {
    const page = await open("/collections/articles/new");
    await field(page, "title").fill("协会走访会员企业");
    await field(page, "category").click();
    await page.getByText("协会动态", { exact: true }).click();
    await field(page, "date").fill("2026-01-10 10:00");
    await page.locator('[data-slate-editor="true"]').click();
    await page.keyboard.type("走访了五家会员企业。");
    await save(page);
    const frame = previewPage(page);
    await expect.poll(() => frame.locator("h1").textContent(), { timeout: 60_000 }).toBe("协会走访会员企业");
    expect(await frame.locator("body").textContent()).toContain("走访了五家会员企业。");
    await page.close();
  }, 120_000);

  it("marks a draft in the preview as not public, with a banner the deployed site never has", async () => {
    const page = await open("/collections/articles/entries/annual-report-draft");
    const banner = previewPage(page).locator(".preview-banner");
    await expect
      .poll(() => banner.textContent(), { timeout: 30_000 })
      .toBe("草稿:读者看不到这篇文章。取消“草稿”并部署之后才会公开。");
    await page.close();
  }, 60_000);
});

describe("deleting and restoring at the desk", () => {
  it("restores a deleted article and its id ledger line from the 部署 panel", async () => {
    const path = join(session.root, "content/articles/school-books-2025.md");
    const text = await readFile(path, "utf8");
    const ledgerBefore = await readFile(join(session.root, "content/id-ledger.json"), "utf8");
    const page = await open("/collections/articles/entries/school-books-2025");
    await expect.poll(() => field(page, "title").inputValue(), { timeout: 30_000 }).toBe("协会向山区学校捐赠图书");
    await page.getByRole("button", { name: "删除文章", exact: true }).click();
    await expect.poll(() => readFile(path, "utf8").catch(() => "gone"), { timeout: 30_000 }).toBe("gone");
    expect(await readFile(join(session.root, "content/id-ledger.json"), "utf8")).not.toBe(ledgerBefore);
    await expect
      .poll(() => page.locator("#desk-undo").textContent(), { timeout: 30_000 })
      .toContain("已删除《协会向山区学校捐赠图书》(本机)。");

    await page.locator("#desk-deploy-open").click();
    const row = page.locator("#desk-deploy .trash li", { hasText: "协会向山区学校捐赠图书" });
    await row.getByRole("button", { name: "恢复" }).click();
    await expect.poll(() => readFile(path, "utf8").catch(() => "gone"), { timeout: 30_000 }).toBe(text);
    await expect
      .poll(() => readFile(join(session.root, "content/id-ledger.json"), "utf8"), { timeout: 10_000 })
      .toBe(ledgerBefore);
    // Back in the list after the desk reloads.
    await expect.poll(() => page.locator('a[href*="/entries/school-books-2025"]').count(), { timeout: 30_000 }).toBe(1);
    await page.close();
  }, 90_000);
});

describe("the 部署 panel", () => {
  it("says in Chinese how to log in when wrangler has no login, and runs nothing", async () => {
    await rm(loggedIn, { force: true });
    await writeFile(fakeLog, "");
    const page = await open("/collections/articles");
    await page.locator("#desk-deploy-open").click();
    await page.getByRole("button", { name: "部署到试运行网站" }).click();
    const result = page.locator("#desk-deploy .result");
    await expect
      .poll(() => result.textContent(), { timeout: 30_000 })
      .toContain("这台电脑还没有登录 Cloudflare,不能部署。");
    expect(await result.textContent()).toContain("npx wrangler login");
    expect((await readFile(fakeLog, "utf8")).trim()).toBe("whoami");
    await page.close();
  }, 60_000);

  it("deploys to staging: every step done, the live address, nothing left undeployed", async () => {
    await writeFile(loggedIn, "yes");
    await writeFile(fakeLog, "");
    const page = await open("/collections/articles");
    await page.locator("#desk-deploy-open").click();
    const staging = page.locator("#desk-deploy section.env", { hasText: "试运行网站(staging)" });
    // Never deployed from here: every article is listed as not yet deployed.
    await expect.poll(() => staging.textContent(), { timeout: 30_000 }).toContain("新文章:协会召开第五届会员大会");
    await page.getByRole("button", { name: "部署到试运行网站" }).click();
    await expect
      .poll(
        () => page.locator("#desk-deploy .steps li").evaluateAll((l) => l.map((e) => e.getAttribute("data-state"))),
        {
          timeout: 30_000,
        },
      )
      .toContain("running");
    const result = page.locator("#desk-deploy .result");
    await expect.poll(() => result.getAttribute("data-state"), { timeout: 400_000, interval: 2000 }).toBe("done");
    expect(await result.textContent()).toBe(
      `已部署到试运行网站(staging):读者现在看到的是这次保存的内容。网址:${STAGING}/`,
    );
    expect(
      await page.locator("#desk-deploy .steps li").evaluateAll((l) => l.map((e) => e.getAttribute("data-state"))),
    ).toEqual(["done", "done", "done", "done"]);
    expect(await staging.textContent()).toContain("已保存的内容都已部署");
    const calls = (await readFile(fakeLog, "utf8")).trim().split("\n");
    expect(calls[0]).toBe("whoami");
    expect(calls).toContain("deploy --env staging");
    expect(calls.some((c) => c.startsWith("kv bulk put ") && c.includes("--env staging --remote"))).toBe(true);
    await page.close();
  }, 480_000);
});
