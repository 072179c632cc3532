/**
 * `npm run bench:import [-- --items 10000]`: how long moving an old site in takes (issue 22: "a
 * 10,000-post WXR and a 10,000-page mirror import in minutes, not hours"). For each source, a
 * synthetic old site of that many articles (bench/import-mirror.ts, bench/import-wxr.ts) is
 * imported into a fresh project holding only the fixture site's settings, as an editor runs it:
 * `--dry-run`, the import, the same import again (nothing to write), then the content build of
 * the imported archive. One run, sources in turn; saves bench/results/import.json and regenerates
 * docs/performance.md. Do not run it beside anything else: the times are the machine's.
 */
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs, promisify } from "node:util";
import { writeMirror } from "./import-mirror.ts";
import { wxrExport } from "./import-wxr.ts";
import { machine } from "./machine.ts";
import { writeReport } from "./report.ts";
import { saveResult } from "./result-files.ts";
import type { ImportRow } from "./results.ts";

const { values } = parseArgs({ options: { items: { type: "string", default: "10000" } } });
const items = Number(values.items);
const root = join(import.meta.dirname, "..");
const run = promisify(execFile);
const log = (s: string) => console.error(`bench:import: ${s}`);
const node = (script: string, ...args: string[]) =>
  run(process.execPath, ["--max-old-space-size=8192", "--experimental-strip-types", join(root, script), ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });

async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const value = await work();
  return [(performance.now() - start) / 1000, value];
}

/**
 * A copy of this project's code (node_modules linked) whose content/ holds only the fixture site's
 * settings: the importer's root, then the build's.
 */
async function project(dir: string): Promise<string> {
  const at = join(dir, "project");
  for (const entry of ["src", "scripts", "package.json", "tsconfig.json", "tsconfig.node.json"])
    await cp(join(root, entry), join(at, entry), { recursive: true, filter: (p) => !p.includes("src/generated") });
  await symlink(join(root, "node_modules"), join(at, "node_modules"));
  await mkdir(join(at, "content/articles"), { recursive: true });
  await mkdir(join(at, "content/media"), { recursive: true });
  await cp(join(root, "test/fixtures/site/content/site.yaml"), join(at, "content/site.yaml"));
  return at;
}

async function measure(source: ImportRow["source"], write: (dir: string) => Promise<string>): Promise<ImportRow> {
  const dir = await mkdtemp(join(tmpdir(), `bench-import-${source}-`));
  try {
    const [generateSeconds, path] = await timed(() => write(dir));
    const root = await project(dir);
    const importer = (...extra: string[]) =>
      node("scripts/import.ts", path, "--root", root, "--category", "协会动态", ...extra);
    const [dryRunSeconds] = await timed(() => importer("--dry-run"));
    const [importSeconds, first] = await timed(() => importer());
    const [againSeconds] = await timed(() => importer());
    const articles = (await readdir(join(root, "content/articles"))).filter((n) => n.endsWith(".md")).length;
    const [buildSeconds] = await timed(() => node("scripts/build-content.ts", "--root", root));
    const summary = first.stdout.trim().split("\n").at(-1) ?? "";
    log(
      `${source}: ${articles} articles; dry run ${dryRunSeconds.toFixed(1)} s, import ${importSeconds.toFixed(1)} s, again ${againSeconds.toFixed(1)} s, build ${buildSeconds.toFixed(1)} s`,
    );
    log(`  ${summary}`);
    return {
      source,
      items,
      articles,
      generateSeconds,
      dryRunSeconds,
      importSeconds,
      againSeconds,
      buildSeconds,
      summary,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const started = performance.now();
const rows = [
  await measure("mirror", async (dir) => {
    const mirror = join(dir, "old.example.cn");
    await writeMirror(mirror, items);
    return mirror;
  }),
  await measure("wordpress", async (dir) => {
    const file = join(dir, "export.xml");
    await writeFile(file, wxrExport(items));
    return file;
  }),
];
await saveResult(root, "import", {
  machine: machine(root),
  seconds: Math.round((performance.now() - started) / 1000),
  rows,
});
await writeReport(root);
log("saved bench/results/import.json and docs/performance.md");
