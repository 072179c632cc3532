/**
 * The safety net of refactors (issue 32): the fixture site (test/fixtures/site, with two old URLs
 * added to one article so alias redirects are crawled) built as `npm run build` builds it, then
 * every file the build writes and every route the worker answers, compared with a committed
 * snapshot (test/scripts/__snapshots__/output.txt). A refactor leaves it as it is; a deliberate
 * change of output updates it in a commit of its own that says why:
 *
 *   npx vitest run test/scripts/output-snapshot.test.ts -u
 *
 * Each route is crawled from the home page and a list of entry points (every surface's error
 * cases among them) and recorded with the headers that matter (status, Location, Content-Type,
 * ETag, Cache-Tag) and its body's SHA-256; each store file with its size and SHA-256.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { readFile, readdir, rm, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureProject } from "../support/project.ts";

const NOW = "2026-12-01T12:00:00+08:00";
const ORIGIN = "https://www.chancheng-ceramics.example";
const INDEXNOW_KEY = "5f2b7c1e9a3d4b6f";
const ALIASED = "content/articles/tile-exports-2025.md";
const ALIASES = ["/news/2025/exports.html", "/?p=123"];
/** When the fixture's scheduled article comes out: the cron's second run announces it. */
const EXPO = "2099-09-01T09:05:00+08:00";
/** More than the fixture site has routes: a crawl that runs away fails instead of hanging. */
const MAX_ROUTES = 1500;

let root: string;

beforeAll(async () => {
  root = await fixtureProject();
  const file = join(root, ALIASED);
  const text = await readFile(file, "utf8");
  const lines = ALIASES.map((a) => `  - ${JSON.stringify(a)}`).join("\n");
  await writeFile(file, text.replace(/\n---\n/, `\naliases:\n${lines}\n---\n`));
  // A WebSub hub, so feeds advertise it and the cron announces to it.
  const settings = join(root, "content/site.yaml");
  // Two articles a page and a feed document, so lists, feeds, pagers and rel=prev/next have pages.
  const yaml = (await readFile(settings, "utf8")).replace("# websub: ", "websub: ");
  await writeFile(settings, yaml.replace(/^pageSize: \d+$/m, "pageSize: 2").replace(/^feedSize: \d+$/m, "feedSize: 2"));
  await promisify(execFile)(
    process.execPath,
    ["--experimental-strip-types", "scripts/build-content.ts", "--now", NOW],
    {
      cwd: root,
      env: { ...process.env, CONTENT_BUILD_THREADS: "1" },
    },
  );
}, 120_000);

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

const sha = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex").slice(0, 20);

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** Every file the build writes: the store and pictures (public/) and the generated modules. */
async function builtFiles(): Promise<string[]> {
  const lines: string[] = [];
  for (const path of [...(await files(join(root, "public"))), ...(await files(join(root, "src/generated")))]) {
    let bytes: Uint8Array | string = await readFile(path);
    // The render version (a hash of src/) and the content version (of the build's code, then the
    // content) change with any edit of the code, by design: they key caches, they are not output.
    if (path.endsWith("generated/content.ts"))
      bytes = bytes
        .toString()
        .replace(/^export const RENDER_VERSION = .*$/m, "export const RENDER_VERSION = …;")
        .replace(/"version":"[0-9a-f]{16}"/, '"version":"…"');
    lines.push(`${relative(root, path)} ${bytes.length} ${sha(bytes)}`);
  }
  return lines;
}

/** A KV namespace in memory (the render cache's second tier and the cron's state). */
function memoryKv() {
  const map = new Map<string, string>();
  return {
    async get(key: string, type?: string) {
      const v = map.get(key);
      return v === undefined ? null : type === "json" ? JSON.parse(v) : v;
    },
    async getWithMetadata(key: string) {
      return { value: map.get(key) ?? null, metadata: null };
    },
    async put(key: string, value: string) {
      map.set(key, value);
    },
    async list() {
      return { keys: [...map.keys()].map((name) => ({ name })), list_complete: true };
    },
  };
}

interface Worker {
  fetch(path: string): Promise<Response>;
  /** Runs the cron at `time`: what it sent to the hub, the search engines and the edge, and its result. */
  scheduled(time: string): Promise<string[]>;
}

/** The app as src/index.ts makes it, over the built store, in Node, at the build's time. */
async function worker(): Promise<Worker> {
  const { createApp } = await import(join(root, "src/app.ts"));
  const { manifest } = await import(join(root, "src/generated/content.ts"));
  const publicFile = async (path: string) => {
    try {
      return new Uint8Array(await readFile(join(root, "public", path)));
    } catch {
      return undefined;
    }
  };
  const sent: string[] = [];
  const recorder = (to: string) => async (input: string | URL | Request, init?: RequestInit) => {
    const req = new Request(input, init);
    sent.push(`${to} ${req.method} ${req.url} ${JSON.stringify(await req.text())}`);
    return new Response(null, { status: 202 });
  };
  const app = createApp({
    manifest,
    hubFetch: recorder("hub"),
    engineFetch: recorder("engine"),
    read: (path: string) => publicFile(`_store/${path}`),
    renderVersion: "snapshot",
    clock: () => Date.parse(NOW),
    log: () => {},
  });
  const env = {
    ASSETS: {
      async fetch(req: Request) {
        const bytes = await publicFile(decodeURIComponent(new URL(req.url).pathname));
        return bytes
          ? new Response(bytes, { headers: { "content-type": "image/png" } })
          : new Response(null, { status: 404 });
      },
    },
    RENDER_CACHE: memoryKv(),
    INDEXNOW_KEY,
    BAIDU_PUSH_SITE: "https://www.chancheng-ceramics.example",
    BAIDU_PUSH_TOKEN: "token",
  };
  const context = (more: object = {}) => {
    const waits: Promise<unknown>[] = [];
    const ctx = { waitUntil: (p: Promise<unknown>) => waits.push(p), passThroughOnException() {}, props: {}, ...more };
    return { ctx, done: () => Promise.all(waits) };
  };
  return {
    async fetch(path) {
      const { ctx, done } = context();
      const res = await app.fetch(new Request(`${ORIGIN}${path}`), env, ctx);
      await done();
      return res;
    },
    async scheduled(time) {
      sent.length = 0;
      const cache = { purge: async ({ tags }: { tags: string[] }) => void sent.push(`edge purge ${tags.join(" ")}`) };
      const { ctx, done } = context({ cache });
      const result = await app.scheduled(Date.parse(time), env, ctx);
      await done();
      // Sorted: the hub, the engines and the edge are called side by side.
      return [`${time} ${JSON.stringify(result)}`, ...sent.sort()];
    },
  };
}

/** Where to start: the surfaces no link reaches, and each surface's refusals. */
function entryPoints(slugs: string[]): string[] {
  const article = (slug: string) => encodeURIComponent(`${ORIGIN}/articles/${slug}`);
  return [
    "/",
    "/feeds",
    "/search",
    "/search?q=%E9%99%B6%E7%93%B7",
    "/search?q=%E9%99%B6%E7%93%B7&page=2",
    "/search?q=%E9%99%B6%E7%93%B7&page=0",
    "/api/v1",
    "/api/v1/site",
    "/api/v1/openapi.json",
    "/api/v1/articles",
    "/api/v1/articles?page=2&limit=2",
    "/api/v1/articles?limit=0",
    "/api/v1/articles?page=x",
    "/api/v1/articles?category=news",
    "/api/v1/articles?tag=%E9%99%B6%E7%93%B7",
    "/api/v1/articles?year=2025",
    "/api/v1/articles?year=99999",
    "/api/v1/articles/no-such-article",
    "/api/v1/tags",
    "/api/v1/categories",
    "/api/v1/search?q=%E9%99%B6%E7%93%B7",
    "/api/v1/search",
    "/api/nothing",
    "/sitemap.xml",
    "/robots.txt",
    "/manifest.webmanifest",
    "/embed.js",
    `/${INDEXNOW_KEY}.txt`,
    "/0123456789abcdef.txt",
    ...slugs.flatMap((s) => [
      `/embed/articles/${s}`,
      `/oembed?url=${article(s)}`,
      `/oembed?url=${article(s)}&format=xml`,
    ]),
    `/oembed?url=${article(slugs[0]!)}&maxwidth=200`,
    `/oembed?url=${article(slugs[0]!)}&maxwidth=abc`,
    "/oembed?url=https%3A%2F%2Fevil.example%2Farticles%2Fx",
    "/oembed",
    "/embed/articles/no-such-article",
    "/articles/no-such-article",
    "/articles/annual-report-draft",
    "/articles/ceramics-expo-2099",
    "/categories/no-such-section",
    "/tags/no-such-tag",
    "/tags/no-such-tag/feed.xml",
    "/page/1",
    "/page/0",
    "/page/x",
    "/page/99",
    "/archive/2025/6",
    "/archive/2025/13",
    "/archive/99999",
    "/feed.xml?page=0",
    "/media/no-such.png",
    "/media/..%2F_store%2Fx",
    "/_store/",
    "//evil.example/a",
    "/articles/member-congress-2026/",
    "/ARTICLES/member-congress-2026",
    ...ALIASES,
  ];
}

/** Same-site paths a body links to: href/src/srcset attributes, and absolute URLs of the origin. */
function linksIn(body: string): string[] {
  const found: string[] = [];
  const text = body.replaceAll("&quot;", '"').replaceAll("&amp;", "&").replaceAll("\\/", "/");
  for (const m of text.matchAll(/(?:href|src|action)="(\/[^"]*)"/g)) found.push(m[1]!);
  for (const m of text.matchAll(/srcset="([^"]*)"/g))
    for (const part of m[1]!.split(",")) found.push(part.trim().split(/\s+/)[0]!);
  for (const m of text.matchAll(new RegExp(`${ORIGIN.replaceAll(".", "\\.")}(/[^\\s"'<>\\\\]*)`, "g")))
    found.push(m[1]!);
  return found.filter((p) => p.startsWith("/") && !p.startsWith("//")).map((p) => p.replace(/#.*$/, ""));
}

const TEXT = /^(text\/|application\/(json|xml|rss|atom|feed|problem|manifest|javascript|xslt|ld|json\+oembed))/;

async function crawl(app: Worker, starts: string[]): Promise<string[]> {
  const seen = new Set<string>(starts);
  const queue = [...starts];
  const lines: string[] = [];
  while (queue.length) {
    const path = queue.shift()!;
    if (seen.size > MAX_ROUTES) throw new Error(`more than ${MAX_ROUTES} routes: the crawl ran away at ${path}`);
    const res = await app.fetch(path);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const h = (name: string) => res.headers.get(name) ?? "-";
    lines.push(
      [
        path,
        res.status,
        `location=${h("location")}`,
        `type=${h("content-type")}`,
        `etag=${h("etag")}`,
        `tag=${h("cache-tag")}`,
        `${bytes.length} ${sha(bytes)}`,
      ].join(" "),
    );
    if (res.status === 200 && TEXT.test(h("content-type"))) {
      for (const link of linksIn(new TextDecoder().decode(bytes))) {
        if (!seen.has(link)) {
          seen.add(link);
          queue.push(link);
        }
      }
    }
  }
  return lines.sort();
}

describe("the fixture site's output", () => {
  it("is byte for byte the snapshot's: every built file and every route", { timeout: 120_000 }, async () => {
    const slugs = (await readdir(join(root, "content/articles"))).map((n) => n.replace(/\.md$/, "")).sort();
    const app = await worker();
    const routes = await crawl(app, entryPoints(slugs));
    const cron = [...(await app.scheduled(NOW)), ...(await app.scheduled(EXPO))];
    const snapshot = [
      "# Built files: path, size, SHA-256 (20 hex digits)",
      ...(await builtFiles()),
      "",
      "# Routes: path, status, Location, Content-Type, ETag, Cache-Tag, body size and SHA-256",
      ...routes,
      "",
      "# The cron: its result, then each request it made (hub, search engines, edge purges)",
      ...cron,
      "",
    ].join("\n");
    await expect(snapshot).toMatchFileSnapshot("./__snapshots__/output.txt");
  });
});
