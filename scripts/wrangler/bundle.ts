/**
 * The worker exactly as it would be deployed: `wrangler deploy --dry-run --outdir`, for one
 * environment. Used by `npm run check` (the script's size against Cloudflare's limit), `npm run warm`
 * (to render what production will serve), the tests that run the deployed worker and the benchmarks.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readdir, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { wranglerCommand } from "./bin.ts";

export interface Bundle {
  dir: string;
  main: string;
  /** Bytes of every uploaded module (index.js and the text modules), raw. */
  bytes: number;
  /** wrangler's own "Total Upload: … KiB / gzip: … KiB" line. */
  summary: string;
  /** The Static Assets directory deployed with it (the content store and media). */
  assets: string;
}

export async function bundleWorker(root: string, env?: string): Promise<Bundle> {
  const dir = await mkdtemp(join(tmpdir(), "worker-bundle-"));
  const { command, args } = wranglerCommand(["deploy", "--dry-run", "--outdir", dir, ...(env ? ["--env", env] : [])]);
  const { stdout } = await promisify(execFile)(command, args, {
    cwd: root,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
    maxBuffer: 64 * 1024 * 1024,
  });
  let bytes = 0;
  for (const name of await readdir(dir)) {
    if (!name.endsWith(".map") && name !== "README.md") bytes += (await stat(join(dir, name))).size;
  }
  return {
    dir,
    main: join(dir, "index.js"),
    bytes,
    summary: /Total Upload:.*$/m.exec(stdout)?.[0] ?? "",
    assets: join(root, "public"),
  };
}
