/**
 * `npm run test:any-content [-- more|empty|all]`: runs `npm test` in throw-away copies of
 * this repository whose `content/` an editor has changed, to prove the tests own their content:
 * - more:  30 articles added (in every section, tagged, dated) and the seed article retagged;
 * - empty: `content/articles/` empty (and its id ledger with it, as a new site starts).
 * Each copy is made from the last commit (`git archive HEAD`), with node_modules linked.
 * Long (one full `npm test` per variant), so it is not part of `npm test`.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";

const ROOT = join(import.meta.dirname, "../..");
type Variant = "more" | "empty";
const wanted = process.argv[2] ?? "all";
const variants: Variant[] = wanted === "all" ? ["more", "empty"] : [wanted as Variant];
if (!variants.every((v) => v === "more" || v === "empty")) {
  console.error(`any-content: unknown variant "${wanted}"; use more, empty or all`);
  process.exit(2);
}

function copyRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), "any-content-"));
  execFileSync("sh", ["-c", `git archive HEAD | tar -x -C "${dir}"`], { cwd: ROOT });
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  return dir;
}

/** A deterministic UUID-shaped id (version 4 layout) for generated article `n`. */
const idOf = (n: number) => `0a0a0a0a-0000-4000-8000-${String(n).padStart(12, "0")}`;

function addArticles(dir: string): void {
  const site = parse(readFileSync(join(dir, "content/site.yaml"), "utf8")) as { categories: { name: string }[] };
  const tags = ["陶瓷", "展会", "会员", "标准", "出口", "环保", "人才"];
  for (let n = 1; n <= 30; n++) {
    const section = site.categories[n % site.categories.length]!.name;
    const day = String((n % 28) + 1).padStart(2, "0");
    const month = String((n % 12) + 1).padStart(2, "0");
    const articleTags = [tags[n % tags.length], tags[(n * 3) % tags.length], `专题${n % 4}`];
    writeFileSync(
      join(dir, `content/articles/added-${n}.md`),
      `---\nid: ${idOf(n)}\ntitle: 编辑新增的第${n}篇文章:陶瓷行业动态\ncategory: ${section}\n` +
        `date: 20${10 + (n % 15)}-${month}-${day}T09:30\ntags: [${[...new Set(articleTags)].join(", ")}]\n---\n\n` +
        `这是第${n}篇新增文章的正文,介绍佛山陶瓷企业的最新消息。\n\n## 小标题\n\n第二段文字,讲述协会的工作。\n`,
    );
  }
  const seed = join(dir, "content/articles/chancheng-2018-reform-four-towns.md");
  writeFileSync(seed, readFileSync(seed, "utf8").replace(/^tags: \[.*\]$/m, "tags: [改革, 镇街, 陶瓷]"));
}

function emptyArticles(dir: string): void {
  const articles = join(dir, "content/articles");
  for (const f of readdirSync(articles)) rmSync(join(articles, f));
  writeFileSync(join(dir, "content/id-ledger.json"), "{}\n");
}

let failed = 0;
for (const variant of variants) {
  const dir = copyRepo();
  (variant === "more" ? addArticles : emptyArticles)(dir);
  console.log(`any-content: ${variant}: npm test in ${dir}`);
  const run = spawnSync("npm", ["test"], { cwd: dir, stdio: "inherit" });
  console.log(`any-content: ${variant}: npm test ${run.status === 0 ? "passed" : `failed (${run.status})`}`);
  if (run.status !== 0) failed++;
  else rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
