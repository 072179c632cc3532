/**
 * The editor's desk backend (scripts/desk/backend.ts) and its configuration, on copies of the
 * fixture site: what a save writes, what it refuses and why, in the words of the check.
 */
import { readFile, writeFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "yaml";
import { beforeEach, describe, expect, it } from "vitest";
import { createDesk, type Desk } from "../../scripts/desk/backend.ts";
import { toDecap, writeArticle, readArticle } from "../../scripts/desk/article.ts";
import { deskConfig, FIELD_WIDGETS } from "../../scripts/desk/config.ts";
import { ARTICLE_KEYS } from "../../scripts/content/schema.ts";
import { recordDeployed } from "../../scripts/deploy/deployed.ts";
import { fixtureProject, FIXTURE_SITE } from "../support/project.ts";

let root: string;
let desk: Desk;
const NOW = Date.parse("2026-12-06T12:00:00+08:00");

beforeEach(async () => {
  root = await fixtureProject();
  desk = createDesk(root, { now: () => NOW });
});

const raw = (data: Record<string, unknown>, body = "正文。\n") => toDecap({ data, body });
const article = (name: string) => readFile(join(root, "content/articles", name), "utf8");
const save = (name: string, data: Record<string, unknown>, extra: Record<string, unknown> = {}, body?: string) =>
  desk.handle("persistEntry", {
    dataFiles: [{ path: `content/articles/${name}`, raw: raw(data, body) }],
    assets: [],
    options: { newEntry: true },
    ...extra,
  });
const NEW = { title: "协会举办陶瓷设计培训班", category: "协会动态", date: "2026-11-20T14:30" };
const PNG = () => readFile(join(FIXTURE_SITE, "content/media/huiyi.png"));
const upload = async (name: string, bytes: Buffer) =>
  desk.handle("persistMedia", { asset: { path: `content/media/${name}`, content: bytes.toString("base64") } });

describe("a new article saved from the desk", () => {
  it("is the documented file: schema order, a new permanent id, slug left to the file name", async () => {
    const answer = await save("pei-xun.md", { ...NEW, slug: "pei-xun", tags: ["培训", "禅城区"], _state: "草稿" });
    expect(answer.status).toBe(200);
    const text = await article("pei-xun.md");
    const id = /^id: (\S+)$/m.exec(text)![1]!;
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(text).toBe(
      `---\nid: ${id}\ntitle: 协会举办陶瓷设计培训班\ncategory: 协会动态\ndate: 2026-11-20T14:30\ntags: [培训, 禅城区]\n---\n\n正文。\n`,
    );
  });

  it("is recorded in the id ledger", async () => {
    await save("pei-xun.md", NEW);
    const id = /^id: (\S+)$/m.exec(await article("pei-xun.md"))![1]!;
    const ledger = JSON.parse(await readFile(join(root, "content/id-ledger.json"), "utf8")) as Record<string, unknown>;
    expect(ledger[id]).toEqual({ slug: "pei-xun", title: "协会举办陶瓷设计培训班" });
  });

  it("writes the date-not-known form, and a source without a link as its name", async () => {
    await save("pei-xun.md", {
      ...NEW,
      date: { notBefore: "2018-06-20", note: "原页面未载明" },
      updated: "2026-12-06",
      source: { name: "佛山日报", url: "" },
    });
    const fm = parse((await article("pei-xun.md")).split("---")[1]!) as Record<string, unknown>;
    expect(fm.date).toEqual({ notBefore: "2018-06-20", note: "原页面未载明" });
    expect(fm.source).toBe("佛山日报");
    expect(fm.updated).toBe("2026-12-06");
  });

  it("refuses a slug an article already has (409), and writes nothing", async () => {
    const before = await article("member-congress-2026.md");
    const answer = await save("member-congress-2026.md", NEW);
    expect(answer).toEqual({
      status: 409,
      body: { error: "已有文章使用此网址(content/articles/member-congress-2026.md):请换一个网址。", conflict: true },
    });
    expect(await article("member-congress-2026.md")).toBe(before);
  });
});

describe("the check's problems, at their fields, nothing written", () => {
  const refused = async (data: Record<string, unknown>) => {
    const answer = await save("pei-xun.md", data);
    expect(answer.status).toBe(422);
    expect(await readdir(join(root, "content/articles"))).not.toContain("pei-xun.md");
    return (answer.body as { problems: { field: string; code: string; message: string }[] }).problems.map((p) => [
      p.field,
      p.code,
      p.message,
    ]);
  };

  it("an invalid date", async () => {
    expect(await refused({ ...NEW, date: "2026-02-30T09:00" })).toEqual([
      ["date", "invalid-date", "“发布时间”不是有效的日期"],
    ]);
  });

  it("an unknown section", async () => {
    const problems = await refused({ ...NEW, category: "新闻中心" });
    expect(problems.map((p) => p.slice(0, 2))).toEqual([["category", "unknown-category"]]);
  });

  it("a missing title", async () => {
    expect(await refused({ category: "协会动态", date: "2026-11-20T14:30" })).toEqual([
      ["title", "required", "请填写“标题”"],
    ]);
  });
});

describe("two tabs on one article", () => {
  it("refuses the later save made from an older version (409), keeping the earlier one", async () => {
    const listed = (await desk.handle("getEntry", { path: "content/articles/tile-exports-2025.md" })).body as {
      file: { deskVersion: string };
      data: string;
    };
    const opened = readArticle(await article("tile-exports-2025.md"))!;
    const edit = (title: string) =>
      desk.handle("persistEntry", {
        dataFiles: [
          {
            path: "content/articles/tile-exports-2025.md",
            raw: toDecap({ ...opened, data: { ...opened.data, title } }),
          },
        ],
        assets: [],
        options: { newEntry: false },
        base: listed.file.deskVersion,
      });
    expect((await edit("第一个标签页的标题")).status).toBe(200);
    const second = await edit("第二个标签页的标题");
    expect(second.status).toBe(409);
    expect((second.body as { error: string }).error).toContain("已被修改");
    expect(await article("tile-exports-2025.md")).toContain("title: 第一个标签页的标题");
  });

  it("keeps the id on disk whatever id the browser sends", async () => {
    const text = await article("tile-exports-2025.md");
    const opened = readArticle(text)!;
    const { file } = (await desk.handle("getEntry", { path: "content/articles/tile-exports-2025.md" })).body as {
      file: { deskVersion: string };
    };
    await desk.handle("persistEntry", {
      dataFiles: [
        {
          path: "content/articles/tile-exports-2025.md",
          raw: toDecap({ ...opened, data: { ...opened.data, id: "00000000-0000-4000-8000-000000000000" } }),
        },
      ],
      assets: [],
      options: { newEntry: false },
      base: file.deskVersion,
    });
    expect(readArticle(await article("tile-exports-2025.md"))!.data.id).toBe(opened.data.id);
  });
});

describe("a save while another file has errors", () => {
  it("saves the article and lists the other file's errors", async () => {
    const broken = join(root, "content/articles/school-books-2025.md");
    await writeFile(broken, (await readFile(broken, "utf8")).replace("category: 慈善公益", "category: 不存在的栏目"));
    const answer = await save("pei-xun.md", NEW);
    expect(answer.status).toBe(200);
    expect(
      (answer.body as { others: { file: string; field: string; code: string }[] }).others.map((o) => [
        o.file,
        o.field,
        o.code,
      ]),
    ).toEqual([["content/articles/school-books-2025.md", "category", "unknown-category"]]);
    expect(await readdir(join(root, "content/articles"))).toContain("pei-xun.md");
  });
});

describe("pictures uploaded from the desk", () => {
  it("lands a good picture in content/media/", async () => {
    const answer = await upload("peixun.png", await PNG());
    expect(answer.status).toBe(200);
    expect(await readFile(join(root, "content/media/peixun.png"))).toEqual(await PNG());
  });

  it("refuses a damaged picture with the pipeline's message, writing nothing", async () => {
    const answer = await upload("broken.png", (await PNG()).subarray(0, 34));
    expect(answer.status).toBe(422);
    expect((answer.body as { problems: { code: string }[] }).problems.map((p) => p.code)).toEqual(["media-corrupt"]);
    expect(await readdir(join(root, "content/media"))).not.toContain("broken.png");
  });

  it("refuses an SVG that runs a script", async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const answer = await upload("logo.svg", svg);
    expect(answer.status).toBe(422);
    expect((answer.body as { problems: { code: string }[] }).problems.map((p) => p.code)).toEqual(["media-unsafe-svg"]);
  });

  it("refuses a file over 25 MiB before reading it as a picture", async () => {
    const answer = await upload("huge.jpg", Buffer.alloc(25 * 2 ** 20 + 1));
    expect(answer.status).toBe(422);
    expect((answer.body as { error: string }).error).toBe("huge.jpg:文件有 25.0 MB,超过单个文件 25 MB 的上限");
  });

  it("checks a picture sent with a save before anything is written, its problem at the field naming it", async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const answer = await save(
      "pei-xun.md",
      { ...NEW, image: "../media/logo.svg" },
      {
        assets: [{ path: "content/media/logo.svg", content: svg.toString("base64") }],
      },
    );
    expect(answer.status).toBe(422);
    expect(
      (answer.body as { problems: { field: string; code: string }[] }).problems.map((p) => [p.field, p.code]),
    ).toEqual([["image", "media-unsafe-svg"]]);
    expect(await readdir(join(root, "content/media"))).not.toContain("logo.svg");
    expect(await readdir(join(root, "content/articles"))).not.toContain("pei-xun.md");
  });

  it("writes a good picture sent with a save together with the article that names it", async () => {
    const answer = await save(
      "pei-xun.md",
      { ...NEW, image: "../media/peixun.png" },
      {
        assets: [{ path: "content/media/peixun.png", content: (await PNG()).toString("base64") }],
      },
    );
    expect(answer.status).toBe(200);
    expect(await readFile(join(root, "content/media/peixun.png"))).toEqual(await PNG());
    expect(readArticle(await article("pei-xun.md"))!.data.image).toBe("peixun.png");
  });

  it("refuses a path outside content/media/", async () => {
    const answer = await upload("../articles/x.png", await PNG());
    expect(answer.status).toBe(422);
  });
});

describe("deleting an article on purpose", () => {
  it("removes its file and its line in the id ledger", async () => {
    const id = readArticle(await article("tile-exports-2025.md"))!.data.id as string;
    await desk.handle("deleteFiles", { paths: ["content/articles/tile-exports-2025.md"] });
    expect(await readdir(join(root, "content/articles"))).not.toContain("tile-exports-2025.md");
    const ledger = JSON.parse(await readFile(join(root, "content/id-ledger.json"), "utf8")) as Record<string, unknown>;
    expect(ledger[id]).toBeUndefined();
  });

  it("refuses a path outside content/", async () => {
    expect((await desk.handle("deleteFiles", { paths: ["package.json"] })).status).toBe(422);
  });

  const remove = async () =>
    (
      (await desk.handle("deleteFiles", { paths: ["content/articles/tile-exports-2025.md"] })).body as {
        trashed: { id: string; path: string; title: string }[];
      }
    ).trashed[0]!;

  it("restores the file and its ledger line byte for byte until the next deploy (issue 33)", async () => {
    const text = await article("tile-exports-2025.md");
    const ledger = await readFile(join(root, "content/id-ledger.json"), "utf8");
    const item = await remove();
    expect(item).toMatchObject({ path: "content/articles/tile-exports-2025.md", title: "2025年佛山陶瓷出口形势分析" });
    expect((await desk.trash.list()).map((i) => i.id)).toEqual([item.id]);
    expect(await desk.handle("restoreDeleted", { id: item.id })).toEqual({
      status: 200,
      body: { restored: "content/articles/tile-exports-2025.md" },
    });
    expect(await article("tile-exports-2025.md")).toBe(text);
    // The same lines (the ledger's writer formats the whole file: the fixture's ends in a blank line).
    expect(JSON.parse(await readFile(join(root, "content/id-ledger.json"), "utf8"))).toEqual(JSON.parse(ledger));
    expect(await desk.trash.list()).toEqual([]);
  });

  it("refuses to restore over an article that has taken the address since", async () => {
    const item = await remove();
    await writeFile(join(root, "content/articles/tile-exports-2025.md"), "新的文章");
    const answer = await desk.handle("restoreDeleted", { id: item.id });
    expect(answer.status).toBe(409);
    expect(await article("tile-exports-2025.md")).toBe("新的文章");
  });

  it("makes a deletion final once production is deployed after it", async () => {
    const item = await remove();
    await recordDeployed(root, "production", "https://news.example.cn", {}, new Date(Date.now() + 1000));
    expect(await desk.trash.list()).toEqual([]);
    expect((await desk.handle("restoreDeleted", { id: item.id })).status).toBe(404);
    expect(await readdir(join(root, "content/articles"))).not.toContain("tile-exports-2025.md");
  });
});

describe("the desk's configuration", () => {
  const site = { name: "站", timeZone: "Asia/Shanghai", categories: [{ slug: "news", name: "协会动态" }] };
  const fields = () =>
    (deskConfig(site).collections as { fields: { name: string; required: boolean; options?: string[] }[] }[])[0]!
      .fields;

  it("has a field for every front-matter key of the schema, in its order, the body after title and section", () => {
    expect(Object.keys(FIELD_WIDGETS)).toEqual(ARTICLE_KEYS);
    const rest = ARTICLE_KEYS.filter((k) => !["id", "title", "category"].includes(k));
    expect(fields().map((f) => f.name)).toEqual(["id", "title", "category", "body", ...rest]);
  });

  it("requires what the schema requires (the id is the desk's to assign)", () => {
    expect(
      fields()
        .filter((f) => f.required)
        .map((f) => f.name),
    ).toEqual(["title", "category", "body", "date"]);
  });

  it("offers site.yaml's sections", () => {
    expect(fields().find((f) => f.name === "category")!.options).toEqual(["协会动态"]);
  });
});

describe("the file format", () => {
  it("keeps a key the schema does not know (the check warns; the desk never drops it)", () => {
    expect(writeArticle({ data: { id: "x", title: "t", colour: "red" }, body: "b" })).toBe(
      "---\nid: x\ntitle: t\ncolour: red\n---\n\nb\n",
    );
  });
});

describe("the media library", () => {
  it("lists a large photo as a small preview, and gives its whole bytes when asked for the file", async () => {
    const sharp = (await import("sharp")).default;
    const photo = await sharp({
      create: {
        width: 2400,
        height: 1600,
        channels: 3,
        background: "#808080",
        noise: { type: "gaussian", mean: 128, sigma: 40 },
      },
    })
      .jpeg({ quality: 90 })
      .toBuffer();
    await writeFile(join(root, "content/media/big.jpg"), photo);
    const listed = (await desk.handle("getMedia", {})).body as { path: string; content: string }[];
    const shown = Buffer.from(listed.find((f) => f.path === "content/media/big.jpg")!.content, "base64");
    expect(await sharp(shown).metadata()).toMatchObject({ format: "jpeg", width: 320, height: 213 });
    const whole = (await desk.handle("getMediaFile", { path: "content/media/big.jpg" })).body as { content: string };
    expect(Buffer.from(whole.content, "base64")).toEqual(photo);
  });
});
