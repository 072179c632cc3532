/**
 * Derived pictures: what is published instead of an editor's photo. With sharp (libvips, the
 * maintained image library Astro and Gatsby build on): each JPEG, PNG, WebP or AVIF in
 * content/media/ becomes widths 480, 800 and 1600 (never wider than the photo) in AVIF, WebP and a
 * fallback: JPEG, or PNG for a PNG or a picture with transparency. EXIF orientation is applied to the
 * pixels; every metadata block is dropped (a phone's GPS location above all) except the colour
 * profile; CMYK is converted to sRGB. The original is not published.
 *
 * Each published name carries its own bytes' digest (`meeting-800.3fa2c41b09.avif`), so it can be
 * cached for a year and changes whenever the bytes do, whether the photo or the recipe changed.
 *
 * Results are cached in .cache/images/<source SHA-256>.<derivation key>/ (the files and a
 * meta.json): a rebuild with unchanged photos reads one small file per photo, and a change of how
 * pictures are made (this module, RECIPE below among it, or sharp and libvips: `derivationKey`)
 * makes every picture again instead of reusing files made another way.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Metadata, Sharp } from "sharp";
import { slugify } from "./scaffold.ts";

/**
 * The widths made, chosen against the text column (40rem, less 1rem each side on a phone): a
 * 375 px phone at DPR 2 needs 686 px and gets 800; at DPR 3 browsers take 800 or 1600; a desktop
 * takes 800 at DPR 1 and 1600 at DPR 2.
 */
export const WIDTHS = [480, 800, 1600] as const;
/**
 * How each format is encoded. AVIF at effort 0: on photos it is within 3% of effort 2's bytes at
 * the same quality and PSNR, in a third of the time (bench/images.ts, docs/performance.md).
 */
const RECIPE = {
  widths: WIDTHS,
  avif: { quality: 50, effort: 0 },
  webp: { quality: 72 },
  jpeg: { quality: 78, mozjpeg: true },
  png: { compressionLevel: 9, palette: false },
} as const;

/**
 * What a cached picture depends on besides its source: the code that makes it (`code`, this
 * module's text: the recipe, turning upright, reducing, colour profiles) and the encoders
 * (`versions`: sharp's and those of libvips and its codecs, whose bytes change between releases).
 * A change of either makes every picture again, so a rebuild's pictures are those of a build
 * from nothing (build-content.ts), as the article cache's key covers the build's code (cache.ts).
 */
export function derivationKey(versions: Readonly<Record<string, string | undefined>>, code: string): string {
  return createHash("sha256").update(JSON.stringify(versions)).update("\0").update(code).digest("hex").slice(0, 8);
}

/**
 * sharp, loaded when a picture is first looked up: loading it (libvips) took about 0.3 s of every
 * build, most of which derive no picture, and none of a build that changed nothing (builder.ts).
 */
const loadSharp = () => (sharpModule ??= import("sharp").then((m) => m.default));
let sharpModule: Promise<typeof import("sharp").default> | undefined;
/** This code's and these encoders' `derivationKey`, made once. */
const derivation = () =>
  (derivationOnce ??= loadSharp().then((sharp) =>
    derivationKey(sharp.versions, readFileSync(import.meta.filename, "utf8")),
  ));
let derivationOnce: Promise<string> | undefined;

/** Where derived pictures are cached, under the project root (git-ignored with .cache/). */
export const IMAGE_CACHE_DIR = ".cache/images";
/** A decompression bomb: more pixels than any photo needs (a 50-megapixel camera's). */
export const MAX_PIXELS = 50_000_000;
/** Workers Static Assets' limit for one file. */
export const MAX_FILE_BYTES = 25 * 1024 * 1024;

export interface Variant {
  /** The published name, in public/media/ and at /media/<file>. */
  file: string;
  /** Where its bytes are, relative to the image cache. */
  cached: string;
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
  | { code: "media-corrupt"; reason: string }
  | { code: "media-too-many-pixels"; pixels: number }
  | { code: "media-animated"; frames: number };

/** What meta.json in a cache entry holds: names there are the entry's own, not the published ones. */
interface CacheEntry {
  width: number;
  height: number;
  cmyk: boolean;
  sets: { type: string; ext: string; variants: { width: number; height: number; bytes: number; digest: string }[] }[];
}

/** Whether the build derives this file (by extension) rather than publishing it as it is. */
export function isDerived(name: string): boolean {
  return /\.(?:jpe?g|png|webp|avif)$/i.test(name);
}

const FORMATS = [
  { type: "image/avif", ext: "avif", encode: (s: Sharp) => s.avif(RECIPE.avif) },
  { type: "image/webp", ext: "webp", encode: (s: Sharp) => s.webp(RECIPE.webp) },
] as const;
const JPEG = { type: "image/jpeg", ext: "jpg", encode: (s: Sharp) => s.jpeg(RECIPE.jpeg) } as const;
const PNG = { type: "image/png", ext: "png", encode: (s: Sharp) => s.png(RECIPE.png) } as const;

/** The cache entry of a source, when one was made by this code with these encoders. */
export async function cached(cacheDir: string, name: string, hash: string): Promise<Derived | undefined> {
  const key = `${hash}.${await derivation()}`;
  try {
    return published(name, key, JSON.parse(await readFile(join(cacheDir, key, "meta.json"), "utf8")) as CacheEntry);
  } catch {
    return undefined;
  }
}

/**
 * The variants of `name` (its bytes `bytes`, their SHA-256 `hash`), made now and cached. The source is decoded, turned upright and reduced to the widest variant once; every
 * variant is made from that (lossless, colour profile kept), not by decoding the photo again.
 */
export async function derive(
  cacheDir: string,
  name: string,
  bytes: Uint8Array,
  hash: string,
): Promise<Derived | DeriveProblem> {
  const sharp = await loadSharp();
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    return { code: "media-corrupt", reason: reasonOf(error) };
  }
  const pixels = (meta.width ?? 0) * (meta.height ?? 0);
  if (pixels > MAX_PIXELS) return { code: "media-too-many-pixels", pixels };
  // An animated WebP or AVIF: its variants would show the first frame only.
  if ((meta.pages ?? 1) > 1) return { code: "media-animated", frames: meta.pages! };
  // EXIF orientations 5–8 turn the picture a quarter: width and height swap.
  const turned = (meta.orientation ?? 1) >= 5;
  const width = (turned ? meta.height : meta.width) ?? 0;
  const height = (turned ? meta.width : meta.height) ?? 0;
  const cmyk = meta.space === "cmyk";
  const widths = [...new Set(WIDTHS.map((w) => Math.min(w, width)))];
  const key = `${hash}.${await derivation()}`;
  const tmp = join(cacheDir, `${key}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`);
  await mkdir(tmp, { recursive: true });
  try {
    let upright = sharp(bytes, { limitInputPixels: MAX_PIXELS })
      .rotate()
      .resize({ width: widths.at(-1)!, withoutEnlargement: true });
    upright = cmyk ? upright.toColourspace("srgb") : upright.keepIccProfile();
    // Uncompressed TIFF: lossless, carries the ICC profile, and decodes in a few milliseconds.
    const base = await upright.tiff({ compression: "none" }).toBuffer();
    const entry: CacheEntry = { width, height, cmyk, sets: [] };
    // A PNG (a chart, a screenshot: sharp edges) or any picture with transparency keeps PNG.
    for (const format of [...FORMATS, meta.format === "png" || meta.hasAlpha ? PNG : JPEG]) {
      const variants: CacheEntry["sets"][number]["variants"] = [];
      for (const w of widths) {
        const pipeline = sharp(base).resize({ width: w }).keepIccProfile();
        const { data, info } = await format.encode(pipeline).toBuffer({ resolveWithObject: true });
        const digest = createHash("sha256").update(data).digest("hex").slice(0, 10);
        await writeFile(join(tmp, `${w}.${format.ext}`), data);
        variants.push({ width: info.width, height: info.height, bytes: data.length, digest });
      }
      entry.sets.push({ type: format.type, ext: format.ext, variants });
    }
    await writeFile(join(tmp, "meta.json"), JSON.stringify(entry));
    // Whole or not at all: a build stopped halfway leaves no half-filled cache entry. Two builds
    // making the same entry at once: the first rename wins, the second's files are identical.
    await rename(tmp, join(cacheDir, key)).catch(() => rm(tmp, { recursive: true, force: true }));
    return published(name, key, entry);
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    return { code: "media-corrupt", reason: reasonOf(error) };
  }
}

/**
 * A cache entry as published for `name`: meeting.jpg's 800 px AVIF is meeting-800.<digest>.avif.
 * The stem is made an ASCII slug (会场.jpg → huichang-800…, IMG_0042.JPG → img-0042-800…): the
 * names /media/ serves are plain (MEDIA_FILE_RE), and the digest keeps equal stems apart.
 */
function published(name: string, key: string, entry: CacheEntry): Derived {
  const stem = slugify(name.replace(/\.[^.]+$/, "")) || "picture";
  return {
    width: entry.width,
    height: entry.height,
    cmyk: entry.cmyk,
    sets: entry.sets.map((set) => ({
      type: set.type,
      variants: set.variants.map((v) => ({
        file: `${stem}-${v.width}.${v.digest}.${set.ext}`,
        cached: `${key}/${v.width}.${set.ext}`,
        width: v.width,
        height: v.height,
        bytes: v.bytes,
      })),
    })),
  };
}

function reasonOf(error: unknown): string {
  return String((error as Error)?.message ?? error)
    .split("\n")[0]!
    .slice(0, 160);
}
