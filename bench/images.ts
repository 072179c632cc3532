/**
 * `npm run bench:images [-- --photos 1000 --size 4000x3000]`: pictures as readers and editors
 * meet them, in copies of the project under the system's temp directory.
 *
 * 1. The page: an article with five photo-like 4,000×3,000 JPEGs (bench/photos.ts; one stored
 *    sideways with a GPS position), built (the first build makes them, the rebuild reads the
 *    cache) and served by `wrangler dev`. Chromium at 375 px wide, device pixel ratio 2, as a
 *    phone: the image bytes it fetches on first view (no scrolling) and after scrolling to the
 *    end, and which variant it chose; Lighthouse's mobile audit (../shared/tools/lighthouse.sh)
 *    of the same page; a screenshot for the README (docs/article-pictures-375.jpg).
 * 2. The archive: `--photos` photos, ten to an article: the first build (every photo made), the
 *    rebuild with none changed (median of three), the rebuild after every photo is touched (what
 *    a fresh checkout sees: every digest taken again, nothing made again), and the rebuild after
 *    one photo is added.
 *
 * Saves bench/results/images.json and regenerates docs/performance.md.
 */
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, rm, stat, symlink, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs, promisify } from "node:util";
import { launchChromium } from "../scripts/browser/chromium.ts";
import { startDevServer } from "../scripts/wrangler/dev-server.ts";
import { machine } from "./machine.ts";
import { writePhotos } from "./photos.ts";
import { writeReport } from "./report.ts";
import { saveResult } from "./result-files.ts";
import type { ImagesResult } from "./results.ts";

const { values } = parseArgs({
  options: {
    photos: { type: "string", default: "1000" },
    size: { type: "string", default: "4000x3000" },
    "skip-archive": { type: "boolean", default: false },
  },
});
const [width, height] = values.size.split("x").map(Number) as [number, number];
const root = join(import.meta.dirname, "..");
const run = promisify(execFile);
const log = (s: string) => console.error(`bench:images: ${s}`);
const started = performance.now();
const TOOLS = join(root, "../shared/tools");

/** A copy of the project (code and content, node_modules linked) to build and serve. */
async function project(name: string, withContent: boolean): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `bench-images-${name}-`));
  for (const entry of ["src", "scripts", "wrangler.toml", "package.json", "tsconfig.json"])
    await cp(join(root, entry), join(dir, entry), { recursive: true, filter: (p) => !p.includes("src/generated") });
  if (withContent) await cp(join(root, "content"), join(dir, "content"), { recursive: true });
  else {
    await mkdir(join(dir, "content/articles"), { recursive: true });
    await cp(join(root, "content/site.yaml"), join(dir, "content/site.yaml"));
  }
  await symlink(join(root, "node_modules"), join(dir, "node_modules"));
  return dir;
}

/** `npm run build` in `dir`: wall-clock seconds. */
async function build(dir: string): Promise<number> {
  const t = performance.now();
  await run(process.execPath, ["--experimental-strip-types", "scripts/build-content.ts", "--root", dir], {
    cwd: dir,
    maxBuffer: 64 * 1024 * 1024,
  });
  return (performance.now() - t) / 1000;
}

async function bytesUnder(dir: string): Promise<{ files: number; bytes: number }> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  let files = 0;
  let bytes = 0;
  for (const e of entries.filter((d) => d.isFile())) {
    files++;
    bytes += (await stat(join(e.parentPath, e.name))).size;
  }
  return { files, bytes };
}

const id = (n: number) => `b3e1c0de-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
const PARAGRAPH =
  "佛山市禅城区陶瓷行业协会组织会员企业参加本次交流活动，围绕绿色低碳转型、智能制造与品牌建设等议题深入研讨，与会代表结合企业实践分享经验，并就下一阶段的合作方向达成共识。";

// 1. The page.
log(`page: five ${width}×${height} photos`);
const page = await project("page", true);
const five = await writePhotos(join(page, "content/media"), 5, { width, height, prefix: "bench-photo-" });
const sources = await Promise.all(five.map((f) => stat(join(page, "content/media", f)).then((s) => s.size)));
await writeFile(
  join(page, "content/articles/five-photos.md"),
  `---\nid: ${id(0)}\ntitle: 陶瓷行业交流活动图片报道\ncategory: news\ndate: 2026-11-20\n---\n\n${five
    .map((f, i) => `${PARAGRAPH}\n\n![交流活动现场第${i + 1}张](${f} "活动现场（第${i + 1}张）")\n`)
    .join("\n")}\n${PARAGRAPH}\n`,
);
const pageFirst = await build(page);
const pageRebuild = await build(page);
log(`page: first build ${pageFirst.toFixed(1)} s, rebuild ${pageRebuild.toFixed(2)} s`);

const dev = await startDevServer(page);
const url = `${dev.url}/articles/five-photos`;
let view: ImagesResult["page"]["view"];
let lighthouse: ImagesResult["page"]["lighthouse"];
try {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({
      viewport: { width: 375, height: 667 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    const tab = await context.newPage();
    const fetched: { url: string; bytes: number }[] = [];
    tab.on("response", async (response) => {
      if (response.request().resourceType() !== "image") return;
      const body = await response.body().catch(() => Buffer.alloc(0));
      fetched.push({ url: new URL(response.url()).pathname, bytes: body.length });
    });
    await tab.goto(url, { waitUntil: "load" });
    await tab.waitForLoadState("networkidle");
    const first = [...fetched];
    await tab.screenshot({ path: join(root, "docs/article-pictures-375.jpg"), type: "jpeg", quality: 80 });
    for (let y = 0; y < 20; y++) {
      await tab.mouse.wheel(0, 600);
      await tab.waitForTimeout(150);
    }
    await tab.waitForLoadState("networkidle");
    const photos = (list: typeof fetched) => list.filter((f) => f.url.includes("bench-photo-"));
    view = {
      viewport: "375×667, DPR 2",
      firstView: photos(first),
      afterScroll: photos(fetched),
      firstViewBytes: photos(first).reduce((s, f) => s + f.bytes, 0),
      allBytes: photos(fetched).reduce((s, f) => s + f.bytes, 0),
    };
  } finally {
    await browser.close();
  }
  log(`page: ${view.firstView.length} photos on first view (${view.firstViewBytes} B), ${view.allBytes} B in all`);

  const out = await mkdtemp(join(tmpdir(), "bench-images-lh-"));
  const lh = await run("bash", [join(TOOLS, "lighthouse.sh"), url, out], { maxBuffer: 16 * 1024 * 1024 }).then(
    () => true,
    (e: { stdout?: string }) => (log(`lighthouse: ${String(e.stdout ?? e).slice(-400)}`), false),
  );
  if (lh) {
    const { readFile } = await import("node:fs/promises");
    const report = JSON.parse(await readFile(join(out, "lighthouse.report.json"), "utf8")) as LighthouseReport;
    const images = (report.audits["network-requests"]?.details?.items ?? []).filter((i) => i.resourceType === "Image");
    lighthouse = {
      scores: Object.fromEntries(Object.entries(report.categories).map(([k, v]) => [k, v.score])),
      lcpMs: Math.round(report.audits["largest-contentful-paint"]!.numericValue!),
      fcpMs: Math.round(report.audits["first-contentful-paint"]!.numericValue!),
      cls: report.audits["cumulative-layout-shift"]!.numericValue!,
      imageBytes: images.reduce((s, i) => s + (i.transferSize ?? 0), 0),
      images: images.length,
    };
    log(`lighthouse: ${JSON.stringify(lighthouse)}`);
  }
  await rm(out, { recursive: true, force: true });
} finally {
  await dev.stop();
}
const cache = await bytesUnder(join(page, ".cache/images"));
await rm(page, { recursive: true, force: true });

// 2. The archive.
let archive: ImagesResult["archive"];
if (!values["skip-archive"]) {
  const count = Number(values.photos);
  const dir = await project("archive", false);
  const media = join(dir, "content/media");
  log(`archive: generating ${count} photos of ${width}×${height}`);
  let t = performance.now();
  const names = await writePhotos(media, count, { width, height });
  const generateSeconds = (performance.now() - t) / 1000;
  const perArticle = 10;
  for (let a = 0; a * perArticle < count; a++) {
    const mine = names.slice(a * perArticle, (a + 1) * perArticle);
    await writeFile(
      join(dir, `content/articles/photos-${a}.md`),
      `---\nid: ${id(a + 1)}\ntitle: 图片报道第${a + 1}期\ncategory: news\ndate: 2026-01-01\n---\n\n${mine
        .map((f, i) => `${PARAGRAPH}\n\n![现场第${i + 1}张](${f})\n`)
        .join("\n")}`,
    );
  }
  const source = await bytesUnder(media);
  log(
    `archive: ${count} photos, ${(source.bytes / 2 ** 30).toFixed(2)} GiB, generated in ${generateSeconds.toFixed(0)} s; first build`,
  );
  const first = await build(dir);
  log(`archive: first build ${first.toFixed(0)} s`);
  const unchanged: number[] = [];
  for (let i = 0; i < 3; i++) unchanged.push(await build(dir));
  log(`archive: rebuilds with nothing changed ${unchanged.map((s) => s.toFixed(2)).join(", ")} s`);
  const now = new Date();
  for (const name of names) await utimes(join(media, name), now, now);
  const touched = await build(dir);
  log(`archive: rebuild after touching every photo ${touched.toFixed(1)} s`);
  await writePhotos(join(dir, "new"), 1, { width, height, prefix: "added-" });
  await cp(join(dir, "new/added-0000.jpg"), join(media, "added-0000.jpg"));
  await writeFile(
    join(dir, "content/articles/added.md"),
    `---\nid: ${id(count + 1)}\ntitle: 新增图片\ncategory: news\ndate: 2026-02-01\n---\n\n![新增](added-0000.jpg)\n`,
  );
  t = performance.now();
  const oneAdded = await build(dir);
  log(`archive: rebuild after adding one photo ${oneAdded.toFixed(1)} s`);
  archive = {
    photos: count,
    size: `${width}×${height}`,
    sourceBytes: source.bytes,
    generateSeconds,
    firstBuildSeconds: first,
    unchangedSeconds: unchanged.sort((a, b) => a - b)[1]!,
    unchangedRuns: unchanged,
    touchedSeconds: touched,
    oneAddedSeconds: oneAdded,
    cache: await bytesUnder(join(dir, ".cache/images")),
    published: await bytesUnder(join(dir, "public/media")),
  };
  await rm(dir, { recursive: true, force: true });
}

const result: ImagesResult = {
  machine: machine(root),
  page: {
    photos: five.length,
    size: `${width}×${height}`,
    sourceBytes: sources,
    firstBuildSeconds: pageFirst,
    rebuildSeconds: pageRebuild,
    cacheBytes: cache.bytes,
    view: view!,
    ...(lighthouse ? { lighthouse } : {}),
  },
  ...(archive ? { archive } : {}),
  seconds: Math.round((performance.now() - started) / 1000),
};
await saveResult(root, "images", result);
await writeReport(root);
log(`done in ${result.seconds} s; bench/results/images.json and docs/performance.md`);

interface LighthouseReport {
  categories: Record<string, { score: number }>;
  audits: Record<
    string,
    { numericValue?: number; details?: { items?: { resourceType?: string; transferSize?: number }[] } }
  >;
}
