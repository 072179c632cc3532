/**
 * `npm run deploy` (production) / `npm run deploy:staging`: check → wrangler deploy → warm →
 * announce. Each of the first three must succeed before the next starts, so broken content or a
 * half-configured environment is never deployed, and a deployed version is warmed before readers
 * arrive. Then, when content/site.yaml names a WebSub hub, every feed whose bytes the deploy
 * changed is announced to it (scripts/deploy/websub.ts), and IndexNow and Baidu, when configured
 * (INDEXNOW_KEY in the environment's vars; BAIDU_PUSH_SITE and BAIDU_PUSH_TOKEN in the shell), hear
 * of the pages that changed (scripts/deploy/indexing.ts); a hub or an engine that fails is logged,
 * never a failed deploy.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { changedPages, deployIndexing, pageSnapshot, tellEngines, type PageSnapshot } from "./deploy/indexing.ts";
import { announce, changedFeeds, feedUrls, snapshot, type FeedSnapshot } from "./deploy/websub.ts";
import { contentSnapshot, recordDeployed } from "./deploy/deployed.ts";
import { wranglerCommand } from "./wrangler/bin.ts";
import { readWranglerEnv } from "./wrangler/config.ts";
import { paths, url } from "../src/content/urls.ts";

const { values } = parseArgs({ options: { env: { type: "string", default: "production" } } });
const env = values.env;

function run(label: string, command: string, args: string[]): Promise<void> {
  console.error(`\ndeploy ${label}: ${command} ${args.join(" ")}`);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit" });
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${label} failed (exit ${code})`))));
  });
}

const get = (url: string, init?: RequestInit) => fetch(url, init);

try {
  await run("[1/4] check", process.execPath, ["--experimental-strip-types", "scripts/check.ts", "--env", env]);
  // The hub is the built site's (check just built it); the feeds are the live site's, before.
  const { manifest } = await import(pathToFileURL(join(process.cwd(), "src/generated/content.ts")).href);
  const hub: string | undefined = manifest.site.websub;
  const { origin, vars } = await readWranglerEnv(process.cwd(), env);
  let before: FeedSnapshot = new Map();
  if (hub) before = await snapshot(await feedUrls(origin, get), get);
  const engines = deployIndexing(vars);
  const searchable = Boolean(engines.indexNowKey || engines.baidu);
  const pagesBefore: PageSnapshot = searchable ? await pageSnapshot(origin, get) : new Map();
  const upload = wranglerCommand(["deploy", "--env", env]);
  // What this deploy puts live (the desk's 部署 panel lists what is saved but not deployed since),
  // taken as wrangler's own build reads content/, recorded once the upload succeeded.
  const uploaded = await contentSnapshot(process.cwd());
  await run("[2/4] upload", upload.command, upload.args);
  await recordDeployed(process.cwd(), env, origin, uploaded);
  await run("[3/4] warm", process.execPath, ["--experimental-strip-types", "scripts/warm.ts", "--env", env]);
  if (hub) {
    console.error(`\ndeploy [4/4] announce: feeds whose bytes changed → ${hub}`);
    const after = await snapshot([...new Set([...before.keys(), ...(await feedUrls(origin, get))])], get);
    const changed = changedFeeds(before, after);
    const { pinged, failed } = await announce(hub, changed, get, console.error);
    console.error(
      `deploy: ${changed.length} of ${after.size} feeds changed; ${pinged.length} announced` +
        (failed.length ? `, ${failed.length} not taken by the hub (logged above; readers' next poll finds them)` : ""),
    );
  } else console.error(`\ndeploy [4/4] announce: no WebSub hub in content/site.yaml, nothing to announce`);
  if (searchable) {
    const changed = changedPages(pagesBefore, await pageSnapshot(origin, get));
    console.error(`deploy: ${changed.length} pages changed; telling search engines`);
    await tellEngines(origin, changed, engines, get, console.error);
  } else console.error("deploy: no IndexNow key or Baidu push token configured, no search engine told");
  console.error(
    `\ndeploy: ${env} is live at ${url({ origin }, paths.home)} and warm. Roll back with: npx wrangler rollback --env ${env}`,
  );
} catch (e) {
  console.error(`\ndeploy: stopped — ${(e as Error).message}. Nothing after that step ran.`);
  process.exit(1);
}
