/**
 * `npm run bench:edit [-- --sizes 10000,100000]`: what one edit costs at archive size (issue 30).
 * For each size, a copy of the project holding a synthetic corpus (bench/scale-project.ts):
 * `npm run build` from nothing, again with nothing changed, again after one title changes; then
 * the editor's desk as `npm run dev` runs it (its warm build, scripts/dev/builder.ts, and wrangler
 * dev from its configuration): the desk's first list answer (time and bytes), one save of a title
 * (time of the answer), and from that answer until the page served shows the new title. Hugo's full
 * rebuild of the same Markdown beside it, when `hugo` is installed. Saves bench/results/edit.json
 * and regenerates docs/performance.md. Do not run it beside anything else: the times are the
 * machine's.
 */
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { fromDecap, toDecap } from "../scripts/desk/article.ts";
import { createDesk } from "../scripts/desk/backend.ts";
import { startDevBuilder } from "../scripts/dev/builder.ts";
import { startDevServer } from "../scripts/wrangler/dev-server.ts";
import { slugFor } from "../support/corpus.ts";
import { machine } from "./machine.ts";
import { writeReport } from "./report.ts";
import { saveResult } from "./result-files.ts";
import type { EditRow } from "./results.ts";
import { buildProject, hasHugo, hugoBuild, hugoSite, makeCold, scaleProject } from "./scale-project.ts";

const { values } = parseArgs({ options: { sizes: { type: "string", default: "10000,100000" } } });
const sizes = values.sizes.split(",").map(Number);
if (!sizes.every((n) => Number.isInteger(n) && n >= 10)) throw new Error(`--sizes ${values.sizes}: whole numbers ≥ 10`);
const root = join(import.meta.dirname, "..");
const log = (s: string) => console.error(`bench:edit: ${s}`);

async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const value = await work();
  return [(performance.now() - start) / 1000, value];
}

/** The article file the edits change: one in the middle of the archive. */
const fileOf = (dir: string, count: number) => join(dir, "content/articles", `${slugFor(Math.floor(count / 2))}.md`);

async function retitle(file: string, title: string): Promise<void> {
  const text = await readFile(file, "utf8");
  await writeFile(file, text.replace(/^title: .*$/m, `title: ${JSON.stringify(title)}`));
}

async function measure(count: number): Promise<EditRow> {
  const dir = await scaleProject(root, count, log);
  try {
    await makeCold(dir);
    const cold = await buildProject(dir);
    const nothing = await buildProject(dir);
    await retitle(fileOf(dir, count), `【合成】改过的标题 ${count}`);
    const oneTitle = await buildProject(dir);
    log(
      `${count}: cold ${cold.seconds.toFixed(2)} s, nothing changed ${nothing.seconds.toFixed(2)} s, one title ${oneTitle.seconds.toFixed(2)} s (${oneTitle.written} written)`,
    );

    // The desk as `npm run dev` serves it: the warm build, then wrangler dev from its configuration.
    const builder = await startDevBuilder(dir, { log: () => {}, error: () => {} });
    const server = await startDevServer(dir, [...builder.wranglerArgs, "--var", "PREVIEW:true"], 600_000);
    try {
      const desk = createDesk(dir);
      // What the desk asks for when it opens, all at once: the list's first page and no rows for
      // Decap's hidden list (admin/desk-list.js), and the tag field's suggestions (admin/desk.js,
      // /admin/api/tags), which the same process answers meanwhile. The bytes are the list's.
      const [listSeconds, [list, decapList]] = await timed(() =>
        Promise.all([desk.handle("entriesPage", {}), desk.handle("entriesByFolder", { size: 0 }), desk.tags()]),
      );
      const listBytes =
        Buffer.byteLength(JSON.stringify(list.body)) + Buffer.byteLength(JSON.stringify(decapList.body));
      const listEntries = (list.body as { entries: unknown[] }).entries.length;
      const path = `content/articles/${slugFor(Math.floor(count / 2))}.md`;
      const opened = (await desk.handle("getEntry", { path })).body as { data: string; file: { deskVersion: string } };
      const title = `【合成】桌面保存的标题 ${count}`;
      const edited = fromDecap(opened.data);
      if (!edited) throw new Error(`the desk sent ${path} in a form it cannot read back`);
      const raw = toDecap({ data: { ...edited.data, title }, body: edited.body });
      const [saveSeconds, saved] = await timed(() =>
        desk.handle("persistEntry", { dataFiles: [{ path, raw }], assets: [], base: opened.file.deskVersion }),
      );
      if (saved.status !== 200) throw new Error(`the save was refused: ${JSON.stringify(saved.body)}`);
      const [saveToPageSeconds] = await timed(async () => {
        const page = `${server.url}/articles/${slugFor(Math.floor(count / 2))}`;
        for (const until = performance.now() + 600_000; ;) {
          if (performance.now() > until) throw new Error(`${page} did not show the saved title in 10 minutes`);
          const html = await fetch(page)
            .then((r) => r.text())
            .catch(() => "");
          if (html.includes(title)) return;
          await new Promise((r) => setTimeout(r, 50));
        }
      });
      log(
        `${count}: list ${listSeconds.toFixed(2)} s (${(listBytes / 1e6).toFixed(1)} MB, ${listEntries} entries), save ${saveSeconds.toFixed(3)} s, save to page ${saveToPageSeconds.toFixed(2)} s`,
      );
      let hugoSeconds: number | undefined;
      if (hasHugo()) {
        const site = await hugoSite(root, dir, count);
        hugoSeconds = await hugoBuild(site);
        await rm(site, { recursive: true, force: true });
        log(`${count}: Hugo's full rebuild ${hugoSeconds.toFixed(2)} s`);
      }
      return {
        articles: count,
        coldSeconds: cold.seconds,
        nothingSeconds: nothing.seconds,
        oneTitleSeconds: oneTitle.seconds,
        oneTitleWritten: oneTitle.written,
        listSeconds,
        listBytes,
        listEntries,
        saveSeconds,
        saveToPageSeconds,
        ...(hugoSeconds === undefined ? {} : { hugoSeconds }),
      };
    } finally {
      builder.close();
      await server.stop();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const started = performance.now();
const rows: EditRow[] = [];
for (const count of sizes) rows.push(await measure(count));
await saveResult(root, "edit", {
  machine: machine(root),
  seconds: Math.round((performance.now() - started) / 1000),
  rows,
});
await writeReport(root);
log("saved bench/results/edit.json and docs/performance.md");
