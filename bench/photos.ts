/**
 * Photo-like JPEGs for measuring derived pictures (bench/images.ts). A phone photo's bytes come
 * from its detail at every scale; these have a scene (sky-to-ground gradient, overlapping discs)
 * under a texture of 1/f ("pink") noise, the spectrum natural images follow: equal contrast in
 * every octave from 2 px to 512 px. At 4,000×3,000 and JPEG quality 92, as phones save, one is
 * about 3.7 MB, inside the 3–8 MB the editors' photos weigh; a flat or smooth picture would
 * flatter every figure measured on it.
 *
 * Textures are made a few times and reused (each photo crops, flips and labels one), because a
 * 12-megapixel texture takes seconds: 1,000 photos are then about half a second each.
 *
 *   node --experimental-strip-types bench/photos.ts <dir> <count> <width> <height> [prefix]
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import sharp from "sharp";

/** Distinct textures made per run; photos cycle through them. */
const TEXTURES = 6;

export interface PhotoOptions {
  width: number;
  height: number;
  /** File names are `<prefix><index, 4 digits>.jpg`. */
  prefix?: string;
  /** Every `portraitEvery`-th photo is stored sideways with EXIF orientation 6 and a GPS position. */
  portraitEvery?: number;
}

/** Writes `count` photos into `dir`; returns their names. */
export async function writePhotos(dir: string, count: number, options: PhotoOptions): Promise<string[]> {
  const { width, height, prefix = "p", portraitEvery = 5 } = options;
  await mkdir(dir, { recursive: true });
  const textures: Buffer[] = [];
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const t = i % TEXTURES;
    textures[t] ??= await texture(width, height, t);
    const name = `${prefix}${String(i).padStart(4, "0")}.jpg`;
    // A label unique to the photo (its number, somewhere new), so no two share bytes or pixels.
    const label = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><text x="${(((i * 379) % 70) + 5) * (width / 100)}" y="${(((i * 211) % 70) + 20) * (height / 100)}" font-size="${height / 12}" font-family="sans-serif" fill="#fff" fill-opacity="0.85">No.${i}</text></svg>`;
    let photo = sharp(textures[t]!, { raw: { width, height, channels: 3 } })
      .flop(Boolean(i & 1))
      .composite([{ input: Buffer.from(label) }]);
    const sideways = portraitEvery > 0 && i % portraitEvery === portraitEvery - 1;
    photo = sideways
      ? photo.withMetadata({ orientation: 6 }).withExif({
          IFD0: { Make: "BenchPhone", Orientation: "6" },
          IFD3: {
            GPSLatitudeRef: "N",
            GPSLatitude: "23/1 1/1 12/1",
            GPSLongitudeRef: "E",
            GPSLongitude: "113/1 6/1 30/1",
          },
        })
      : photo.withExif({ IFD0: { Make: "BenchPhone" } });
    await photo.jpeg({ quality: 92 }).toFile(join(dir, name));
    names.push(name);
  }
  return names;
}

/** A scene under pink noise, as raw RGB. */
async function texture(width: number, height: number, seedIndex: number): Promise<Buffer> {
  let seed = 2463534242 + seedIndex * 7919;
  // xorshift32: fast, and the same photos on every run.
  const rand = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 4294967296;
  };
  const hue = (seedIndex * 53) % 360;
  const discs = Array.from({ length: 12 }, (_, k) => {
    const cx = rand() * width;
    const cy = (0.35 + rand() * 0.55) * height;
    return `<circle cx="${cx}" cy="${cy}" r="${width / (8 + k)}" fill="hsl(${(hue + k * 29) % 360},50%,${30 + (k % 4) * 12}%)" opacity="0.85"/>`;
  }).join("");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
<defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="hsl(${hue},55%,78%)"/><stop offset="0.6" stop-color="hsl(${(hue + 40) % 360},40%,55%)"/><stop offset="1" stop-color="hsl(${(hue + 80) % 360},35%,28%)"/></linearGradient></defs>
<rect width="100%" height="100%" fill="url(#g)"/>${discs}</svg>`;
  const scene = await sharp(Buffer.from(svg)).removeAlpha().raw().toBuffer();
  const sum = new Float32Array(width * height * 3);
  for (let cell = 2; cell <= 512; cell *= 2) {
    const gw = Math.ceil(width / cell) + 1;
    const gh = Math.ceil(height / cell) + 1;
    const grid = new Uint8Array(gw * gh * 3);
    for (let p = 0; p < grid.length; p += 3) {
      const l = rand() * 255;
      grid[p] = l + (rand() - 0.5) * 40;
      grid[p + 1] = l + (rand() - 0.5) * 40;
      grid[p + 2] = l + (rand() - 0.5) * 40;
    }
    const octave = new Uint8Array(
      await sharp(grid, { raw: { width: gw, height: gh, channels: 3 } })
        .resize(gw * cell, gh * cell, { kernel: "cubic" })
        .extract({ left: 0, top: 0, width, height })
        .raw()
        .toBuffer(),
    );
    for (let p = 0; p < sum.length; p++) sum[p]! += (octave[p]! - 128) * 0.12;
  }
  const out = new Uint8ClampedArray(sum.length);
  for (let p = 0; p < sum.length; p++) out[p] = scene[p]! + sum[p]!;
  return Buffer.from(out.buffer);
}

if (import.meta.main) {
  const [dir, count, width, height, prefix] = process.argv.slice(2);
  await writePhotos(dir!, Number(count), { width: Number(width), height: Number(height), prefix });
}
