/**
 * The store-fault matrix: every kind of content-store file (article pack, list shard, slug
 * bucket, search shard, facets, sitemap chunk), missing, empty, truncated or not the format its
 * name says, against every route family. No answer is a 5xx; a degraded answer is never kept
 * (once the file is back, the same app answers exactly what a healthy app does, so nothing
 * degraded stayed in its memory tier or in KV) and says so with a freshness of a minute at most;
 * each broken file is logged once however often it is met.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { bucketOf, LAYOUT } from "../../src/content/store/format.ts";
import { harness, type Harness } from "./harness.ts";
import { fixtureSite } from "./model.ts";
import { SEED_SLUG } from "../support/site.ts";

const NOW = Date.parse("2026-12-01T12:00:00+08:00");
const ORIGIN = fixtureSite.site.origin;
const make = () => harness({ content: fixtureSite, clock: () => NOW, builtAt: NOW });

/** Every route family, with the fixture's seed, a tag and a period that exist. */
const ROUTES = [
  "/",
  "/categories/news",
  `/tags/${encodeURIComponent("禅城区")}`,
  "/tags",
  "/archive",
  "/archive/2025",
  "/archive/2025/11",
  `/articles/${SEED_SLUG}`,
  `/search?q=${encodeURIComponent("禅城")}`,
  "/feeds",
  "/feed.xml",
  "/categories/news/atom.xml",
  `/tags/${encodeURIComponent("禅城区")}/feed.json`,
  "/sitemap.xml",
  "/sitemaps/pages.xml",
  "/sitemaps/articles-1.xml",
  "/api/v1/articles",
  `/api/v1/articles?tag=${encodeURIComponent("禅城区")}`,
  "/api/v1/articles?year=2025&category=outlook",
  `/api/v1/articles/${SEED_SLUG}`,
  `/api/v1/search?q=${encodeURIComponent("禅城")}`,
  "/api/v1/tags",
  "/api/v1/categories",
  `/oembed?url=${encodeURIComponent(`${ORIGIN}/articles/${SEED_SLUG}`)}`,
  `/embed/articles/${SEED_SLUG}`,
];

/** The files of each kind in the fixture's store. */
const KINDS: Record<string, (files: Map<string, Uint8Array>) => string[]> = {
  pack: (files) => [...files.keys()].filter((p) => p.endsWith(".pack")),
  list: (files) => [...files.keys()].filter((p) => p.startsWith("l/")),
  slugs: () => [`s/${bucketOf(SEED_SLUG, LAYOUT.buckets)}.json`],
  search: (files) => [...files.keys()].filter((p) => p.endsWith(".idx")),
  facets: () => ["x/facets.json"],
  sitemap: (files) => [...files.keys()].filter((p) => p.startsWith("m/")),
};

/** What a broken deploy leaves of a file: nothing, zero bytes, its first half, another format. */
const FAULTS: Record<string, ((bytes: Uint8Array) => Uint8Array) | null> = {
  missing: null,
  empty: () => new Uint8Array(0),
  truncated: (bytes) => bytes.subarray(0, Math.floor(bytes.byteLength / 2)),
  "another format": () => new TextEncoder().encode('{"not":"this file"}'),
};

const healthy = new Map<string, string>();
const bodyOf = async (app: Harness, path: string) => {
  const res = await app.fetch(path);
  return { status: res.status, cacheControl: res.headers.get("cache-control"), body: await res.text() };
};

beforeAll(async () => {
  const app = make();
  for (const path of ROUTES) {
    const { status, body } = await bodyOf(app, path);
    if (status !== 200) throw new Error(`${path}: a healthy app answers ${status}`);
    healthy.set(path, body);
  }
});

describe("every store fault, on every route family", () => {
  for (const kind of Object.keys(KINDS)) {
    for (const fault of Object.keys(FAULTS)) {
      it(`${kind} file ${fault}: no 5xx, a degraded answer kept a minute at most and never cached, one log line per file`, async () => {
        for (const path of ROUTES) {
          const app = make();
          const broken = KINDS[kind]!(app.files);
          expect(broken.length, kind).toBeGreaterThan(0);
          const saved = new Map(broken.map((p) => [p, app.files.get(p)!]));
          for (const [p, bytes] of saved) {
            const f = FAULTS[fault];
            if (f) app.files.set(p, f(bytes));
            else app.files.delete(p);
          }
          const first = await bodyOf(app, path);
          const again = await bodyOf(app, path);
          expect(first.status, `${path} (${kind} ${fault})`).toBeLessThan(500);
          expect(again.status, `${path} (${kind} ${fault}), again`).toBeLessThan(500);
          if (first.status === 200 && first.body !== healthy.get(path)) {
            expect(first.cacheControl, `${path} (${kind} ${fault}) degraded`).toBe("public, max-age=60");
          }
          const lines = app.logs.filter((l) => l.level === "error" && broken.includes(String(l.path)));
          const perFile = new Map<string, number>();
          for (const l of lines) perFile.set(String(l.path), (perFile.get(String(l.path)) ?? 0) + 1);
          for (const [p, n] of perFile) expect(n, `${path}: log lines for ${p}`).toBe(1);
          for (const [p, bytes] of saved) app.files.set(p, bytes);
          const restored = await bodyOf(app, path);
          expect(restored.status, `${path} after ${kind} ${fault} restored`).toBe(200);
          expect(
            restored.body === healthy.get(path),
            `${path} after ${kind} ${fault} restored: a degraded answer was kept`,
          ).toBe(true);
        }
      });
    }
  }
});
