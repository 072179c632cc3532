/** The build's article cache: unchanged articles are not compiled again; any change to one is. */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { buildModules } from "../../scripts/content/cache.ts";
import { buildContent } from "../../scripts/content/index.ts";
import { fixtureProject, ROOT } from "../support/project.ts";
import { fixture, VALID_ARTICLE } from "./fixture.ts";

const CACHE = ".cache/content-build";
const PIXEL = new URL("../fixtures/pixel-3x2.png", import.meta.url);

/** Every cached result file of a fixture's build. */
async function entries(root: string): Promise<string[]> {
  const files = await readdir(join(root, CACHE), { recursive: true, withFileTypes: true });
  return files.filter((d) => d.isFile()).map((d) => join(d.parentPath, d.name));
}

describe("the article cache", () => {
  it("keeps one result per article and reads it on the next build instead of compiling", async () => {
    const root = await fixture({ "articles/first.md": VALID_ARTICLE });
    await buildContent(root);
    const [entry, ...rest] = await entries(root);
    expect(rest).toEqual([]);
    // Tamper with the cached result: a build that compiled the file again would not see this.
    await writeFile(entry!, (await readFile(entry!, "utf8")).replace("第一篇", "缓存里的标题"));
    const { model } = await buildContent(root);
    expect(model!.articles[0]!.title).toBe("缓存里的标题");
  });

  it("compiles an article again when its file changes", async () => {
    const root = await fixture({ "articles/first.md": VALID_ARTICLE });
    await buildContent(root);
    for (const entry of await entries(root)) {
      await writeFile(entry, (await readFile(entry, "utf8")).replace("第一篇", "缓存里的标题"));
    }
    await writeFile(join(root, "content/articles/first.md"), VALID_ARTICLE.replace("第一篇", "改过的标题"));
    const { model } = await buildContent(root);
    expect(model!.articles[0]!.title).toBe("改过的标题");
  });

  it("compiles again when the site settings change (the origin is in every QR code)", async () => {
    const root = await fixture({ "articles/first.md": VALID_ARTICLE });
    const before = (await buildContent(root)).model!.articles[0]!.qr;
    const site = join(root, "content/site.yaml");
    await writeFile(
      site,
      (await readFile(site, "utf8")).replace("https://news.example.org", "https://other.example.org"),
    );
    const after = (await buildContent(root)).model!.articles[0]!.qr;
    expect(after).not.toEqual(before);
  });

  it("reports a cached article's problems again on every build", async () => {
    const root = await fixture({ "articles/first.md": `${VALID_ARTICLE}\n![](missing.jpg)\n` });
    const first = await buildContent(root);
    const second = await buildContent(root);
    expect(second.issues.map((i) => i.code)).toEqual(first.issues.map((i) => i.code));
    expect(second.issues.map((i) => i.code)).toContain("missing-media");
  });

  it("compiles again only the articles that show a picture that changed, not those a new photo leaves alone", async () => {
    const other = VALID_ARTICLE.replace("11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222");
    const root = await fixture({
      "media/photo.png": await readFile(PIXEL),
      "articles/with-photo.md": `${VALID_ARTICLE}\n![会场](photo.png)\n`,
      "articles/without.md": other,
    });
    await buildContent(root);
    const tamper = async () => {
      for (const entry of await entries(root))
        await writeFile(entry, (await readFile(entry, "utf8")).replace("第一篇", "缓存里的标题"));
    };
    const titles = async () => (await buildContent(root)).model!.articles.map((a) => `${a.slug} ${a.title}`).sort();

    await tamper();
    await writeFile(join(root, "content/media/unused.png"), await readFile(PIXEL));
    expect(await titles()).toEqual(["with-photo 缓存里的标题", "without 缓存里的标题"]);

    const wider = await sharp({ create: { width: 6, height: 4, channels: 3, background: "#336699" } })
      .png()
      .toBuffer();
    await writeFile(join(root, "content/media/photo.png"), wider);
    expect(await titles()).toEqual(["with-photo 第一篇", "without 缓存里的标题"]);
  });

  it("compiles again an article whose missing picture has been added", async () => {
    const root = await fixture({ "articles/first.md": `${VALID_ARTICLE}\n![会场](late.png)\n` });
    expect((await buildContent(root)).issues.map((i) => i.code)).toEqual(["missing-media"]);
    await mkdir(join(root, "content/media"));
    await writeFile(join(root, "content/media/late.png"), await readFile(PIXEL));
    const { issues, model } = await buildContent(root);
    expect(issues).toEqual([]);
    expect(model!.articles[0]!.html).toContain('alt="会场" width="3" height="2"');
  });
});

describe("the cache's key", () => {
  it("covers every module the build runs whose output it stores: the feeds' sizing and what it renders with", async () => {
    const modules = await buildModules(ROOT);
    expect(modules).toContain("scripts/content/build.ts");
    expect(modules).toContain("src/content/urls.ts");
    expect(modules).toContain("src/render/feeds/size.ts");
    expect(modules).toContain("src/render/feeds/view.ts");
    expect(modules).toContain("src/render/xml.ts");
    expect(modules.filter((m) => m.startsWith("src/generated/") || m.startsWith("src/routes/"))).toEqual([]);
  });

  it("holds every module of the project a whole build loads, but its command line", async () => {
    const root = await fixtureProject();
    const hooks = await mkdtemp(join(tmpdir(), "build-modules-"));
    try {
      // A module loader hook (node:module register) notes every file the build's process loads.
      const log = join(hooks, "loaded.txt");
      await writeFile(
        join(hooks, "hooks.mjs"),
        `import { appendFileSync } from "node:fs";
export async function load(url, context, next) {
  if (url.startsWith("file:")) appendFileSync(${JSON.stringify(log)}, url + "\\n");
  return next(url, context);
}
`,
      );
      await writeFile(
        join(hooks, "register.mjs"),
        `import { register } from "node:module";\nregister(${JSON.stringify(pathToFileURL(join(hooks, "hooks.mjs")).href)});\n`,
      );
      await promisify(execFile)(
        process.execPath,
        ["--import", join(hooks, "register.mjs"), "--experimental-strip-types", "scripts/build-content.ts"],
        { cwd: root, env: { ...process.env, CONTENT_BUILD_THREADS: "1", CONTENT_BUILD_CACHE: "off" } },
      );
      const loaded = new Set(
        (await readFile(log, "utf8"))
          .trim()
          .split("\n")
          .map((url) => relative(root, fileURLToPath(url)))
          .filter((path) => /^(scripts|src)\//.test(path)),
      );
      const hashed = new Set(await buildModules(root));
      // build-content.ts reads the command line and calls the builder: it makes nothing stored.
      expect([...loaded].filter((m) => !hashed.has(m)).sort()).toEqual(["scripts/build-content.ts"]);
      expect(loaded.has("src/render/feeds/size.ts")).toBe(true);
    } finally {
      await rm(hooks, { recursive: true, force: true });
      await rm(root, { recursive: true, force: true });
    }
  }, 60_000);
});
