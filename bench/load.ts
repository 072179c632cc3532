/**
 * Load benchmark: requests per second of each variant, interleaved (A B C … A B C …) so that drift
 * of the machine hits every variant alike; each variant's ratio is to LIMIT of the same round.
 */
import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { bundleWorker, type Bundle } from "../scripts/wrangler/bundle.ts";
import { startDevServer } from "../scripts/wrangler/dev-server.ts";
import { limitServer, ourServer, staticServer, twinServer, type Server } from "./servers.ts";
import type { LoadResult, LoadRow } from "./results.ts";
import { wrk } from "./wrk.ts";

export const ARTICLE = "/articles/chancheng-2018-reform-four-towns";
export const ROUTES = [ARTICLE, "/feed.xml", "/feed.json", "/api/v1/articles"];

export interface Variant {
  route: string;
  name: string;
  server: Server;
  path: string;
  headers?: Record<string, string>;
}

export async function runLoad(
  root: string,
  rounds: number,
  seconds: number,
  log: (s: string) => void,
): Promise<LoadResult> {
  const bundle = await bundleWorker(root);
  log(`bundle: ${bundle.summary}`);
  const ours = {
    memory: await ourServer(bundle, "memory"),
    kv: await ourServer(bundle, "kv"),
    miss: await ourServer(bundle, "miss"),
  };
  const servers: Server[] = Object.values(ours);
  try {
    const page = await fetch(ours.memory.url + ARTICLE);
    const pageBody = await page.text();
    const limit = await limitServer(pageBody, page.headers.get("content-type")!, bundle.assets);
    const stat = await staticServer(ARTICLE, pageBody);
    // The twin answers with exactly what a memory hit answers: same bytes, same headers.
    const hit = await fetch(ours.memory.url + ARTICLE);
    await hit.arrayBuffer();
    // Framing headers are the runtime's own (workerd gzips a body whose Content-Encoding says gzip).
    const framing = new Set(["content-length", "content-encoding", "transfer-encoding"]);
    const twin = await twinServer(
      pageBody,
      [...hit.headers].filter(([name]) => !framing.has(name)),
      bundle.assets,
    );
    servers.push(limit, stat, twin);

    const variants: Variant[] = [
      { route: ARTICLE, name: "LIMIT", server: limit, path: "/" },
      { route: ARTICLE, name: "TWIN", server: twin, path: "/" },
      { route: ARTICLE, name: "STATIC", server: stat, path: ARTICLE },
    ];
    const sizes = new Map<string, number>();
    for (const route of ROUTES) {
      // Warm: the memory tier renders once; the KV server's first request writes its KV entry.
      const first = await fetch(ours.memory.url + route);
      const body = await first.arrayBuffer();
      sizes.set(route, body.byteLength);
      const etag = first.headers.get("etag")!;
      await (await fetch(ours.kv.url + route)).arrayBuffer();
      variants.push(
        { route, name: "memory hit", server: ours.memory, path: route },
        { route, name: "KV hit", server: ours.kv, path: route },
        { route, name: "miss (render)", server: ours.miss, path: route },
        { route, name: "304", server: ours.memory, path: route, headers: { "if-none-match": etag } },
      );
    }
    await new Promise((r) => setTimeout(r, 500)); // let the KV writes land
    for (const route of ROUTES) {
      const timing = (await fetch(ours.kv.url + route)).headers.get("server-timing");
      if (timing !== "cache;desc=kv") throw new Error(`KV variant of ${route} is not serving from KV: ${timing}`);
    }

    const rows = new Map<Variant, LoadRow>();
    for (const v of variants)
      rows.set(v, {
        route: v.route,
        variant: v.name,
        rps: [],
        latencyMs: [],
        ratio: [],
        bytes: v.name === "304" ? 0 : (sizes.get(v.route) ?? pageBody.length),
      });
    for (let round = 1; round <= rounds; round++) {
      let limitRps = 0;
      for (const v of variants) {
        const r = await wrk(v.server.url + v.path, seconds, v.headers);
        // Recorded, not fatal: a failing answer under load is a finding for the report.
        if (r.non2xx3xx > 0) log(`${v.name} ${v.route}: ${r.non2xx3xx} non-2xx/3xx responses in this run`);
        if (v.name === "LIMIT") limitRps = r.rps;
        const row = rows.get(v)!;
        row.rps.push(r.rps);
        row.latencyMs.push(r.latencyMs);
        row.ratio.push(r.rps / limitRps);
        log(
          `round ${round}/${rounds} ${v.name.padEnd(14)} ${v.route.padEnd(44)} ${r.rps.toFixed(0).padStart(6)} req/s`,
        );
      }
    }

    const startupMs = await startup(bundle, pageBody, rounds);
    const wranglerDev = await viaWranglerDev(root, pageBody, seconds, limit, log);
    return {
      rounds,
      seconds,
      connections: 16,
      rows: [...rows.values()],
      wranglerDev,
      bundle: await bundleSizes(bundle),
      startupMs,
    };
  } finally {
    await Promise.all(servers.map((s) => s.mf.dispose()));
  }
}

/** Raw and gzip size of the upload, and of the code alone (index.js; bodies are text modules). */
export async function bundleSizes(bundle: Bundle): Promise<LoadResult["bundle"]> {
  let gzip = 0;
  let codeGzip = 0;
  for (const name of await readdir(bundle.dir)) {
    if (name.endsWith(".map") || name === "README.md") continue;
    const n = gzipSync(await readFile(join(bundle.dir, name))).length;
    gzip += n;
    if (name === "index.js") codeGzip = n;
  }
  return { raw: bundle.bytes, gzip, codeGzip, summary: bundle.summary };
}

/** Time from starting a fresh workerd to its first answered request: ours against LIMIT's. */
async function startup(bundle: Bundle, body: string, rounds: number): Promise<{ ours: number[]; limit: number[] }> {
  const result = { ours: [] as number[], limit: [] as number[] };
  for (let i = 0; i < rounds; i++) {
    for (const kind of ["limit", "ours"] as const) {
      const t0 = performance.now();
      const server =
        kind === "ours"
          ? await ourServer(bundle, "memory")
          : await limitServer(body, "text/html; charset=utf-8", bundle.assets);
      await (await fetch(server.url + (kind === "ours" ? ARTICLE : "/"))).arrayBuffer();
      result[kind].push(performance.now() - t0);
      await server.mf.dispose();
    }
  }
  return result;
}

/** The same LIMIT worker under `wrangler dev` (its proxy worker in front) against Miniflare's. */
async function viaWranglerDev(root: string, body: string, seconds: number, limit: Server, log: (s: string) => void) {
  const dir = await mkdtemp(join(tmpdir(), "bench-dev-"));
  await writeFile(join(dir, "body.txt"), body);
  await writeFile(
    join(dir, "index.js"),
    `import body from "./body.txt";\nexport default { fetch() { return new Response(body, { headers: { "content-type": "text/html; charset=utf-8" } }); } };\n`,
  );
  await writeFile(
    join(dir, "wrangler.toml"),
    `name = "bench-limit"\nmain = "index.js"\ncompatibility_date = "2026-11-01"\nrules = [{ type = "Text", globs = ["**/*.txt"] }]\n`,
  );
  const dev = await startDevServer(root, ["--config", join(dir, "wrangler.toml")]);
  try {
    const viaDev = await wrk(dev.url + "/", seconds);
    const viaMiniflare = await wrk(limit.url + "/", seconds);
    log(
      `LIMIT via wrangler dev ${viaDev.rps.toFixed(0)} req/s, via the Miniflare API ${viaMiniflare.rps.toFixed(0)} req/s`,
    );
    return { limitRps: viaDev.rps, miniflareLimitRps: viaMiniflare.rps };
  } finally {
    await dev.stop();
  }
}
