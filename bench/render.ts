/**
 * Render cost: CPU time per call of each pure renderer, in V8 (Node; workerd runs the same engine),
 * after warm-up, as the median of 15 batches. The feeds and lists hold 20 items: 20 copies of the
 * seed article with their own ids, slugs and dates (synthetic).
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { buildContent } from "../scripts/content/index.ts";
import type { RenderRow } from "./results.ts";
import { median } from "./stats.ts";

type Mod = typeof import("./render-entry.ts");

export async function runRender(root: string): Promise<RenderRow[]> {
  const out = join(await mkdtemp(join(tmpdir(), "bench-render-")), "render.mjs");
  await build({
    entryPoints: [join(root, "bench/render-entry.ts")],
    bundle: true,
    format: "esm",
    platform: "neutral",
    loader: { ".html": "text" },
    outfile: out,
    logLevel: "error",
  });
  const m = (await import(pathToFileURL(out).href)) as Mod;
  const { model } = await buildContent(root);
  if (!model) throw new Error("content/ does not build");
  const site = model.site;
  const seed = model.articles[0]!;
  const twenty = Array.from({ length: 20 }, (_, i) => ({
    ...seed,
    id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    slug: `${seed.slug}-${i}`,
    published: { kind: "exact" as const, iso: `2026-01-${String(20 - i).padStart(2, "0")}T09:00:00+08:00` },
  }));
  const feed = {
    id: site.feedIds.all!,
    title: site.name,
    description: site.description,
    base: "",
    articles: twenty,
    paging: { self: { page: 1, part: 1 }, first: { page: 1, part: 1 }, last: { page: 1, part: 1 }, complete: true },
    updated: "2026-01-20T09:00:00+08:00",
  };
  const href = (n: number) => `${site.origin}/api/v1/articles?page=${n}&limit=20`;
  const cases: [string, () => string][] = [
    ["article page (HTML)", () => m.renderArticle({ article: seed, older: twenty[1], newer: twenty[0] }, site)],
    [
      "home page, 20 items (HTML)",
      () =>
        m.renderListing(
          { articles: twenty, total: 20, page: 1, pages: 1, href: (n) => (n === 1 ? "/" : `/page/${n}`) },
          site,
        ),
    ],
    ["RSS 2.0, 20 items", () => m.renderRss(feed, site)],
    ["Atom 1.0, 20 items", () => m.renderAtom(feed, site)],
    ["JSON Feed 1.1, 20 items", () => m.renderJsonFeed(feed, site)],
    ["API list, 20 items", () => m.json(m.listJson(twenty, { page: 1, limit: 20, total: 20, pages: 1 }, href, site))],
    ["API article", () => m.json(m.articleJson(seed, site))],
  ];
  return cases.map(([name, fn]) => measure(name, fn));
}

function measure(name: string, fn: () => string): RenderRow {
  let bytes = 0;
  for (let i = 0; i < 300; i++) bytes = fn().length;
  const perCall: number[] = [];
  for (let batch = 0; batch < 15; batch++) {
    const n = 200;
    const t0 = process.cpuUsage();
    for (let i = 0; i < n; i++) fn();
    const dt = process.cpuUsage(t0);
    perCall.push((dt.user + dt.system) / 1000 / n);
  }
  return {
    name,
    bytes: new TextEncoder().encode(fn()).length,
    medianMs: median(perCall),
    minMs: Math.min(...perCall),
    maxMs: Math.max(...perCall),
  };
}
