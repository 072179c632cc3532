/**
 * `npm run dev [-- --port 8787]`: the site as deployed, drafts included, rebuilt on every change
 * to content/ (`wrangler dev` with the preview build), behind the editor's desk: open
 * http://127.0.0.1:8787/ for the site and http://127.0.0.1:8787/admin/ to write articles in the
 * browser (docs/editing.md, "The editor's desk"). The desk is this script's, never the worker's:
 * `wrangler deploy` ships no part of it and /admin/ is a 404 on the deployed site.
 */
import { spawn } from "node:child_process";
import { parseArgs } from "node:util";
import { freePort } from "./lib/dev-server.ts";
import { startDeskServer } from "./desk/server.ts";

const { values } = parseArgs({
  options: { port: { type: "string", default: "8787" }, root: { type: "string", default: process.cwd() } },
});
const internal = await freePort();
const wrangler = spawn(
  "npx",
  ["wrangler", "dev", "--port", String(internal), "--ip", "127.0.0.1", "--var", "PREVIEW:true"],
  { cwd: values.root, stdio: "inherit", env: { ...process.env, CONTENT_PREVIEW: "true" } },
);
const desk = await startDeskServer({
  root: values.root,
  upstream: `http://127.0.0.1:${internal}`,
  port: Number(values.port),
});
console.log(`dev: the site at ${desk.url}/ and the editor's desk at ${desk.url}/admin/ (wrangler dev behind it)`);
const stop = () => {
  wrangler.kill("SIGTERM");
  void desk.close().then(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
wrangler.on("exit", (code) => {
  console.error(`dev: wrangler dev stopped (${code ?? "signal"})`);
  void desk.close().then(() => process.exit(code ?? 1));
});
