/**
 * Photo-like pictures for measuring derived images (README, "Limits"): a sky-to-ground gradient
 * with shapes and a mild grain, as JPEG. `node --experimental-strip-types bench/photos.ts <dir>
 * <count> <width> <height> [prefix]`. They compress better than real photos: figures measured on
 * them are a lower bound of real bytes.
 */
import sharp from "sharp";
import { mkdirSync } from "node:fs";
const dir = process.argv[2]!;
const count = Number(process.argv[3]);
const width = Number(process.argv[4]);
const height = Number(process.argv[5]);
const prefix = process.argv[6] ?? "p";
mkdirSync(dir, { recursive: true });
for (let i = 0; i < count; i++) {
  const hue = (i * 47) % 360;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
<defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="hsl(${hue},60%,75%)"/><stop offset="0.6" stop-color="hsl(${(hue + 40) % 360},40%,55%)"/><stop offset="1" stop-color="hsl(${(hue + 80) % 360},35%,30%)"/></linearGradient></defs>
<rect width="100%" height="100%" fill="url(#g)"/>
${Array.from({ length: 12 }, (_, k) => `<circle cx="${(((k * 137 + i * 31) % 100) / 100) * width}" cy="${(0.4 + ((k * 53) % 50) / 100) * height}" r="${width / (10 + k)}" fill="hsl(${(hue + k * 25) % 360},50%,${35 + (k % 4) * 10}%)" opacity="0.8"/>`).join("")}
</svg>`;
  const grain = Buffer.alloc(width * height);
  for (let p = 0; p < grain.length; p++) grain[p] = 118 + (((p * 2654435761 + i) >>> 27) & 15);
  await sharp(Buffer.from(svg))
    .composite([
      {
        input: await sharp(grain, { raw: { width, height, channels: 1 } })
          .png()
          .toBuffer(),
        blend: "overlay",
      },
    ])
    .jpeg({ quality: 90 })
    .toFile(`${dir}/${prefix}${String(i).padStart(4, "0")}.jpg`);
}
