/**
 * Static assets (src/assets/): fingerprinted at build time so their URLs can be cached for a year
 * (`immutable`), and written into the generated module as strings (they are ASCII).
 */
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { extname, join } from "node:path";
import type { Asset } from "../../src/content/assets.ts";

const TYPES: Record<string, string> = {
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".svg": "image/svg+xml; charset=utf-8",
};

export async function readAssets(root: string): Promise<Record<string, Asset>> {
  const dir = join(root, "src/assets");
  const assets: Record<string, Asset> = {};
  for (const name of (await readdir(dir)).sort()) {
    const type = TYPES[extname(name)];
    if (!type) continue;
    const body = minify(await readFile(join(dir, name), "utf8"), extname(name));
    const hash = createHash("sha256").update(body).digest("hex").slice(0, 10);
    const dot = name.lastIndexOf(".");
    assets[name] = { path: `/assets/${name.slice(0, dot)}.${hash}${name.slice(dot)}`, type, body };
  }
  return assets;
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
