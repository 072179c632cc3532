/**
 * The editor's desk is never deployed: the bundle `wrangler deploy` uploads and its Static Assets
 * hold none of it, and the deployed worker answers /admin/ with its 404 page (issue 23).
 */
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import type { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleWorker, type Bundle } from "../../scripts/wrangler/bundle.ts";
import { localWorker } from "../../scripts/wrangler/local-worker.ts";
import { fixtureProject } from "../support/project.ts";

let bundle: Bundle;
let mf: Miniflare;
let origin: string;

beforeAll(async () => {
  bundle = await bundleWorker(await fixtureProject({ build: true }));
  mf = localWorker(bundle, { withoutKv: true });
  origin = (await mf.ready).toString().replace(/\/$/, "");
}, 120_000);

afterAll(async () => {
  await mf?.dispose();
});

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)));
}

describe("the deployed worker has no editor's desk", () => {
  it("uploads a script without Decap CMS or the desk's backend", async () => {
    const script = await readFile(bundle.main, "utf8");
    for (const mark of ["decap-cms", "/admin/api/v1", "persistEntry", "CMS_MANUAL_INIT"])
      expect(script.includes(mark), mark).toBe(false);
  });

  it("uploads no desk file among its Static Assets", async () => {
    expect((await files(bundle.assets)).filter((f) => /admin|decap|desk/i.test(f))).toEqual([]);
  });

  it("answers the desk's paths with 404", async () => {
    for (const path of ["/admin/", "/admin/desk.js", "/admin/api/config", "/admin/decap/decap-cms.js"])
      expect((await fetch(`${origin}${path}`)).status, path).toBe(404);
  });

  it("takes no write at the desk's backend (the site is read-only: 405)", async () => {
    expect((await fetch(`${origin}/admin/api/v1`, { method: "POST", body: "{}" })).status).toBe(405);
  });
});
