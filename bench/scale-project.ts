/**
 * What bench:scale and bench:build share: a copy of the project holding a synthetic corpus
 * (support/corpus.ts), its content build timed, and Hugo's site of the same Markdown
 * (bench/hugo/) timed beside it.
 */
import { execFile, execFileSync } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { writeCorpus } from "../support/corpus.ts";

const run = promisify(execFile);

/** Large corpora hold every article in the build's memory at once. */
export const NODE = [process.execPath, "--max-old-space-size=12288", "--experimental-strip-types"] as const;

/**
 * A temporary copy of the project at `root` (code, settings, node_modules linked) whose content/
 * is `count` synthetic articles; wrangler's [build] step is taken out, so the build runs only
 * when timed.
 */
export async function scaleProject(root: string, count: number, log: (s: string) => void): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `scale-${count}-`));
  for (const entry of ["src", "scripts", "package.json", "tsconfig.json", "tsconfig.node.json"]) {
    await cp(join(root, entry), join(dir, entry), { recursive: true, filter: (p) => !p.includes("src/generated") });
  }
  // The build runs here, timed, not again inside every wrangler command.
  const toml = (await readFile(join(root, "wrangler.toml"), "utf8")).replace(
    /^\[build\]\n(?:(?:command|watch_dir) = .*\n)*/m,
    "",
  );
  await writeFile(join(dir, "wrangler.toml"), toml);
  await symlink(join(root, "node_modules"), join(dir, "node_modules"));
  await mkdir(join(dir, "content/media"), { recursive: true });
  await cp(join(root, "content/site.yaml"), join(dir, "content/site.yaml"));
  log(`${count}: writing the corpus`);
  await writeCorpus(join(dir, "content"), count);
  return dir;
}

/** `npm run build` in the project at `dir`: wall time in s and the store files it wrote. */
export async function buildProject(dir: string): Promise<{ seconds: number; written: number }> {
  const t0 = performance.now();
  const { stdout } = await run(NODE[0], [...NODE.slice(1), join(dir, "scripts/build-content.ts"), "--root", dir], {
    maxBuffer: 1 << 26,
  });
  return { seconds: (performance.now() - t0) / 1000, written: Number(/(\d+) written/.exec(stdout)?.[1] ?? NaN) };
}

/**
 * Removes what a build leaves for the next one (its caches, the store, the generated module and
 * the id ledger it records), so the next build of `dir` is a first build.
 */
export async function makeCold(dir: string): Promise<void> {
  for (const path of [".cache", "public", "src/generated", "content/id-ledger.json"]) {
    await rm(join(dir, path), { recursive: true, force: true });
  }
}

/** Whether Debian's `hugo` is on PATH (`apt-get install hugo`). */
export function hasHugo(): boolean {
  try {
    execFileSync("hugo", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** A Hugo site (bench/hugo/) holding the articles of the project at `projectDir`; its directory. */
export async function hugoSite(root: string, projectDir: string, count: number): Promise<string> {
  const site = await mkdtemp(join(tmpdir(), `hugo-${count}-`));
  await cp(join(root, "bench/hugo"), site, { recursive: true });
  await mkdir(join(site, "content/articles"), { recursive: true });
  const articles = join(projectDir, "content/articles");
  for (const name of await readdir(articles)) {
    // Hugo wants seconds and a zone in dates; everything else is the same Markdown.
    const text = (await readFile(join(articles, name), "utf8")).replace(
      /^date: (\S+T\d\d:\d\d)$/m,
      "date: $1:00+08:00",
    );
    await writeFile(join(site, "content/articles", name), text);
  }
  return site;
}

/** Hugo building `site` to HTML, RSS and JSON from nothing (its output removed first); wall time in s. */
export async function hugoBuild(site: string): Promise<number> {
  await rm(join(site, "public"), { recursive: true, force: true });
  const t0 = performance.now();
  await run("hugo", ["--quiet", "--source", site, "--destination", join(site, "public")], { maxBuffer: 1 << 26 });
  return (performance.now() - t0) / 1000;
}
