/**
 * Pictures as editors use them (issue 33, part 4): the cover with its own description, built into
 * the figure shown above the body and the lists' thumbnail, its warnings resolvable from the
 * desk's fields; a picture uploaded under any name (Chinese, spaces, upper case) stored under a
 * safe one, the name given kept as its default description.
 */
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import sharp from "sharp";
import { beforeEach, describe, expect, it } from "vitest";
import { buildContent } from "../../scripts/content/index.ts";
import { createDesk, type Desk } from "../../scripts/desk/backend.ts";
import { readArticle, toDecap } from "../../scripts/desk/article.ts";
import { describedAs, storedName } from "../../scripts/desk/media-names.ts";
import { fixtureProject } from "../support/project.ts";

const NOW = Date.parse("2026-12-06T12:00:00+08:00");
let root: string;
let desk: Desk;
let photo: Buffer;

beforeEach(async () => {
  root = await fixtureProject();
  desk = createDesk(root, { now: () => NOW });
  photo ??= await sharp({ create: { width: 1200, height: 800, channels: 3, background: "#a0522d" } })
    .jpeg()
    .toBuffer();
});

const FILE = "content/articles/feng-mian.md";
const article = (frontMatter: string, body = "正文第一段。") =>
  writeFile(
    join(root, FILE),
    `---\nid: 6a1d8e2a-3c4b-4d6e-8f70-1a2b3c4d5e99\ntitle: 封面测试\ncategory: 协会动态\ndate: 2026-03-01\n${frontMatter}---\n\n${body}\n`,
  );
const built = async () => {
  const { model, issues } = await buildContent(root);
  return {
    cover: model!.articles.find((a) => a.slug === "feng-mian")!,
    issues: issues.filter((i) => i.file === FILE).map((i) => `${i.field} ${i.code}`),
  };
};

describe("the cover in the build", () => {
  it("becomes a figure of its published variants with its own description, and a 480 px thumbnail", async () => {
    await writeFile(join(root, "content/media/hui-chang.jpg"), photo);
    await article("image: { file: hui-chang.jpg, alt: 协会会员大会会场 }\n");
    const { cover, issues } = await built();
    expect(issues).toEqual([]);
    expect(cover.coverHtml).toMatch(
      /^<figure class="cover"><picture><source type="image\/avif" srcset="\/media\/hui-chang-480\.[0-9a-f]{10}\.avif 480w, .*<img src="\/media\/hui-chang-1200\.[0-9a-f]{10}\.jpg" .* alt="协会会员大会会场" width="1200" height="800" fetchpriority="high"><\/picture><\/figure>\n$/,
    );
    expect(cover.cover!.thumb).toEqual({
      file: expect.stringMatching(/^hui-chang-480\.[0-9a-f]{10}\.jpg$/),
      width: 480,
      height: 320,
    });
  });

  it("is not shown above the body when the body places the same picture", async () => {
    await writeFile(join(root, "content/media/hui-chang.jpg"), photo);
    await article("image: hui-chang.jpg\n", "![会场](hui-chang.jpg)");
    const { cover, issues } = await built();
    expect(issues).toEqual([]);
    expect(cover.coverHtml).toBeUndefined();
    expect(cover.cover!.thumb).toBeDefined();
  });

  it("declared in images: with its description and not in the body: neither warning of issue 33", async () => {
    await writeFile(join(root, "content/media/cover.jpg"), photo);
    await article("image: cover.jpg\nimages:\n  - { file: cover.jpg, alt: 会场全景 }\n");
    const { cover, issues } = await built();
    expect(issues).toEqual([]);
    expect(cover.cover!.alt).toBe("会场全景");
  });

  it("still warns when the cover has no description anywhere", async () => {
    await writeFile(join(root, "content/media/cover.jpg"), photo);
    await article("image: cover.jpg\n");
    expect((await built()).issues).toEqual(["image image-alt-missing"]);
  });
});

describe("a picture's name at upload", () => {
  it("is stored in pinyin, lowercase, when it is Chinese, has spaces or capitals", () => {
    expect(storedName("会场照片.jpg", photo)).toBe("hui-chang-zhao-pian.jpg");
    expect(storedName("IMG 2034.JPG", photo)).toBe("img-2034.jpg");
    expect(storedName("年会 合影-2026.PNG", photo)).toBe("nian-hui-he-ying-2026.png");
    expect(storedName("peixun.png", photo)).toBe("peixun.png");
    expect(storedName("🎉.png", photo)).toMatch(/^picture-[0-9a-f]{8}\.png$/);
    expect(storedName("说明.txt", photo)).toBeUndefined();
  });

  it("without its extension is the default description", () => {
    expect(describedAs("会场照片.jpg")).toBe("会场照片");
    expect(describedAs("年会-合影.JPG")).toBe("年会 合影");
  });
});

describe("the desk's save with a picture uploaded under a Chinese name", () => {
  const save = (data: Record<string, unknown>, body: string, assets: { path: string; content: string }[]) =>
    desk.handle("persistEntry", {
      dataFiles: [{ path: "content/articles/hui-yi.md", raw: toDecap({ data, body }) }],
      assets,
      options: { newEntry: true },
    });
  const NEW = { title: "会议", category: "协会动态", date: "2026-11-20T14:30" };

  it("stores the cover as hui-chang-zhao-pian.jpg, described by its name where the editor left it empty", async () => {
    const answer = await save({ ...NEW, image: { file: "../media/会场照片.jpg", alt: "" } }, "正文。", [
      { path: "content/media/会场照片.jpg", content: photo.toString("base64") },
    ]);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(await readdir(join(root, "content/media"))).toContain("hui-chang-zhao-pian.jpg");
    expect(await readdir(join(root, "content/media"))).not.toContain("会场照片.jpg");
    expect(await readFile(join(root, "content/media/hui-chang-zhao-pian.jpg"))).toEqual(photo);
    expect(readArticle(await readFile(join(root, "content/articles/hui-yi.md"), "utf8"))!.data.image).toEqual({
      file: "hui-chang-zhao-pian.jpg",
      alt: "会场照片",
    });
  });

  it("renames it in the body too, keeping a description the editor typed", async () => {
    const answer = await save({ ...NEW }, "![](../media/会场照片.jpg)\n\n![主席台](../media/会场照片.jpg)", [
      { path: "content/media/会场照片.jpg", content: photo.toString("base64") },
    ]);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(readArticle(await readFile(join(root, "content/articles/hui-yi.md"), "utf8"))!.body).toBe(
      "![会场照片](../media/hui-chang-zhao-pian.jpg)\n\n![主席台](../media/hui-chang-zhao-pian.jpg)\n",
    );
  });

  it("keeps the safe name on the next save, when the desk's form still names the picture as uploaded", async () => {
    await save({ ...NEW, image: { file: "../media/会场照片.jpg", alt: "" } }, "正文。", [
      { path: "content/media/会场照片.jpg", content: photo.toString("base64") },
    ]);
    const { file } = (await desk.handle("getEntry", { path: "content/articles/hui-yi.md" })).body as {
      file: { deskVersion: string };
    };
    const again = await desk.handle("persistEntry", {
      dataFiles: [
        {
          path: "content/articles/hui-yi.md",
          raw: toDecap({ data: { ...NEW, image: { file: "../media/会场照片.jpg", alt: "" } }, body: "正文,改过。" }),
        },
      ],
      assets: [],
      options: { newEntry: false },
      base: file.deskVersion,
    });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    const saved = readArticle(await readFile(join(root, "content/articles/hui-yi.md"), "utf8"))!;
    expect(saved.data.image).toEqual({ file: "hui-chang-zhao-pian.jpg", alt: "会场照片" });
    expect(saved.body).toBe("正文,改过。\n");
  });

  it("gives a second, different picture of the same name its own file", async () => {
    const other = await sharp({ create: { width: 600, height: 400, channels: 3, background: "#2e8b57" } })
      .jpeg()
      .toBuffer();
    await writeFile(join(root, "content/media/hui-chang-zhao-pian.jpg"), other);
    const answer = await save({ ...NEW, image: { file: "../media/会场照片.jpg", alt: "主会场" } }, "正文。", [
      { path: "content/media/会场照片.jpg", content: photo.toString("base64") },
    ]);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const image = readArticle(await readFile(join(root, "content/articles/hui-yi.md"), "utf8"))!.data.image as {
      file: string;
    };
    expect(image).toEqual({ file: expect.stringMatching(/^hui-chang-zhao-pian-[0-9a-f]{8}\.jpg$/), alt: "主会场" });
    expect(await readFile(join(root, "content/media", image.file))).toEqual(photo);
    expect(await readFile(join(root, "content/media/hui-chang-zhao-pian.jpg"))).toEqual(other);
  });
});
