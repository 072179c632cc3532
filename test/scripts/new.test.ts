import { cp, mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildContent } from "../../scripts/content/index.ts";
import { slugify } from "../../scripts/content/scaffold.ts";
import { FIXTURE_SITE } from "../support/project.ts";
import { runScript } from "./fixture.ts";

async function project(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "new-"));
  await cp(join(FIXTURE_SITE, "content"), join(root, "content"), { recursive: true });
  return root;
}

const run = (root: string, ...args: string[]) => runScript("new.ts", root, ...args);

const articles = async (root: string) => (await readdir(join(root, "content/articles"))).sort();

describe("npm run new", () => {
  it("scaffolds an article that builds, with a pinyin slug, an id and today's date", async () => {
    const root = await project();
    const { code, stdout } = await run(root, "--title", "协会召开2026年会员大会");
    expect(code).toBe(0);
    expect(stdout).toContain(
      "new: content/articles/xie-hui-zhao-kai-2026-nian-hui-yuan-da-hui.md → /articles/xie-hui-zhao-kai-2026-nian-hui-yuan-da-hui (协会动态,",
    );
    const text = await readFile(join(root, "content/articles/xie-hui-zhao-kai-2026-nian-hui-yuan-da-hui.md"), "utf8");
    expect(text).toMatch(
      /^---\nid: [0-9a-f-]{36}\ntitle: 协会召开2026年会员大会\ncategory: 协会动态\ndate: \d{4}-\d{2}-\d{2}\n/,
    );
    expect(text).toContain("# draft: true");
    const { model, issues } = await buildContent(root);
    expect(issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(model!.articles.map((a) => a.slug)).toContain("xie-hui-zhao-kai-2026-nian-hui-yuan-da-hui");
  });

  it("takes --category by name or slug and --slug", async () => {
    const root = await project();
    const { code } = await run(root, "--title", "行业展望", "--category", "outlook", "--slug", "outlook-2027");
    expect(code).toBe(0);
    expect(await readFile(join(root, "content/articles/outlook-2027.md"), "utf8")).toContain("category: 行业前瞻\n");
  });

  it("refuses an unknown category, naming the allowed ones, and writes nothing", async () => {
    const root = await project();
    const before = await articles(root);
    const { code, stderr } = await run(root, "--title", "标题", "--category", "体育");
    expect(code).toBe(1);
    expect(stderr).toBe(
      'new: unknown category "体育"\n    fix: use one of: 协会概况, 协会动态, 行业前瞻, 慈善公益, 法律咨询, 会员企业, 联系我们\n',
    );
    expect(await articles(root)).toEqual(before);
  });

  it("refuses a title that gives no slug", async () => {
    const { code, stderr } = await run(await project(), "--title", "!!!");
    expect(code).toBe(1);
    expect(stderr).toContain('new: the title "!!!" gives no usable slug\n    fix: pass one: --slug my-article-name');
  });

  it("refuses a duplicate slug and never overwrites", async () => {
    const root = await project();
    const seed = await readFile(join(root, "content/articles/chancheng-2018-reform-four-towns.md"), "utf8");
    const { code, stderr } = await run(root, "--title", "重复", "--slug", "chancheng-2018-reform-four-towns");
    expect(code).toBe(1);
    expect(stderr).toContain('new: an article already has the slug "chancheng-2018-reform-four-towns"');
    expect(await readFile(join(root, "content/articles/chancheng-2018-reform-four-towns.md"), "utf8")).toBe(seed);
  });

  it("reports a future date as scheduled", async () => {
    const { code, stdout } = await run(
      await project(),
      "--title",
      "明年的新闻",
      "--slug",
      "next-year",
      "--date",
      "2099-01-05T09:30",
    );
    expect(code).toBe(0);
    expect(stdout).toContain("new: scheduled — it appears by itself on 2099-01-05T09:30:00+08:00");
  });

  it("refuses an invalid date", async () => {
    const { code, stderr } = await run(await project(), "--title", "x", "--slug", "x", "--date", "2026-02-30");
    expect(code).toBe(1);
    expect(stderr).toContain('new: --date "2026-02-30" is not a date');
  });

  it("needs a title", async () => {
    const { code, stderr } = await run(await project());
    expect(code).toBe(2);
    expect(stderr).toContain("new: --title is required");
  });
});

describe("slugify", () => {
  it("turns Chinese into pinyin words and keeps ASCII words", () => {
    expect(slugify("陶瓷 Expo 2026:新品发布")).toBe("tao-ci-expo-2026-xin-pin-fa-bu");
  });

  it("cuts long titles at a word boundary, at most 60 characters", () => {
    const slug = slugify("佛山禅城全面深化改革,四镇街以何为破口?听镇街书记怎么说");
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(slug).toMatch(/^fo-shan-chan-cheng-quan-mian-shen-hua-gai-ge-si-zhen-jie-[a-z-]+[a-z]$/);
  });
});
