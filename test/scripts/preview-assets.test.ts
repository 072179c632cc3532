/**
 * The local preview's reload script ships only in preview builds (issue 25: it was served at
 * /assets/preview-reload.<hash>.js by production builds too).
 */
import { execFile } from "node:child_process";
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { assetsSource, PREVIEW_ONLY, readAssets } from "../../scripts/content/assets.ts";
import { fixtureProject, ROOT } from "../support/project.ts";

describe("the asset step", () => {
  it("leaves the preview's files out of a production build", async () => {
    const { assets, preview } = await readAssets(ROOT);
    expect(Object.keys(assets)).toContain("site.css");
    expect(Object.keys(assets)).not.toContain("preview-reload.js");
    expect(Object.keys(assets)).not.toContain("preview.css");
    expect(preview).toEqual({});
    expect(assetsSource({ assets, preview })).toContain(
      'export const PREVIEW_ASSETS: Partial<Record<"preview-reload.js" | "preview.css", Asset>> = {};',
    );
  });

  it("puts them in a table of their own in a preview build, never among the served assets", async () => {
    const production = await readAssets(ROOT);
    const { assets, preview } = await readAssets(ROOT, { preview: true });
    expect(assets).toEqual(production.assets);
    expect(Object.keys(preview)).toEqual([...PREVIEW_ONLY]);
    expect(preview["preview-reload.js"]).toMatchObject({
      path: expect.stringMatching(/^\/assets\/preview-reload\.[0-9a-f]{10}\.js$/),
      type: "text/javascript; charset=utf-8",
      body: expect.stringContaining("/__preview/version"),
    });
    // The draft and scheduled banners' style (issue 33): preview builds only.
    expect(preview["preview.css"]).toMatchObject({
      path: expect.stringMatching(/^\/assets\/preview\.[0-9a-f]{10}\.css$/),
      type: "text/css; charset=utf-8",
      body: expect.stringContaining(".preview-banner"),
    });
  });

  it("writes the generated module accordingly: `npm run build` without, --preview with", async () => {
    const root = await fixtureProject();
    try {
      const build = async (...args: string[]) => {
        await promisify(execFile)(
          process.execPath,
          ["--experimental-strip-types", "scripts/build-content.ts", ...args],
          { cwd: root, env: { ...process.env, CONTENT_PREVIEW: "" } },
        );
        return readFile(join(root, "src/generated/assets.ts"), "utf8");
      };
      const production = await build();
      expect(production).not.toMatch(/\/assets\/preview-reload\./);
      expect(production).not.toContain("location.reload");
      expect(production).not.toContain("preview-banner");
      const preview = await build("--preview");
      expect(preview).toMatch(/"path": "\/assets\/preview-reload\.[0-9a-f]{10}\.js"/);
      expect(preview).toContain("location.reload");
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  }, 120_000);
});
