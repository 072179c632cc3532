/**
 * Derived pictures: what is published instead of an editor's photo. With sharp (libvips, the
 * maintained image library Astro and Gatsby build on): each JPEG, PNG, WebP or AVIF in
 * content/media/ becomes widths 480, 960 and 1600 (never wider than the photo) in AVIF, WebP and a
 * JPEG (PNG for a PNG, keeping transparency) fallback. EXIF orientation is applied to the pixels;
 * every metadata block is dropped (a phone's GPS location above all) except the colour profile;
 * CMYK is converted to sRGB. The original is not published.
 *
 * Results are cached by the source's SHA-256 in .cache/images/<hash>/ (the files and a meta.json),
 * so a rebuild with unchanged photos only reads them back. GIF (kept as it is: animation
 * included) and SVG (checked by media-check.ts) are published unchanged.
 */
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import sharp, { type Metadata, type Sharp } from "sharp";

export const WIDTHS = [480, 960, 1600] as const;
/** Where derived pictures are cached, under the project root (git-ignored with .cache/). */
export const IMAGE_CACHE_DIR = ".cache/images";
/** A decompression bomb: more pixels than any photo needs (a 50-megapixel camera's). */
export const MAX_PIXELS = 50_000_000;
/** Workers Static Assets' limit for one file. */
export const MAX_FILE_BYTES = 25 * 1024 * 1024;

export interface Variant {
  file: string;
  width: number;
  height: number;
  bytes: number;
}

export interface Derived {
  /** The oriented picture's size. */
  width: number;
  height: number;
  /** AVIF, WebP, then the fallback (JPEG or PNG), each narrowest first. */
  sets: { type: string; variants: Variant[] }[];
  /** The source was CMYK (converted to sRGB). */
  cmyk: boolean;
}

export type DeriveProblem =
  { code: "media-corrupt"; reason: string } | { code: "media-too-many-pixels"; pixels: number };

/** Whether the build derives this file (by extension) rather than publishing it as it is. */
export function isDerived(name: string): boolean {
  return /\.(?:jpe?g|png|webp|avif)$/i.test(name);
}

const FORMATS = [
  { type: "image/avif", ext: "avif", encode: (s: Sharp) => s.avif({ quality: 50, effort: 2 }) },
  { type: "image/webp", ext: "webp", encode: (s: Sharp) => s.webp({ quality: 72 }) },
] as const;

/**
 * The variants of `name` (bytes `bytes`, digest `hash`), from the cache or made now and cached.
 * Files land in `cacheDir/<hash>/`; `publish` copies them into public/media/.
 */
export async function derive(
  cacheDir: string,
  name: string,
  bytes: Uint8Array,
  hash: string,
): Promise<Derived | DeriveProblem> {
  const dir = join(cacheDir, hash);
  try {
    return JSON.parse(await readFile(join(dir, "meta.json"), "utf8")) as Derived;
  } catch {
    // Not cached yet.
  }
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    return { code: "media-corrupt", reason: reasonOf(error) };
  }
  const pixels = (meta.width ?? 0) * (meta.height ?? 0);
  if (pixels > MAX_PIXELS) return { code: "media-too-many-pixels", pixels };
  // EXIF orientations 5–8 turn the picture a quarter: width and height swap.
  const turned = (meta.orientation ?? 1) >= 5;
  const width = (turned ? meta.height : meta.width) ?? 0;
  const height = (turned ? meta.width : meta.height) ?? 0;
  const cmyk = meta.space === "cmyk";
  const png = /\.png$/i.test(name);
  const stem = name.replace(/\.[^.]+$/, "");
  const widths = [...new Set(WIDTHS.map((w) => Math.min(w, width)))];
  const fallback = png
    ? { type: "image/png", ext: "png", encode: (s: Sharp) => s.png({ compressionLevel: 9, palette: false }) }
    : { type: "image/jpeg", ext: "jpg", encode: (s: Sharp) => s.jpeg({ quality: 78, mozjpeg: true }) };

  const tmp = `${dir}.tmp-${process.pid}`;
  await mkdir(tmp, { recursive: true });
  const sets: Derived["sets"] = [];
  try {
    for (const format of [...FORMATS, fallback]) {
      const variants: Variant[] = [];
      for (const w of widths) {
        let pipeline = sharp(bytes, { limitInputPixels: MAX_PIXELS })
          .rotate()
          .resize({ width: w, withoutEnlargement: true });
        pipeline = cmyk ? pipeline.toColourspace("srgb") : pipeline.keepIccProfile();
        const { data, info } = await format.encode(pipeline).toBuffer({ resolveWithObject: true });
        const file = `${stem}-${w}.${hash.slice(0, 10)}.${format.ext}`;
        await writeFile(join(tmp, file), data);
        variants.push({ file, width: info.width, height: info.height, bytes: data.length });
      }
      sets.push({ type: format.type, variants });
    }
  } catch (error) {
    return { code: "media-corrupt", reason: reasonOf(error) };
  }
  const derived: Derived = { width, height, sets, cmyk };
  await writeFile(join(tmp, "meta.json"), JSON.stringify(derived));
  // Whole or not at all: a build stopped halfway leaves no half-filled cache entry.
  await rename(tmp, dir).catch(() => undefined);
  return derived;
}

function reasonOf(error: unknown): string {
  return String((error as Error)?.message ?? error)
    .split("\n")[0]!
    .slice(0, 160);
}
