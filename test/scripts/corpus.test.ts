import { cp, mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { slugFor, writeCorpus } from "../../support/corpus.ts";
import { buildContent } from "../../scripts/content/index.ts";
import { FIXTURE_SITE } from "../support/project.ts";

describe("the synthetic benchmark corpus", () => {
  it("builds without errors, is marked synthetic, and has realistic length", async () => {
    const root = await mkdtemp(join(tmpdir(), "corpus-"));
    await cp(join(FIXTURE_SITE, "content/site.yaml"), join(root, "content/site.yaml"));
    await writeCorpus(join(root, "content"), 100);
    const { model, issues } = await buildContent(root);
    expect(issues).toEqual([]);
    expect(model!.articles).toHaveLength(100);
    expect(model!.articles.every((a) => a.title.startsWith("【合成】") && a.tags.includes("合成数据"))).toBe(true);
    const chars = model!.articles.map((a) => a.html.replace(/<[^>]+>/g, "").length);
    expect(Math.min(...chars)).toBeGreaterThan(1500);
    expect(chars.reduce((s, n) => s + n, 0) / chars.length).toBeGreaterThan(2800);
  });

  it("is the same on every run", async () => {
    const a = await mkdtemp(join(tmpdir(), "corpus-a-"));
    const b = await mkdtemp(join(tmpdir(), "corpus-b-"));
    await writeCorpus(a, 5);
    await writeCorpus(b, 5);
    const file = `articles/${slugFor(5)}.md`;
    expect(await readFile(join(a, file), "utf8")).toBe(await readFile(join(b, file), "utf8"));
  });
});
