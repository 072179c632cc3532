/**
 * The deploy's WebSub step (scripts/deploy/websub.ts, run by `npm run deploy` after warm) against two
 * versions of the site served locally, the one before and the one after a new article, and a fake
 * hub on 127.0.0.1: exactly the feeds whose bytes changed are announced, once each; a failing hub
 * is reported, never thrown.
 */
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, symlink, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleWorker } from "../../scripts/wrangler/bundle.ts";
import { localWorker } from "../../scripts/wrangler/local-worker.ts";
import { changedPages, deployIndexing, pageSnapshot, tellEngines } from "../../scripts/deploy/indexing.ts";
import { announce, changedFeeds, feedUrls, snapshot, type Fetch } from "../../scripts/deploy/websub.ts";
import { FIXTURE_SITE, ROOT } from "../support/project.ts";

const ORIGIN = "https://www.chancheng-ceramics.example";
const NEW_ARTICLE = `---
id: 6b1f0c2e-2d1a-4a8e-9d57-3c1b2a4e5f60
title: 岩板新品发布
category: 行业前瞻
date: 2026-01-05T09:00
tags: [岩板]
---

新品发布会在石湾举行。
`;

/** A copy of the project with the fixture site's content built and its worker served locally. */
async function version(extra: Record<string, string>): Promise<{ mf: Miniflare; get: Fetch }> {
  const dir = await mkdtemp(join(tmpdir(), "websub-"));
  for (const entry of ["src", "scripts", "package.json", "tsconfig.json", "tsconfig.node.json"]) {
    await cp(join(ROOT, entry), join(dir, entry), { recursive: true, filter: (p) => !p.includes("src/generated") });
  }
  await cp(join(FIXTURE_SITE, "content"), join(dir, "content"), { recursive: true });
  const toml = (await readFile(join(ROOT, "wrangler.toml"), "utf8")).replace(
    /^\[build\]\n(?:(?:command|watch_dir) = .*\n)*/m,
    "",
  );
  await writeFile(join(dir, "wrangler.toml"), toml);
  await symlink(join(ROOT, "node_modules"), join(dir, "node_modules"));
  await mkdir(join(dir, "content/media"), { recursive: true });
  for (const [path, text] of Object.entries(extra)) await writeFile(join(dir, "content", path), text);
  await promisify(execFile)(process.execPath, [
    "--experimental-strip-types",
    join(dir, "scripts/build-content.ts"),
    "--root",
    dir,
  ]);
  const mf = localWorker(await bundleWorker(dir), { withoutKv: true });
  const local = (await mf.ready).toString().replace(/\/$/, "");
  return { mf, get: (url, init) => fetch(url.replace(ORIGIN, local), init) };
}

let before: Awaited<ReturnType<typeof version>>;
let after: Awaited<ReturnType<typeof version>>;
const hub = { topics: [] as string[], status: 204, url: "" };
const server = createServer((req, res) => {
  let body = "";
  req.on("data", (chunk) => (body += chunk));
  req.on("end", () => {
    const form = new URLSearchParams(body);
    if (req.method === "POST" && form.get("hub.mode") === "publish") hub.topics.push(form.get("hub.url")!);
    res.writeHead(hub.status).end();
  });
});

beforeAll(async () => {
  [before, after] = await Promise.all([version({}), version({ "articles/new-slab.md": NEW_ARTICLE })]);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  hub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}, 120_000);

afterAll(async () => {
  await Promise.all([before?.mf.dispose(), after?.mf.dispose()]);
  server.close();
});

describe("the deploy's WebSub step", () => {
  it("announces exactly the feeds whose bytes changed", async () => {
    const old = await snapshot(await feedUrls(ORIGIN, before.get), before.get);
    const now = await snapshot([...new Set([...old.keys(), ...(await feedUrls(ORIGIN, after.get))])], after.get);
    const changed = changedFeeds(old, now);
    const feeds = (base: string) => ["feed.xml", "atom.xml", "feed.json"].map((f) => `${ORIGIN}${base}/${f}`);
    // The site's feeds and the new article's category gain an item; its tag's feeds are new. The
    // seed's section and tags are untouched (and the empty sections' dates stay the seed's).
    expect(changed.sort()).toEqual(
      [...feeds(""), ...feeds("/categories/outlook"), ...feeds(`/tags/${encodeURIComponent("岩板")}`)].sort(),
    );
    hub.topics = [];
    const { pinged, failed } = await announce(
      hub.url,
      changed,
      (url, init) => fetch(url, init),
      () => {},
    );
    expect(failed).toEqual([]);
    expect(pinged).toEqual(changed);
    expect(hub.topics).toEqual(changed);
  });

  it("announces nothing when a deploy changed no feed", async () => {
    const urls = await feedUrls(ORIGIN, before.get);
    expect(urls.length).toBeGreaterThan(3);
    expect(changedFeeds(await snapshot(urls, before.get), await snapshot(urls, before.get))).toEqual([]);
  });

  it("reports a hub that refuses or is down, without throwing", async () => {
    hub.status = 503;
    const lines: string[] = [];
    const refused = await announce(
      hub.url,
      [`${ORIGIN}/feed.xml`],
      (url, init) => fetch(url, init),
      (l) => lines.push(l),
    );
    expect(refused).toEqual({ pinged: [], failed: [`${ORIGIN}/feed.xml`] });
    expect(lines[0]).toContain("hub answered 503");
    hub.status = 204;
    const down = await announce(
      "http://127.0.0.1:9/",
      [`${ORIGIN}/feed.xml`],
      (url, init) => fetch(url, init),
      () => {},
    );
    expect(down.failed).toEqual([`${ORIGIN}/feed.xml`]);
  });
});

describe("the deploy's search-engine step", () => {
  it("finds the pages a deploy changed: the new article, and the list pages whose bytes changed", async () => {
    const old = await pageSnapshot(ORIGIN, before.get);
    const now = await pageSnapshot(ORIGIN, after.get);
    expect(old.size).toBeGreaterThan(10);
    const tag = encodeURIComponent("岩板");
    // The new article (行业前瞻, 2026-01-05, tagged 岩板): its page, the latest articles, its
    // section, its new tag page and the tag index, its archive year and new month, the archive
    // index, the feeds page (which lists tags). Nothing else.
    expect(changedPages(old, now).sort()).toEqual(
      [
        "/articles/new-slab",
        "/",
        "/categories/outlook",
        "/tags",
        `/tags/${tag}`,
        "/archive",
        "/archive/2026",
        "/archive/2026/01",
        "/feeds",
      ]
        .map((p) => `${ORIGIN}${p}`)
        .sort(),
    );
    expect(changedPages(old, old)).toEqual([]);
  });

  it("tells no engine when none is configured", async () => {
    const sent: string[] = [];
    const lines: string[] = [];
    await tellEngines(
      ORIGIN,
      [`${ORIGIN}/articles/new-slab`],
      deployIndexing({}),
      async (url) => {
        sent.push(url);
        return new Response(null, { status: 202 });
      },
      (l) => lines.push(l),
    );
    expect([sent, lines]).toEqual([[], []]);
  });

  it("tells a configured engine of them once, and logs its refusal without throwing", async () => {
    const sent: string[] = [];
    const lines: string[] = [];
    const post: Fetch = async (url, init) => {
      sent.push(`${url} ${String(init?.body)}`);
      return new Response(null, { status: 429 });
    };
    await tellEngines(ORIGIN, [`${ORIGIN}/articles/new-slab`], { indexNowKey: "abcdefgh12345678" }, post, (l) =>
      lines.push(l),
    );
    expect(sent).toHaveLength(1);
    expect(sent[0]).toContain('"urlList":["https://www.chancheng-ceramics.example/articles/new-slab"]');
    expect(lines).toEqual(["indexing: IndexNow took 0 of 1 URLs", "indexnow: HTTP 429 (too many requests)"]);
  });
});
