/**
 * Hostile pages and answers (issue 25), in Chromium, without a worker: every request is answered
 * by the test (page.route), so each side can lie.
 * - The drop-in embed (/embed.js) on a host page whose markup clobbers document.currentScript, fed
 *   `javascript:` URLs by the API: it still talks to its own origin and never makes such a link.
 * - A feed served with the feeds' CSP (src/http/headers.ts) still gets its stylesheet, and a
 *   script smuggled into it does not run.
 */
import { readFile } from "node:fs/promises";
import type { Browser, Page, Route } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../../scripts/browser/chromium.ts";
import { headersFor } from "../../src/http/headers.ts";

const NEWS = "https://news.test";
const EVIL = "https://evil.test";
const HOST = "https://host.test";

let browser: Browser;
const EMBED_JS = await readFile(new URL("../../src/assets/embed.js", import.meta.url), "utf8");
const FEED_CSS = await readFile(new URL("../../src/assets/feed.css", import.meta.url), "utf8");

beforeAll(async () => {
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

const article = (url: string, title: string) => ({
  url,
  title,
  summary: `${title}的摘要。`,
  published: { known: true, date: "2026-01-05T09:00:00+08:00" },
  category: { name: "协会动态" },
});

/** What each origin's API answers: the real one lies about one URL, the attacker's about all. */
const ANSWERS: Record<string, { list: unknown; one: unknown }> = {
  [NEWS]: {
    list: {
      data: [
        article("javascript:alert(document.domain)", "带脚本链接的文章"),
        article(`${NEWS}/articles/ok`, "正常文章"),
      ],
    },
    one: article("JavaScript:alert(1)", "单篇脚本链接"),
  },
  [EVIL]: {
    list: { data: [article("javascript:alert('evil')", "攻击者的文章")] },
    one: article("javascript:alert('evil')", "攻击者的单篇"),
  },
};

interface HostPage {
  page: Page;
  /** Origins the page asked for API data. */
  apiOrigins: string[];
  dialogs: string[];
}

async function hostPage(body: string): Promise<HostPage> {
  const page = await browser.newPage();
  const apiOrigins: string[] = [];
  const dialogs: string[] = [];
  page.on("dialog", async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  const json = (route: Route, value: unknown) =>
    route.fulfill({
      status: 200,
      headers: { "content-type": "application/json", "access-control-allow-origin": "*" },
      body: JSON.stringify(value),
    });
  await page.route("**/*", async (route) => {
    const url = new URL(route.request().url());
    if (url.origin === HOST) {
      return route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body });
    }
    if (url.pathname === "/embed.js") {
      // CORS: a host page may load it as a module script too.
      return route.fulfill({
        status: 200,
        headers: { "content-type": "text/javascript; charset=utf-8", "access-control-allow-origin": "*" },
        body: EMBED_JS,
      });
    }
    const answers = ANSWERS[url.origin];
    if (answers && url.pathname.startsWith("/api/v1/articles")) {
      apiOrigins.push(url.origin);
      return json(route, url.pathname === "/api/v1/articles" ? answers.list : answers.one);
    }
    return route.fulfill({ status: 404, body: "" });
  });
  await page.goto(`${HOST}/`);
  return { page, apiOrigins, dialogs };
}

/**
 * In the page (as source text: this project's Node types have no DOM): the embeds, found with
 * Document.prototype's own querySelectorAll, which the host page may clobber on `document`.
 */
const EMBEDS = `[...Document.prototype.querySelectorAll.call(document, "ceramics-news")]`;

interface Rendered {
  links: { href: string | null; text: string | null }[];
  plain: (string | null)[];
}

/** Every link and linkless title inside the embeds' shadow roots. */
function rendered(page: Page): Promise<Rendered[]> {
  return page.evaluate(`${EMBEDS}.map((host) => ({
    links: [...host.shadowRoot.querySelectorAll("a")].map((a) => ({ href: a.getAttribute("href"), text: a.textContent })),
    plain: [...host.shadowRoot.querySelectorAll("li > span")].map((s) => s.textContent),
  }))`);
}

/** Until the second embed (one article) shows its article. */
const LOADED = (page: Page) =>
  expect
    .poll(() => page.evaluate<string>(`${EMBEDS}[1]?.shadowRoot?.textContent ?? ""`), { timeout: 10_000 })
    .toContain("单篇");

describe("the embed on a hostile host page", () => {
  it("ignores a clobbered document.currentScript and asks its own origin", async () => {
    const { page, apiOrigins } = await hostPage(`<!doctype html>
<img name="currentScript" src="${EVIL}/embed.js" alt="">
<form name="querySelectorAll"></form>
<script src="${NEWS}/embed.js" async></script>
<ceramics-news limit="2"></ceramics-news>
<ceramics-news article="x"></ceramics-news>`);
    // The clobbering works on the page: document.currentScript is the picture.
    expect(await page.evaluate("document.currentScript.tagName")).toBe("IMG");
    await LOADED(page);
    expect(new Set(apiOrigins)).toEqual(new Set([NEWS]));
    await page.close();
  });

  it("finds its script among the page's when document.currentScript is not its own", async () => {
    // A module script has no currentScript: the embed falls back to the page's /embed.js script.
    const { page, apiOrigins } = await hostPage(`<!doctype html>
<img name="currentScript" src="${EVIL}/embed.js" alt="">
<form name="querySelectorAll"></form>
<script src="${EVIL}/not-the-embed.js"></script>
<script src="${NEWS}/embed.js" type="module"></script>
<ceramics-news limit="2"></ceramics-news>
<ceramics-news article="x"></ceramics-news>`);
    await LOADED(page);
    expect(new Set(apiOrigins)).toEqual(new Set([NEWS]));
    await page.close();
  });

  it("never makes a javascript: link: such a title is shown as plain text", async () => {
    const { page, dialogs } = await hostPage(`<!doctype html>
<img name="currentScript" src="${EVIL}/embed.js" alt="">
<script src="${NEWS}/embed.js" async></script>
<ceramics-news limit="2"></ceramics-news>
<ceramics-news article="x"></ceramics-news>`);
    await LOADED(page);
    const [list, one] = await rendered(page);
    const hrefs = [...list!.links, ...one!.links].map((l) => l.href ?? "");
    for (const href of hrefs) expect(new URL(href).protocol, href).toMatch(/^https?:$/);
    expect(list!.links.map((l) => l.text)).toContain("正常文章");
    expect(list!.links.find((l) => l.text === "正常文章")!.href).toBe(`${NEWS}/articles/ok`);
    expect(list!.plain).toEqual(["带脚本链接的文章"]);
    expect(one!.plain).toEqual(["单篇脚本链接"]);
    expect(one!.links.map((l) => l.text)).not.toContain("阅读全文 →");
    // Clicking the plain titles does nothing.
    for (const span of await page.locator("ceramics-news li > span").all()) await span.click();
    expect(dialogs).toEqual([]);
    await page.close();
  });
});

describe("a feed under the feeds' CSP", () => {
  it("is styled by its same-origin stylesheet, and a script inside it does not run", async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on("console", (m) => m.type() === "error" && violations.push(m.text()));
    const headers = (kind: "feed" | "asset", type: string) => ({
      ...Object.fromEntries(headersFor(kind)),
      "content-type": type,
    });
    await page.route("**/*", (route) => {
      const { pathname } = new URL(route.request().url());
      if (pathname === "/feed.xml")
        return route.fulfill({
          status: 200,
          headers: headers("feed", "application/rss+xml; charset=utf-8"),
          body: `<?xml version="1.0" encoding="utf-8"?>
<?xml-stylesheet type="text/css" href="/assets/feed.css"?>
<rss version="2.0"><channel><title>协会新闻</title><description>订阅</description>
<script xmlns="http://www.w3.org/1999/xhtml">window.ran = true;</script>
<item><title>文章</title><link>${NEWS}/articles/a</link></item></channel></rss>`,
        });
      if (pathname === "/assets/feed.css")
        return route.fulfill({ status: 200, headers: headers("asset", "text/css; charset=utf-8"), body: FEED_CSS });
      return route.fulfill({ status: 404, body: "" });
    });
    const res = await page.goto(`${NEWS}/feed.xml`);
    expect(res!.headers()["content-security-policy"]).toContain("style-src 'self'");
    expect(await page.evaluate(`getComputedStyle(document.querySelector("channel")).display`)).toBe("flex");
    expect(await page.evaluate("window.ran")).toBeUndefined();
    // The one violation is the smuggled script's.
    expect(violations.filter((v) => !/script/i.test(v))).toEqual([]);
    await page.close();
  });
});
