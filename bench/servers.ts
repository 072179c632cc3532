/**
 * The variants under load, each its own workerd started through the Miniflare API, the same way:
 * LIMIT (a constant response), STATIC (Workers Static Assets), and our worker per cache tier.
 */
import { mkdtemp, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";
import type { Bundle } from "../scripts/wrangler/bundle.ts";
import { freePort } from "../scripts/wrangler/dev-server.ts";
import { localWorker } from "../scripts/wrangler/local-worker.ts";

export interface Server {
  name: string;
  url: string;
  mf: Miniflare;
}

async function start(name: string, mf: Miniflare): Promise<Server> {
  const url = (await mf.ready).toString().replace(/\/$/, "");
  return { name, url, mf };
}

/**
 * A worker answering every request with the same bytes: the ceiling for any worker. Given the
 * project's Static Assets (`assets`), it runs behind Miniflare's asset router with the worker
 * first, exactly as our worker does, so the comparison carries the same local routing cost.
 */
export function limitServer(body: string, type: string, assets?: string): Promise<Server> {
  const headers = JSON.stringify({ "content-type": type });
  return constantServer(
    "LIMIT",
    body,
    `export default { fetch() { return new Response(body, { headers: ${headers} }); } };`,
    assets,
  );
}

/**
 * The constant twin of one response: a worker answering every request with the same bytes and the
 * same headers as a response of ours. What any worker must at least spend to send that response.
 */
export function twinServer(body: string, headers: [string, string][], assets?: string): Promise<Server> {
  return constantServer(
    "TWIN",
    body,
    `const bytes = new TextEncoder().encode(body);
const headers = ${JSON.stringify(headers)};
export default { fetch() { return new Response(bytes, { headers }); } };`,
    assets,
  );
}

/** A worker whose module `script` answers with `body`, imported as a Text module. */
async function constantServer(name: string, body: string, script: string, assets?: string): Promise<Server> {
  const dir = await mkdtemp(join(tmpdir(), `bench-${name.toLowerCase()}-`));
  await writeFile(join(dir, "body.txt"), body);
  await writeFile(join(dir, "index.js"), `import body from "./body.txt";\n${script}\n`);
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      modules: [
        { type: "ESModule", path: join(dir, "index.js") },
        { type: "Text", path: join(dir, "body.txt") },
      ],
      modulesRoot: dir,
      compatibilityDate: "2026-11-01",
      host: "127.0.0.1",
      port: await freePort(),
      ...(assets
        ? {
            assets: {
              directory: assets,
              binding: "ASSETS",
              routerConfig: { has_user_worker: true, invoke_user_worker_ahead_of_assets: true },
            },
          }
        : {}),
    }),
  );
  return start(name, mf);
}

/** Workers Static Assets serving pre-rendered bytes at `path` (no user worker). */
export async function staticServer(path: string, body: string): Promise<Server> {
  const dir = await mkdtemp(join(tmpdir(), "bench-static-"));
  const file = join(dir, `${path.replace(/^\//, "")}.html`);
  await mkdir(join(file, ".."), { recursive: true });
  await writeFile(file, body);
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      script: "export default { fetch() { return new Response('not found', { status: 404 }); } };",
      modules: true,
      compatibilityDate: "2026-11-01",
      assets: { directory: dir, routerConfig: { has_user_worker: false } },
      host: "127.0.0.1",
      port: await freePort(),
    }),
  );
  return start("STATIC", mf);
}

export type Tier = "memory" | "kv" | "miss";

/** Our worker. memory: as deployed; kv: memory tier off; miss: memory tier off and no KV. */
export async function ourServer(bundle: Bundle, tier: Tier): Promise<Server> {
  const vars: Record<string, string> = tier === "memory" ? {} : { RENDER_CACHE_MEMORY_BYTES: "0" };
  const mf = localWorker(bundle, { vars, port: await freePort(), withoutKv: tier === "miss" });
  return start(tier, mf);
}
