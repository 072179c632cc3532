/**
 * Derived pictures (scripts/content/images.ts) from photos generated here: rotated by EXIF, with a
 * GPS location, wide and tall. The variants exist with the right widths and types, no output byte
 * carries the location, the original is not published, the article shows <picture>, a rebuild
 * reuses the cache. Bad inputs: test/scripts/errors.test.ts (with every other content problem).
 */
import { createHash } from "node:crypto";
import { readdir, readFile, stat, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { buildContent, writeMedia } from "../../scripts/content/index.ts";
import { derivationKey, IMAGE_CACHE_DIR } from "../../scripts/content/images.ts";
import { thumbnailOf } from "../../src/content/index.ts";
import { fixture, frames, VALID_ARTICLE } from "./fixture.ts";

/** A 2000×1500 JPEG whose EXIF says "rotate 90°" (orientation 6) and carries a GPS position. */
async function phonePhoto(): Promise<Buffer> {
  return sharp({ create: { width: 2000, height: 1500, channels: 3, background: "#8a6c3c" } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExif({
      IFD0: { Make: "TestPhone", Orientation: "6" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "23/1 1/1 12/1", GPSLongitudeRef: "E", GPSLongitude: "113/1 6/1 30/1" },
    })
    .toBuffer();
}

const tallPng = () =>
  sharp({ create: { width: 800, height: 1200, channels: 4, background: { r: 0, g: 90, b: 160, alpha: 0.5 } } })
    .png()
    .toBuffer();

describe("derived pictures", () => {
  it("publishes AVIF, WebP and JPEG/PNG variants, rotated, without metadata, and not the original", async () => {
    const photo = await phonePhoto();
    // The GPS IFD pointer (EXIF tag 0x8825, little- or big-endian) and the camera's name are in the source.
    const gps = (b: Buffer) => b.includes(Buffer.from([0x25, 0x88])) || b.includes(Buffer.from([0x88, 0x25]));
    expect(gps(photo)).toBe(true);
    expect((await sharp(photo).metadata()).orientation).toBe(6);
    const root = await fixture({
      "media/meeting.jpg": photo,
      "media/tall.png": await tallPng(),
      "articles/a.md": VALID_ARTICLE + "\n![会场全景](meeting.jpg)\n\n![图表](tall.png)\n",
    });
    const { model, issues, mediaFiles } = await buildContent(root);
    expect(issues).toEqual([]);
    await writeMedia(root, mediaFiles!);
    const published = (await readdir(join(root, "public/media"))).sort();
    expect(published).not.toContain("meeting.jpg");
    expect(published).not.toContain("tall.png");
    const widths = (stem: string, ext: string) =>
      published
        .filter((f) => f.startsWith(`${stem}-`) && f.endsWith(`.${ext}`))
        .map((f) => Number(/-(\d+)\./.exec(f)![1]));
    // The photo stands 1500 wide once turned: 1600 is not reached, and nothing is enlarged.
    for (const ext of ["avif", "webp", "jpg"])
      expect(widths("meeting", ext).sort((a, b) => a - b)).toEqual([480, 800, 1500]);
    for (const ext of ["avif", "webp", "png"]) expect(widths("tall", ext).sort((a, b) => a - b)).toEqual([480, 800]);
    for (const file of published) {
      const bytes = await readFile(join(root, "public/media", file));
      const meta = await sharp(bytes).metadata();
      // No EXIF block (where the GPS IFD lives) and no XMP at all; compressed pixels are not
      // searched for the tag's two bytes, which can occur in them by chance.
      expect(meta.exif, file).toBeUndefined();
      expect(meta.xmp, file).toBeUndefined();
      expect(bytes.includes(Buffer.from("TestPhone")), file).toBe(false);
      if (file.startsWith("meeting-1500"))
        expect([meta.width, meta.height, meta.orientation ?? 1]).toEqual([1500, 2000, 1]);
    }
    const html = model!.articles[0]!.html;
    expect(html).toMatch(
      /^<figure><picture><source type="image\/avif" srcset="\/media\/meeting-480\.[0-9a-f]{10}\.avif 480w, \/media\/meeting-800\.[0-9a-f]{10}\.avif 800w, \/media\/meeting-1500\.[0-9a-f]{10}\.avif 1500w" sizes="\(max-width: 42rem\) calc\(100vw - 2rem\), 40rem"><source type="image\/webp" srcset="[^"]+" sizes="[^"]+"><img src="\/media\/meeting-1500\.[0-9a-f]{10}\.jpg" srcset="[^"]+" sizes="[^"]+" alt="会场全景" width="1500" height="2000" fetchpriority="high"><\/picture><\/figure>$/m,
    );
    expect(html).toMatch(
      /<img src="\/media\/tall-800\.[0-9a-f]{10}\.png" [^>]*alt="图表" width="800" height="1200" loading="lazy" decoding="async">/,
    );
    const thumb = model!.articles[0]!.figures[0]!;
    expect(thumb.src).toMatch(/^meeting-1500\.[0-9a-f]{10}\.jpg$/);
    expect(published).toContain(thumb.src);
  });

  it("reuses the cache on a rebuild: nothing is encoded or copied again", async () => {
    const root = await fixture({
      "media/meeting.jpg": await phonePhoto(),
      "articles/a.md": VALID_ARTICLE + "\n![会场](meeting.jpg)\n",
    });
    const first = await buildContent(root);
    expect(await writeMedia(root, first.mediaFiles!)).toBe(9);
    const [entry] = (await readdir(join(root, IMAGE_CACHE_DIR), { withFileTypes: true })).filter((d) =>
      d.isDirectory(),
    );
    const before = (await stat(join(root, IMAGE_CACHE_DIR, entry!.name, "meta.json"))).mtimeMs;
    const again = await buildContent(root);
    expect(again.issues).toEqual([]);
    expect((await stat(join(root, IMAGE_CACHE_DIR, entry!.name, "meta.json"))).mtimeMs).toBe(before);
    expect(await writeMedia(root, again.mediaFiles!)).toBe(0);
    expect(again.model!.version).toBe(first.model!.version);
  });

  it("takes the digest again when a photo changes behind its old size and mtime", async () => {
    const photo = await phonePhoto();
    const root = await fixture({
      "media/meeting.jpg": photo,
      "articles/a.md": VALID_ARTICLE + "\n![会场](meeting.jpg)\n",
    });
    const first = await buildContent(root);
    const path = join(root, "content/media/meeting.jpg");
    const { atime, mtime } = await stat(path);
    // One byte of the camera's name changed and the mtime put back: only the change time tells.
    const edited = Buffer.from(photo);
    const at = edited.indexOf("TestPhone");
    edited[at] = "X".charCodeAt(0);
    await writeFile(path, edited);
    await utimes(path, atime, mtime);
    const second = await buildContent(root);
    expect(second.issues).toEqual([]);
    expect(second.model!.version).not.toBe(first.model!.version);
    const entries = (await readdir(join(root, IMAGE_CACHE_DIR), { withFileTypes: true })).filter((d) =>
      d.isDirectory(),
    );
    expect(entries.length).toBe(2);
  });

  it("unpublishes a replaced photo's variants", async () => {
    const root = await fixture({
      "media/meeting.jpg": await phonePhoto(),
      "articles/a.md": VALID_ARTICLE + "\n![会场](meeting.jpg)\n",
    });
    const first = await buildContent(root);
    await writeMedia(root, first.mediaFiles!);
    await writeFile(
      join(root, "content/media/meeting.jpg"),
      await tallPng().then((png) => sharp(png).jpeg().toBuffer()),
    );
    const second = await buildContent(root);
    await writeMedia(root, second.mediaFiles!);
    const published = (await readdir(join(root, "public/media"))).sort();
    expect(published).toEqual([...second.mediaFiles!.keys()].sort());
    expect(published.filter((f) => first.mediaFiles!.has(f))).toEqual([]);
  });

  it("publishes an animated GIF as it is, every frame kept", async () => {
    const gif = await sharp(await frames(40), { join: { animated: true } })
      .gif()
      .toBuffer();
    const root = await fixture({
      "media/spin.gif": gif,
      "articles/a.md": VALID_ARTICLE + "\n![转动的标志](spin.gif)\n",
    });
    const { issues, model, mediaFiles } = await buildContent(root);
    expect(issues).toEqual([]);
    await writeMedia(root, mediaFiles!);
    const published = await readFile(join(root, "public/media/spin.gif"));
    expect(published.equals(gif)).toBe(true);
    expect((await sharp(published).metadata()).pages).toBe(3);
    expect(model!.articles[0]!.html).toContain(
      '<img src="/media/spin.gif" alt="转动的标志" width="40" height="40" fetchpriority="high">',
    );
  });

  it("takes a photo named in Chinese as written (or by its path from the article), and publishes it under a pinyin name, inline pictures too", async () => {
    const root = await fixture({
      "media/会场 全景.jpg": await tallPng().then((png) => sharp(png).jpeg().toBuffer()),
      "articles/a.md":
        VALID_ARTICLE.replace(
          "date: 2026-01-05",
          "date: 2026-01-05\nimages:\n  - { file: 旧照.jpg, alt: 旧照, unavailable: true }",
        ) + "\n![会场全景](<../media/会场 全景.jpg>)\n\n文中小图![小图](<会场 全景.jpg>)。\n\n![旧照](旧照.jpg)\n",
    });
    const { issues, model, mediaFiles } = await buildContent(root);
    expect(issues).toEqual([]);
    const files = [...mediaFiles!.keys()];
    expect(files.length).toBe(6);
    for (const f of files) expect(f).toMatch(/^hui-chang-quan-jing-(?:480|800)\.[0-9a-f]{10}\.(?:avif|webp|jpg)$/);
    const html = model!.articles[0]!.html;
    expect(html).toMatch(
      /<img src="\/media\/hui-chang-quan-jing-800\.[0-9a-f]{10}\.jpg" srcset="[^"]+" sizes="[^"]+" alt="会场全景"/,
    );
    // Inside running text: a <picture> of the published variants, never the original.
    expect(html).toMatch(
      /文中小图<picture><source type="image\/avif" srcset="\/media\/hui-chang-quan-jing-480\.[0-9a-f]{10}\.avif 480w, [^"]+ 800w" sizes="[^"]+"><source type="image\/webp" [^>]+><img src="\/media\/hui-chang-quan-jing-800\.[0-9a-f]{10}\.jpg" srcset="[^"]+" sizes="[^"]+" alt="小图" width="800" height="1200" loading="lazy" decoding="async"><\/picture>。/,
    );
    expect(html).not.toContain("%E4%BC%9A");
    expect(html).toContain("<!-- picture 旧照.jpg: file not available -->");
  });

  it("takes the thumbnail from image: in front matter, placed in the body or not", async () => {
    const photo = await tallPng().then((png) => sharp(png).jpeg().toBuffer());
    const withImage = (image: string, body = "") =>
      VALID_ARTICLE.replace("date: 2026-01-05", `date: 2026-01-05\nimage: ${image}`) + body;
    const root = await fixture({
      "media/封面.jpg": photo,
      "media/meeting.jpg": await phonePhoto(),
      "articles/a.md": withImage("{ file: 封面.jpg, alt: 年会封面 }", "\n![会场](meeting.jpg)\n"),
      "articles/b.md": withImage("meeting.jpg", "\n![会场全景](meeting.jpg)\n").replace(
        "11111111-1111-4111-8111-111111111111",
        "22222222-2222-4222-8222-222222222222",
      ),
    });
    const { issues, model } = await buildContent(root);
    expect(issues).toEqual([]);
    const [a, b] = ["a", "b"].map((slug) => model!.articles.find((x) => x.slug === slug)!);
    expect(thumbnailOf(a!)).toEqual({
      file: "封面.jpg",
      alt: "年会封面",
      available: true,
      src: expect.stringMatching(/^feng-mian-800\.[0-9a-f]{10}\.jpg$/),
      width: 800,
      height: 1200,
      bytes: expect.any(Number),
      // The lists' card picture (issue 33 part 4): the 480 px variant, in proportion.
      thumb: { file: expect.stringMatching(/^feng-mian-480\.[0-9a-f]{10}\.jpg$/), width: 480, height: 720 },
    });
    // Not placed in the body: the page shows only the meeting photo.
    expect(a!.html).not.toContain("feng-mian");
    expect(thumbnailOf(b!)!.alt).toBe("会场全景");
  });

  it("reports an image: that is not in content/media/, or has no alt, at its front-matter line", async () => {
    const root = await fixture({
      "media/meeting.jpg": await phonePhoto(),
      "articles/a.md": VALID_ARTICLE.replace("date: 2026-01-05", "date: 2026-01-05\nimage: gone.jpg"),
      "articles/b.md": VALID_ARTICLE.replace("date: 2026-01-05", "date: 2026-01-05\nimage: meeting.jpg").replace(
        "11111111-1111-4111-8111-111111111111",
        "22222222-2222-4222-8222-222222222222",
      ),
    });
    const { issues } = await buildContent(root);
    expect(issues.map((i) => `${i.code} ${i.file}:${i.line} ${i.field}`).sort()).toEqual([
      "image-alt-missing content/articles/b.md:6 image",
      "missing-media content/articles/a.md:6 image",
    ]);
  });

  it("keeps transparency: a WebP with an alpha channel falls back to PNG, an opaque one to JPEG", async () => {
    const webp = (alpha: number) =>
      sharp({ create: { width: 600, height: 400, channels: 4, background: { r: 200, g: 40, b: 20, alpha } } })
        .webp({ lossless: true })
        .toBuffer();
    const root = await fixture({
      "media/clear.webp": await webp(0.4),
      "media/solid.webp": await webp(1),
      "articles/a.md": VALID_ARTICLE + "\n![透明](clear.webp)\n\n![不透明](solid.webp)\n",
    });
    const { issues, mediaFiles } = await buildContent(root);
    expect(issues).toEqual([]);
    const files = [...mediaFiles!.keys()];
    expect(
      files
        .filter((f) => f.startsWith("clear-"))
        .map((f) => f.split(".").pop())
        .sort(),
    ).toEqual(["avif", "avif", "png", "png", "webp", "webp"]);
    expect(
      files
        .filter((f) => f.startsWith("solid-"))
        .map((f) => f.split(".").pop())
        .sort(),
    ).toEqual(["avif", "avif", "jpg", "jpg", "webp", "webp"]);
  });
});

describe("the picture cache's key", () => {
  const CODE = join(import.meta.dirname, "../../scripts/content/images.ts");

  it("changes with the encoders' versions and with the code that makes the pictures", () => {
    const versions = { sharp: "0.35.5", vips: "8.18.7", aom: "3.15.1" };
    const key = derivationKey(versions, "const RECIPE = { avif: { quality: 50 } };");
    expect(key).toMatch(/^[0-9a-f]{8}$/);
    expect(derivationKey({ ...versions, vips: "8.18.8" }, "const RECIPE = { avif: { quality: 50 } };")).not.toBe(key);
    expect(derivationKey({ ...versions, aom: "3.16.0" }, "const RECIPE = { avif: { quality: 50 } };")).not.toBe(key);
    expect(derivationKey(versions, "const RECIPE = { avif: { quality: 51 } };")).not.toBe(key);
    expect(derivationKey(versions, "const RECIPE = { avif: { quality: 50 } };")).toBe(key);
  });

  it("names each cached picture by this sharp and this module's code", async () => {
    const root = await fixture({
      "media/meeting.jpg": await phonePhoto(),
      "articles/a.md": VALID_ARTICLE + "\n![会场](meeting.jpg)\n",
    });
    await buildContent(root);
    const source = createHash("sha256")
      .update(await readFile(join(root, "content/media/meeting.jpg")))
      .digest("hex");
    const entries = (await readdir(join(root, IMAGE_CACHE_DIR), { withFileTypes: true })).filter((d) =>
      d.isDirectory(),
    );
    expect(entries.map((d) => d.name)).toEqual([
      `${source}.${derivationKey(sharp.versions, await readFile(CODE, "utf8"))}`,
    ]);
  });
});
