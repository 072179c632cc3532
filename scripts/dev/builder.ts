/**
 * The content build of `npm run dev`, kept warm in the dev server's own process (issue 30, "npm
 * run dev stays warm"): built once at the start, then again on every change under content/ or
 * src/assets/, incrementally (scripts/content/builder.ts, the manifest of sources), with the
 * build's modules, threads and manifest already loaded. Wrangler dev runs from a copy of
 * wrangler.toml without its [build] step (`wranglerArgs`), so it never starts a build of its own:
 * it sees the new store as its files change and reloads the worker in place, once a build: a
 * preview build's manifest is a store file, written last, and the generated module keeps its
 * bytes while only content changes (scripts/content/generated.ts `writeContentModule`).
 *
 * Builds run one at a time; changes during a build make one more build after it. `settled()`
 * answers when every change seen so far is built (the desk awaits it after a save).
 */
import { watch, type FSWatcher } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { buildSite, type SiteBuild } from "../content/builder.ts";
import { siteLanguage } from "../content/language.ts";

export interface DevBuilder {
  /** Arguments for `wrangler dev`: this project's configuration without its [build] step. */
  wranglerArgs: string[];
  /** The last build. */
  last(): SiteBuild | undefined;
  /** Resolves when every change seen until now is built. */
  settled(): Promise<void>;
  /** Builds now (a file changed that the watcher may not have seen yet), then resolves. */
  rebuild(): Promise<void>;
  close(): void;
}

export interface DevBuilderOptions {
  log?: (line: string) => void;
  error?: (line: string) => void;
  /** The build's clock (tests fix it). */
  now?: () => number;
}

/** The folders whose changes are built again (wrangler.toml's old watch_dir, less the build's own code). */
const WATCHED = ["content", "src/assets"];

export async function startDevBuilder(
  root: string,
  { log = console.log, error = console.error, now = Date.now }: DevBuilderOptions = {},
): Promise<DevBuilder> {
  const wranglerArgs = await devConfig(root);
  let last: SiteBuild | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  const build = async () => {
    try {
      // Problems in the editor's language (the site's), as npm run check prints them.
      last = await buildSite(root, { preview: true, builtAt: now(), log, error, lang: await siteLanguage(root) });
    } catch (e) {
      error(`dev: the build failed: ${(e as Error).stack ?? String(e)}`);
    }
  };
  const run = (): Promise<void> => {
    if (running) {
      // The build under way loops once more and resolves after it.
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await build();
      } while (again);
      running = undefined;
    })();
    return running;
  };
  await run();
  let timer: NodeJS.Timeout | undefined;
  let waiting: Promise<void> | undefined;
  let release = () => {};
  const changed = () => {
    clearTimeout(timer);
    waiting ??= new Promise<void>((r) => (release = r));
    // Editors and Decap write a file in more than one call: one build for the burst.
    timer = setTimeout(fire, 25);
  };
  const fire = () => {
    const done = release;
    waiting = undefined;
    void run().then(done);
  };
  const watchers: FSWatcher[] = [];
  for (const dir of WATCHED) {
    try {
      watchers.push(watch(join(root, dir), { recursive: true }, changed));
    } catch {
      // A folder that is not there (no src/assets/ in a bare project) has nothing to watch.
    }
  }
  return {
    wranglerArgs,
    last: () => last,
    settled: async () => {
      while (waiting || running) await (waiting ?? running);
    },
    rebuild: () => {
      clearTimeout(timer);
      if (waiting) {
        fire();
        return running!;
      }
      return run();
    },
    close: () => {
      clearTimeout(timer);
      for (const w of watchers) w.close();
    },
  };
}

/**
 * wrangler.toml as wrangler reads it, without [build] or [triggers], written as JSON under .wrangler/ with its
 * paths made absolute (wrangler reads a configuration's paths from its own folder), and the local
 * state (KV) kept where `wrangler dev` keeps it for this project.
 */
async function devConfig(root: string): Promise<string[]> {
  const { experimental_readRawConfig } = await import("wrangler");
  const { rawConfig } = experimental_readRawConfig({ config: join(root, "wrangler.toml") });
  // Nor its Cron Triggers: wrangler dev never runs them, and says so in a yellow WARNING an editor
  // takes for a failure (issue 33).
  const {
    build: _build,
    triggers: _triggers,
    ...config
  } = rawConfig as Record<string, unknown> & {
    main?: string;
    assets?: { directory?: string };
  };
  if (config.main) config.main = resolve(root, config.main);
  if (config.assets?.directory) config.assets = { ...config.assets, directory: resolve(root, config.assets.directory) };
  const dir = join(root, ".wrangler/dev-config");
  await mkdir(dir, { recursive: true });
  const path = join(dir, "wrangler.json");
  await writeFile(path, JSON.stringify(config, null, 2));
  return ["--config", path, "--persist-to", join(root, ".wrangler/state")];
}
