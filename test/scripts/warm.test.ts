/**
 * `npm run warm` end to end, locally: it renders what matters first (home, sections, feeds,
 * sitemaps, API lists, newest articles) with the bundled worker and bulk-puts
 * the renders into wrangler's local KV; a fresh `wrangler dev` on that storage then answers its
 * very first requests from KV, without rendering.
 */
import { execFile } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { startDevServer } from "../../scripts/wrangler/dev-server.ts";
import { fixtureProject } from "../support/project.ts";
import { SEED_SLUG } from "../support/site.ts";

describe("npm run warm", () => {
  it("fills KV so that a new worker's first requests are KV hits", async () => {
    // The fixture site, built: warm reads the build's manifest and bundles the worker from it.
    const root = await fixtureProject({ build: true });
    const state = await mkdtemp(join(tmpdir(), "warm-state-"));
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ["--experimental-strip-types", join(root, "scripts/warm.ts"), "--local", "--persist-to", state],
      { cwd: root, encoding: "utf8" },
    );
    const crawled = Number(/warm: (\d+) routes crawled, (\d+) renders/.exec(stderr)?.[1]);
    const renders = Number(/warm: (\d+) routes crawled, (\d+) renders/.exec(stderr)?.[2]);
    expect(crawled).toBeGreaterThanOrEqual(40);
    // URLs of one representation share a key (/api/v1/articles and its self link ?page=1&limit=10);
    // the API list warm reads to find the newest articles (?limit=50) is one more render.
    expect(renders).toBeGreaterThanOrEqual(crawled - 2);
    expect(renders).toBeLessThanOrEqual(crawled + 1);
    expect(stdout).toContain(`warm: ${renders} renders written to local KV`);
    expect(stderr).not.toContain("did not answer 200");

    const dev = await startDevServer(root, ["--persist-to", state]);
    try {
      for (const path of ["/", `/articles/${SEED_SLUG}`, "/feed.xml", "/api/v1/articles"]) {
        const res = await fetch(dev.url + path);
        expect(res.status, path).toBe(200);
        expect(res.headers.get("server-timing"), path).toBe("cache;desc=kv");
      }
    } finally {
      await dev.stop();
    }
  }, 120_000);
});
