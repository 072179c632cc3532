/**
 * `npm run check` and `npm run deploy` as an editor meets them: one report, file:line for every
 * problem, a summary, a non-zero exit — and no deploy step after a failed check.
 */
import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { FIXTURE_SITE, ROOT } from "../support/project.ts";

async function copy(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "check-"));
  await cp(join(FIXTURE_SITE, "content"), join(root, "content"), { recursive: true });
  for (const entry of [
    "src",
    "scripts",
    "wrangler.toml",
    "tsconfig.json",
    "tsconfig.node.json",
    "package.json",
    "vitest.config.ts",
    "test",
    // test/ imports the helpers it shares with bench/ (support/): without them the copy's types fail.
    "support",
  ]) {
    await cp(join(ROOT, entry), join(root, entry), { recursive: true, filter: (p) => !p.includes("src/generated") });
  }
  await symlink(join(ROOT, "node_modules"), join(root, "node_modules"));
  return root;
}

async function run(root: string, script: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ["--experimental-strip-types", join(root, script), ...args],
      {
        cwd: root,
        encoding: "utf8",
        // The shell's IndexNow key counts for the check (scripts/deploy/key-file-aliases.ts): none here.
        env: { ...process.env, INDEXNOW_KEY: "" },
      },
    );
    return { code: 0, out: stdout + stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  }
}

describe("npm run check", () => {
  // The one test on the repository's own content/: whatever editors have written, it checks clean
  // of errors (warnings, such as a missing alt text, do not fail a check).
  it("passes on the project's content, naming each limit and its figure", async () => {
    const { code, out } = await run(ROOT, "scripts/check.ts");
    expect(code).toBe(0);
    for (const env of ["staging", "production"]) {
      expect(out).toMatch(
        new RegExp(
          `check:   ${env}: script [\\d.]+ MiB \\(limit 64\\.00 MiB\\), startup \\d+ ms \\(limit 1000 ms; wrangler check startup, this machine\\)`,
        ),
      );
    }
    expect(out).toMatch(
      /check:   Static Assets: \d+ files \(limit 20000 Free, 100000 Paid\), largest [\d.]+ MiB \(limit 25\.00 MiB\)/,
    );
    // The project's site is Chinese (content/site.yaml): the summary is too.
    expect(out).toMatch(/check: 0 个错误,\d+ 个提醒 \([\d.]+ s\)\n$/);
  }, 60_000);

  /** A copy whose content has three errors: a title left out, an unknown section, a broken link and picture. */
  async function broken(): Promise<string> {
    const root = await copy();
    const seed = join(root, "content/articles/chancheng-2018-reform-four-towns.md");
    const text = await readFile(seed, "utf8");
    await writeFile(seed, text.replace(/^title: .*\n/m, "").replace("category: 协会动态", "category: 体育"));
    await writeFile(
      join(root, "content/articles/links.md"),
      "---\nid: 7e2b8f0a-1111-4111-8111-000000000009\ntitle: 链接\ncategory: news\ndate: 2026-01-01\n---\n\n[断链](gone.md)\n\n![](nothing.jpg)\n",
    );
    return root;
  }

  it("lists every content problem with file and line, then fails (in English when asked)", async () => {
    const { code, out } = await run(await broken(), "scripts/check.ts", "--skip-bundle", "--lang", "en");
    expect(code).toBe(1);
    expect(out).toContain("content/articles/chancheng-2018-reform-four-towns.md:3:1 title: Required");
    expect(out).toContain("check [1/2] content: schema, id ledger, links, media\n");
    expect(out).toContain("content/articles/links.md:8:1 body: broken link to gone.md: no such article");
    expect(out).toContain("content/articles/links.md:10:1 body: picture nothing.jpg is not in content/media/");
    expect(out).toMatch(
      /check: 3 errors, 0 warnings \([\d.]+ s\); nothing may be deployed until the errors are fixed\n$/,
    );
  }, 60_000);

  it("speaks Chinese on a Chinese site (language: zh-CN): each field by its label at the desk, a hint with an example", async () => {
    const { code, out } = await run(await broken(), "scripts/check.ts", "--skip-bundle");
    expect(code).toBe(1);
    expect(out).toContain(
      "content/articles/chancheng-2018-reform-four-towns.md:3:1 标题:请填写“标题”\n    提示:在“标题”中填写,例如 协会召开第五届会员大会\n",
    );
    expect(out).toContain("content/articles/links.md:8:1 正文:链接 gone.md 指向的文章不存在");
    expect(out).toContain("content/articles/links.md:10:1 正文:图片库中没有图片 nothing.jpg");
    expect(out).toMatch(/check: 3 个错误,0 个提醒 \([\d.]+ s\);改正以上错误之前不能部署\n$/);
    expect(out).toContain("check [1/2] 内容:文章信息、永久编号、文章间的链接、图片\n");
    expect(out).not.toMatch(/hint:|Required|no such article/);
  }, 60_000);

  it("refuses a language it does not speak", async () => {
    const { code, out } = await run(ROOT, "scripts/check.ts", "--skip-bundle", "--lang", "fr");
    expect(code).toBe(2);
    expect(out).toBe("check: --lang fr: use --lang zh (Chinese) or --lang en (English)\n");
  });
});

describe("npm run check and IndexNow's key file (issue 29)", () => {
  it("refuses an alias on an environment's key file, at its line, and lets other .txt aliases through", async () => {
    const root = await copy();
    const key = "5f2b7c1e9a3d4b6f8c0e1a2b3c4d5e6f";
    const toml = await readFile(join(root, "wrangler.toml"), "utf8");
    const production = 'vars = { SITE_ORIGIN = "https://www.chancheng-ceramics.example" }';
    expect(toml).toContain(production);
    await writeFile(
      join(root, "wrangler.toml"),
      toml.replace(
        production,
        `vars = { SITE_ORIGIN = "https://www.chancheng-ceramics.example", INDEXNOW_KEY = "${key}" }`,
      ),
    );
    await writeFile(
      join(root, "content/articles/readme.md"),
      `---\nid: 7e2b8f0a-1111-4111-8111-000000000010\ntitle: 旧说明\ncategory: news\ndate: 2026-01-01\naliases:\n  - /old-readme-file.txt\n  - /${key}.txt\n---\n\n正文。\n`,
    );
    const { code, out } = await run(root, "scripts/check.ts", "--skip-bundle");
    expect(code).toBe(1);
    // The site is Chinese (content/site.yaml): the problem is printed in the editor's words.
    expect(out).toContain(
      `content/articles/readme.md:8:5 旧网址:旧网址“/${key}.txt”是 IndexNow 密钥文件的地址(密钥在 wrangler.toml [env.production] 中设置):网站先回答密钥文件,这个旧网址永远不会跳转到文章\n` +
        "    提示:在“旧网址”中删去它;若这个旧网址必须保留,请开发人员在 wrangler.toml [env.production] 中换一个 IndexNow 密钥(8 到 128 个字母、数字或连字符,例如 5f2b7c1e9a3d4b6f8c0e)",
    );
    expect(out).not.toContain("old-readme-file");
    expect(out).toMatch(/check: 1 个错误,0 个提醒/);
  }, 60_000);

  it("passes the same aliases when no key is set anywhere", async () => {
    const root = await copy();
    await writeFile(
      join(root, "content/articles/readme.md"),
      "---\nid: 7e2b8f0a-1111-4111-8111-000000000010\ntitle: 旧说明\ncategory: news\ndate: 2026-01-01\naliases:\n  - /old-readme-file.txt\n  - /5f2b7c1e9a3d4b6f8c0e1a2b3c4d5e6f.txt\n---\n\n正文。\n",
    );
    const { code, out } = await run(root, "scripts/check.ts", "--skip-bundle");
    expect(out).not.toContain("IndexNow");
    expect(code).toBe(0);
  }, 60_000);
});

describe("npm run deploy", () => {
  it("stops before uploading when the environment has no real origin or KV namespace", async () => {
    const root = await copy();
    const { code, out } = await run(root, "scripts/deploy.ts", "--env", "production");
    const toml = (await readFile(join(root, "wrangler.toml"), "utf8")).split("\n");
    const line = toml.findIndex((l) => l.includes('SITE_ORIGIN = "https://www.chancheng-ceramics.example"')) + 1;
    expect(code).toBe(1);
    expect(out).toContain(
      `wrangler.toml:${line}:1 env.production.vars.SITE_ORIGIN: "https://www.chancheng-ceramics.example" is not a real https origin`,
    );
    expect(out).toContain(
      'env.production.kv_namespaces.RENDER_CACHE.id: the KV namespace id "00000000000000000000000000000002" is a placeholder',
    );
    expect(out).toContain("deploy: stopped — [1/4] check failed (exit 1). Nothing after that step ran.");
    expect(out).not.toContain("[2/4] upload");
  }, 60_000);
});
