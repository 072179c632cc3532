/**
 * `npm run dev [-- --port 8787]`: the site as deployed, drafts included, rebuilt on every change
 * to content/ (the preview build, kept warm in this process: scripts/dev/builder.ts; `wrangler
 * dev` reloads the worker when the store changes), behind the editor's desk: open
 * http://127.0.0.1:8787/ for the site and http://127.0.0.1:8787/admin/ to write articles in the
 * browser (docs/editing.md, "The editor's desk"). The desk is this script's, never the worker's:
 * `wrangler deploy` ships no part of it and /admin/ is a 404 on the deployed site.
 *
 * `wrangler dev` runs in a process group of its own, with workerd and whatever else it starts:
 * stopping this script (Ctrl-C, SIGTERM, or its own end) stops that whole group, so nothing keeps
 * serving content/ afterwards (issue 29).
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { startDevBuilder } from "./dev/builder.ts";
import { freePort } from "./wrangler/dev-server.ts";
import { startDeskServer, type DeskServer } from "./desk/server.ts";

const { values } = parseArgs({
  options: { port: { type: "string", default: "8787" }, root: { type: "string", default: process.cwd() } },
});
const internal = await freePort();
// Built here before wrangler starts, and again on every change: wrangler runs no build of its own.
const builder = await startDevBuilder(values.root);
/**
 * Nothing from wrangler that reaches the network on its own (an editor offline read those errors
 * as failures): no telemetry, no banner (the banner is what runs the npm update check), and no
 * fetch of workers.cloudflare.com/cf.json (miniflare's Request.cf; the placeholder it falls back
 * to serves this site, which reads no request.cf).
 */
const QUIET = { WRANGLER_SEND_METRICS: "false", WRANGLER_HIDE_BANNER: "true", CLOUDFLARE_CF_FETCH_ENABLED: "false" };
// wrangler's own bin script under this Node, not `npx` (one more process in between, and npx
// fails when `npm run dev` itself runs inside `npx -c`).
const wrangler = spawn(
  process.execPath,
  [
    join(import.meta.dirname, "../node_modules/wrangler/bin/wrangler.js"),
    "dev",
    ...builder.wranglerArgs,
    "--port",
    String(internal),
    "--ip",
    "127.0.0.1",
    "--var",
    "PREVIEW:true",
  ],
  { cwd: values.root, stdio: "inherit", env: { ...process.env, CONTENT_PREVIEW: "true", ...QUIET }, detached: true },
);

/** Signals wrangler's whole process group (wrangler, workerd, esbuild); quiet once it is gone. */
const signalGroup = (signal: NodeJS.Signals) => {
  try {
    process.kill(-wrangler.pid!, signal);
  } catch {
    // ESRCH: the group has already ended.
  }
};
process.on("exit", () => signalGroup("SIGKILL"));

let desk: DeskServer | undefined;
let stopping = false;
const stop = async (code: number) => {
  if (stopping) return;
  stopping = true;
  builder.close();
  if (wrangler.exitCode === null && wrangler.signalCode === null) {
    const exited = new Promise((r) => wrangler.once("exit", r));
    signalGroup("SIGTERM");
    // wrangler stops workerd itself on SIGTERM; whatever is still there after 5 s is killed.
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000).unref())]);
  }
  signalGroup("SIGKILL");
  await desk?.close();
  process.exit(code);
};
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));
// `npm run dev` stopped by SIGTERM passes it to the shell running this script, which ends without
// passing it on: this script, left to another parent, stops too.
const parent = process.ppid;
setInterval(() => process.ppid !== parent && void stop(0), 500).unref();
wrangler.on("exit", (code) => {
  if (stopping) return;
  console.error(`dev: wrangler dev stopped (${code ?? "signal"})`);
  void stop(code ?? 1);
});

desk = await startDeskServer({
  root: values.root,
  upstream: `http://127.0.0.1:${internal}`,
  port: Number(values.port),
});
console.log(`dev: the site at ${desk.url}/ and the editor's desk at ${desk.url}/admin/ (wrangler dev behind it)`);
