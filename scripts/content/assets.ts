/**
 * Static assets (src/assets/): fingerprinted at build time so their URLs can be cached for a year
 * (`immutable`), and written into the generated module as strings (they are ASCII). The local
 * preview's own files (PREVIEW_ONLY) are read only for a preview build (`--preview`,
 * CONTENT_PREVIEW=true), into a table of their own: a production build neither holds nor serves them.
 */
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { extname, join } from "node:path";
import type { Asset } from "../../src/content/assets.ts";
import { paths } from "../../src/content/urls.ts";

const TYPES: Record<string, string> = {
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".svg": "image/svg+xml; charset=utf-8",
};

/** Files of src/assets/ that only the local preview uses (src/routes/preview.ts). */
export const PREVIEW_ONLY = ["preview-reload.js", "preview.css"] as const;

export interface AssetTables {
  /** Served by every build at its fingerprinted path. */
  assets: Record<string, Asset>;
  /** The preview's files: empty unless the build is a preview build. */
  preview: Partial<Record<(typeof PREVIEW_ONLY)[number], Asset>>;
}

export async function readAssets(root: string, { preview = false }: { preview?: boolean } = {}): Promise<AssetTables> {
  const dir = join(root, "src/assets");
  const tables: AssetTables = { assets: {}, preview: {} };
  for (const name of (await readdir(dir)).sort()) {
    const type = TYPES[extname(name)];
    if (!type) continue;
    const previewOnly = (PREVIEW_ONLY as readonly string[]).includes(name);
    if (previewOnly && !preview) continue;
    const body = minify(await readFile(join(dir, name), "utf8"), extname(name));
    const hash = createHash("sha256").update(body).digest("hex").slice(0, 10);
    const dot = name.lastIndexOf(".");
    const asset = { path: paths.asset(`${name.slice(0, dot)}.${hash}${name.slice(dot)}`), type, body };
    if (previewOnly) tables.preview[name as (typeof PREVIEW_ONLY)[number]] = asset;
    else tables.assets[name] = asset;
  }
  return tables;
}

/** The generated module's asset tables (src/generated/assets.ts), ICONS aside. */
export function assetsSource({ assets, preview }: AssetTables): string {
  const names = PREVIEW_ONLY.map((n) => JSON.stringify(n)).join(" | ");
  return `export const ASSETS = ${JSON.stringify(assets, null, 2)} satisfies Record<string, Asset>;

/** The local preview's own files: in a preview build (--preview, CONTENT_PREVIEW=true) only. */
export const PREVIEW_ASSETS: Partial<Record<${names}, Asset>> = ${JSON.stringify(preview, null, 2)};
`;
}

/** Comment and blank-line removal only: safe for any CSS, JS or SVG we write by hand. */
function minify(text: string, ext: string): string {
  let out = text;
  if (ext === ".css") out = out.replace(/\/\*[\s\S]*?\*\//g, "");
  if (ext === ".js") out = out.replace(/^\s*\/\/.*$/gm, "");
  return out
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .join("\n");
}
