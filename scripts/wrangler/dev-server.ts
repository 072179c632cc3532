/**
 * Starts `wrangler dev` on a free local port for scripts that need the real worker (screenshots,
 * browser tests), and stops it afterwards. No Cloudflare account: local mode only.
 */
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { wranglerCommand } from "./bin.ts";

export interface DevServer {
  url: string;
  stop(): Promise<void>;
}

/** A TCP port free on 127.0.0.1 now (the OS picks it): for wrangler dev, npm run dev's servers, the tests. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** `port`: one the caller chose (e.g. a site built with its origin on it); else a free one. */
export async function startDevServer(
  root: string,
  extraArgs: string[] = [],
  timeoutMs = 60_000,
  chosenPort?: number,
): Promise<DevServer> {
  const port = chosenPort ?? (await freePort());
  const wrangler = wranglerCommand(["dev", "--port", String(port), "--ip", "127.0.0.1", ...extraArgs]);
  const child = spawn(wrangler.command, wrangler.args, {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" },
    detached: true,
  });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`wrangler dev did not start in ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/Ready on http/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`wrangler dev exited with ${code}:\n${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      child.removeAllListeners("exit");
      const exited = new Promise((r) => child.once("exit", r));
      process.kill(-child.pid!, "SIGTERM");
      await exited;
    },
  };
}
