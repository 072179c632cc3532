/** The build's article cache: unchanged articles are not compiled again; any change to one is. */
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildContent } from "../../scripts/content/index.ts";
import { fixture, VALID_ARTICLE } from "./fixture.ts";

const CACHE = ".cache/content-build";

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
});
