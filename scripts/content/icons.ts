/**
 * The site's icons, drawn at build time from its SVG mark (src/assets/favicon.svg) with resvg
 * (@resvg/resvg-wasm: the Rust SVG renderer as WebAssembly, no native build, build time only):
 * PNG squares for feed readers, phones and the web app manifest, and a 2:1 logo (RFC 4287 §4.2.8
 * asks Atom logos for that ratio). The mark sits on the brand colour filling the whole square, so
 * a platform's own rounding or mask never shows a transparent corner. Fingerprinted like the other
 * assets; written into the generated module as base64 (a few KB each).
 */
import { createHash } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { initWasm, Resvg } from "@resvg/resvg-wasm";
import type { Icon } from "../../src/content/assets.ts";
import { paths } from "../../src/content/urls.ts";
import { codeHash } from "./cache.ts";

/** name → [width, height]. */
export const ICON_SIZES = {
  /** JSON Feed `icon` (1.1: 512×512), the manifest's large icon. */
  "icon-512.png": [512, 512],
  /** The manifest's small icon (Android's launcher size). */
  "icon-192.png": [192, 192],
  /** `apple-touch-icon` (iOS: 180×180). */
  "apple-touch-icon.png": [180, 180],
  /** RSS 2.0 `<image>` (at most 144 px wide). */
  "icon-144.png": [144, 144],
  /** Atom `<icon>` and JSON Feed `favicon` (small and square). */
  "icon-64.png": [64, 64],
  /** Atom `<logo>` (2:1). */
  "logo.png": [400, 200],
} as const;

export type IconName = keyof typeof ICON_SIZES;
const BRAND = "#8a2c1c";
let ready: Promise<void> | undefined;

export async function renderIcons(root: string): Promise<Record<IconName, Icon>> {
  const mark = await readFile(join(root, "src/assets/favicon.svg"), "utf8");
  // Kept between builds (rendering them is a few hundred ms of every rebuild), under a key of the
  // mark and the build's code (which holds the sizes, the brand colour and resvg's version).
  const key = createHash("sha256")
    .update(`${await codeHash()}\0${mark}`)
    .digest("hex")
    .slice(0, 32);
  const kept = join(root, ICON_CACHE_DIR, `${key}.json`);
  try {
    const icons = JSON.parse(await readFile(kept, "utf8")) as Record<IconName, Icon>;
    // Each as its bytes say (edited by hand, or cut short: rendered again).
    const whole = Object.keys(ICON_SIZES).every((name) => {
      const icon = icons[name as IconName];
      const hash = icon && createHash("sha256").update(Buffer.from(icon.base64, "base64")).digest();
      return hash && icon.etag === `"${hash.subarray(0, 16).toString("base64url")}"`;
    });
    if (whole) return icons;
  } catch {
    // Not kept yet, or unreadable: rendered again below.
  }
  const icons = await render(mark);
  await rm(join(root, ICON_CACHE_DIR), { recursive: true, force: true });
  await mkdir(join(root, ICON_CACHE_DIR), { recursive: true });
  await writeFile(`${kept}.tmp`, JSON.stringify(icons));
  await rename(`${kept}.tmp`, kept);
  return icons;
}

/** Where rendered icons are kept between builds. */
const ICON_CACHE_DIR = ".cache/icons";

async function render(mark: string): Promise<Record<IconName, Icon>> {
  ready ??= readFile(createRequire(import.meta.url).resolve("@resvg/resvg-wasm/index_bg.wasm")).then((wasm) =>
    initWasm(wasm),
  );
  await ready;
  const inner = mark.replace(/^<svg[^>]*>/, "").replace(/<\/svg>\s*$/, "");
  const icons = {} as Record<IconName, Icon>;
  for (const [name, [width, height]] of Object.entries(ICON_SIZES) as [IconName, readonly [number, number]][]) {
    // The 64-unit mark centred on a brand-coloured canvas of the icon's proportions.
    const w = (64 * width) / height;
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} 64"><rect width="${w}" height="64" fill="${BRAND}"/><g transform="translate(${(w - 64) / 2} 0)">${inner}</g></svg>`;
    const png = new Resvg(svg, { fitTo: { mode: "width", value: width } }).render().asPng();
    const hash = createHash("sha256").update(png).digest();
    const dot = name.lastIndexOf(".");
    icons[name] = {
      path: paths.asset(`${name.slice(0, dot)}.${hash.toString("hex").slice(0, 10)}${name.slice(dot)}`),
      type: "image/png",
      width,
      height,
      base64: Buffer.from(png).toString("base64"),
      etag: `"${hash.subarray(0, 16).toString("base64url")}"`,
    };
  }
  return icons;
}
