/**
 * The drop-in embed on another origin, in a real browser: Debian's Chromium through
 * playwright-core, the worker under `wrangler dev` on one port, the embedding page on another.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEED_SLUG, serveEmbedPage, type EmbedSite } from "../../scripts/browser/embed-page.ts";
import { launchChromium } from "../../scripts/browser/chromium.ts";
import { startDevServer, type DevServer } from "../../scripts/wrangler/dev-server.ts";
import { fixtureProject, ROOT } from "../support/project.ts";
import { NEWEST_SLUG, NEWEST_TITLE, SEED_TITLE } from "../support/site.ts";

let worker: DevServer;
let other: EmbedSite;
let browser: Browser;
let page: Page;
const apiResponses: { url: string; status: number; allowOrigin: string | null }[] = [];
const consoleErrors: string[] = [];

beforeAll(async () => {
  // The fixture site, built into a copy of the project: never the repository's own content/.
  worker = await startDevServer(await fixtureProject({ build: true }));
  other = await serveEmbedPage(worker.url);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 800, height: 900 }, locale: "zh-CN" });
  page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
  page.on("response", async (r) => {
    if (r.url().includes("/api/v1/")) {
      apiResponses.push({
        url: r.url(),
        status: r.status(),
        allowOrigin: await r.headerValue("access-control-allow-origin"),
      });
    }
  });
  await page.goto(other.url, { waitUntil: "load" });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await other?.stop();
  await worker?.stop();
});

describe("the embed on another origin", () => {
  it("runs on a page whose origin differs from the worker's", () => {
    expect(new URL(other.url).origin).not.toBe(new URL(worker.url).origin);
  });

  it("renders the newest article's title first in the latest-articles list", async () => {
    const list = page.locator("ceramics-news[limit]");
    await expect.poll(() => list.locator("li a").first().textContent(), { timeout: 15_000 }).toBe(NEWEST_TITLE);
    expect(await list.locator("li a").first().getAttribute("href")).toBe(
      `https://www.chancheng-ceramics.example/articles/${NEWEST_SLUG}`,
    );
  });

  it("renders one article with its summary", async () => {
    const one = page.locator(`ceramics-news[article="${SEED_SLUG}"]`);
    await expect.poll(() => one.locator("li a").first().textContent(), { timeout: 15_000 }).toBe(SEED_TITLE);
    expect(await one.locator("p").first().textContent()).toMatch(
      /^在今天下午召开的佛山市禅城区2018年全面深化改革工作会议上/,
    );
  });

  it("renders a search's best matches (query, in Traditional characters) and a tag's articles", async () => {
    const query = page.locator("ceramics-news[query]");
    await expect.poll(() => query.locator("li a").first().textContent(), { timeout: 15_000 }).toBe(SEED_TITLE);
    expect(await query.locator("h2").textContent()).toBe("佛山市禅城区陶瓷行业协会 · 搜索:禪城 改革");
    const tag = page.locator("ceramics-news[tag]");
    await expect.poll(() => tag.locator("li a").first().textContent(), { timeout: 15_000 }).toBe(SEED_TITLE);
    expect(await tag.locator("a.more").getAttribute("href")).toBe(`${worker.url}/tags/${encodeURIComponent("南庄")}`);
  });

  it("read the API cross-origin, allowed by CORS, without console errors", async () => {
    await expect.poll(() => apiResponses.length, { timeout: 15_000 }).toBe(4);
    for (const r of apiResponses) expect(r).toMatchObject({ status: 200, allowOrigin: "*" });
    expect(consoleErrors, consoleErrors.join("\n")).toEqual([]);
  });

  it("cannot read the site's HTML pages cross-origin (CORS only where embedding needs it)", async () => {
    const result = await page.evaluate(async (base) => {
      try {
        await fetch(`${base}/`);
        return "read";
      } catch {
        return "blocked";
      }
    }, worker.url);
    expect(result).toBe("blocked");
  });

  it("takes a screenshot", async () => {
    await mkdir(join(ROOT, "test-results"), { recursive: true });
    const buffer = await page.screenshot({ path: join(ROOT, "test-results/embed.png") });
    expect(buffer.subarray(0, 4).toString("hex")).toBe("89504e47");
  });
});

describe("the site in the browser", () => {
  it("submits the header's search box under the page's CSP and lands on the results", async () => {
    const site = await browser.newPage({ viewport: { width: 800, height: 900 }, locale: "zh-CN" });
    const violations: string[] = [];
    site.on("console", (m) => m.type() === "error" && violations.push(m.text()));
    await site.goto(`${worker.url}/`, { waitUntil: "load" });
    await site.fill("#site-q", "禪城");
    await Promise.all([site.waitForURL(/\/search\?q=/), site.press("#site-q", "Enter")]);
    expect(decodeURIComponent(new URL(site.url()).search)).toBe("?q=禪城");
    expect(await site.locator("#search-title").textContent()).toBe("搜索:禪城");
    expect(await site.locator(".results h2 a").first().textContent()).toBe(SEED_TITLE);
    // The manifest loads too (manifest-src), so the console has nothing to say.
    expect(violations, violations.join("\n")).toEqual([]);
    await site.close();
  });
});
