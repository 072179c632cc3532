/**
 * The editor's desk as `npm run dev` runs it, for the Chromium tests: a built copy of the fixture
 * site, `wrangler dev` with the preview build and the worker's preview mode, the desk server in
 * front of it (scripts/desk/server.ts), and Debian's Chromium through playwright-core. A test file
 * calls `useDesk()` once at its top: the session is filled before its first test and closed after
 * its last.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchChromium } from "../../scripts/browser/chromium.ts";
import { startDevServer, type DevServer } from "../../scripts/wrangler/dev-server.ts";
import { startDeskServer, type DeskServer, type DeskServerOptions } from "../../scripts/desk/server.ts";
import { fixtureProject } from "../support/project.ts";

export interface DeskSession {
  root: string;
  worker: DevServer;
  desk: DeskServer;
  browser: Browser;
}

/**
 * Starts the desk for this test file. `prepare` may change the project copy before anything
 * starts, and returns further desk server options (a stand-in wrangler for the deploy panel).
 */
export function useDesk(prepare?: (root: string) => Promise<Partial<DeskServerOptions>>): DeskSession {
  const session = {} as DeskSession;
  beforeAll(async () => {
    session.root = await fixtureProject({ build: true });
    const options = (await prepare?.(session.root)) ?? {};
    // As `npm run dev`: the preview build (drafts included) and the worker's preview mode.
    process.env.CONTENT_PREVIEW = "true";
    session.worker = await startDevServer(session.root, ["--var", "PREVIEW:true"]);
    session.desk = await startDeskServer({ ...options, root: session.root, upstream: session.worker.url });
    session.browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await session.browser?.close();
    await session.desk?.close();
    await session.worker?.stop();
  });
  return session;
}

/** A fresh tab on the desk at `hash` (each test its own: no unsaved state carries over). */
export async function openDesk(session: DeskSession, hash: string): Promise<Page> {
  const page = await session.browser.newPage({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
  page.on("dialog", (d) => void d.accept());
  await page.goto(`${session.desk.url}/admin/#${hash}`);
  return page;
}

/** A field of Decap's form by its name (`title`, `date`, …). */
export const field = (page: Page, name: string) => page.locator(`[id^="${name}-field-"]`).first();

/** 保存 → 保存到本机: Decap's save in the simple publishing mode, in the desk's words (publish.js). */
export async function save(page: Page): Promise<void> {
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await page.getByText("保存到本机", { exact: true }).click();
}

/** `get()`'s value once `ok` holds for it, tried every 500 ms for `ms` (a rebuild, a write). */
export async function eventually<T>(get: () => Promise<T>, ok: (v: T) => boolean, ms = 60_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await get().catch(() => undefined as T);
    if (value !== undefined && ok(value)) return value;
    if (Date.now() > until) throw new Error(`not within ${ms} ms: ${String(value).slice(0, 200)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
