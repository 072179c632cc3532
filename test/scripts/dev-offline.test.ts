/**
 * `npm run dev` on a machine with no network (issue 33 part 6): an editor offline reads any error
 * or warning as a failure, so wrangler must not reach out on its own (telemetry, the update check behind its
 * banner, miniflare's fetch of workers.cloudflare.com/cf.json). Run in a network namespace of its
 * own (`unshare -rn`: only a loopback), where every such fetch fails with a DNS error.
 */
import { execFileSync, spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { freePort } from "../../scripts/wrangler/dev-server.ts";
import { fixtureProject } from "../support/project.ts";

/** Whether this machine lets an unprivileged process have a network namespace of its own. */
function canGoOffline(): boolean {
  try {
    execFileSync("unshare", ["-rn", "true"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/**
 * The environment of an editor's terminal: this run's without what vitest sets (NODE_ENV=test
 * turns miniflare's cf.json fetch off by itself) or a preview build flag.
 */
function editorsShell(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (/^(?:NODE_ENV|VITEST.*|CONTENT_PREVIEW|CI)$/.test(key)) delete env[key];
  return env;
}

describe("npm run dev offline", () => {
  it.skipIf(!canGoOffline())(
    "starts without printing a network error (no telemetry, update check or cf.json fetch)",
    async () => {
      const root = await fixtureProject();
      const port = await freePort();
      const child = spawn(
        "unshare",
        [
          "-rn",
          "sh",
          "-c",
          `ip link set lo up && exec "${process.execPath}" --experimental-strip-types scripts/dev.ts --port ${port} --root "${root}"`,
        ],
        { cwd: root, detached: true, env: editorsShell() },
      );
      let out = "";
      child.stdout.on("data", (d) => (out += d));
      child.stderr.on("data", (d) => (out += d));
      const ready = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), 90_000);
        const check = () => {
          // Ready, and a few seconds more for anything printed after (the cf.json fetch's warning
          // came just before and after "Starting local server").
          if (/Ready on http/.test(out)) {
            clearTimeout(timer);
            setTimeout(() => resolve(true), 3000);
            child.stdout.off("data", check);
            child.stderr.off("data", check);
          }
        };
        child.stdout.on("data", check);
        child.stderr.on("data", check);
      });
      const exited = new Promise((r) => child.once("exit", r));
      process.kill(-child.pid!, "SIGINT");
      await exited;
      expect(ready, out).toBe(true);
      expect(out).toContain(`dev: the site at http://127.0.0.1:${port}/`);
      expect(out).not.toMatch(/getaddrinfo|EAI_AGAIN|ENOTFOUND|workers\.cloudflare\.com|Request\.cf/);
      expect(out).not.toMatch(/update available|registry\.npmjs\.org/);
      // Nor a WARNING about what dev never does (Cron Triggers): an editor reads it as a failure.
      expect(out).not.toMatch(/WARNING|\[wrangler:warn\]/);
    },
    120_000,
  );
});
