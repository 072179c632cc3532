import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { decodePack } from "../../scripts/content/pack.ts";
import { FIXTURE_SITE, ROOT } from "../support/project.ts";

const SEED = "content/articles/chancheng-2018-reform-four-towns.md";

async function run(root: string) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ["--experimental-strip-types", join(ROOT, "scripts/build-content.ts"), "--root", root],
      { encoding: "utf8" },
    );
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

async function copyOfProject(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "cli-"));
  await cp(join(FIXTURE_SITE, "content"), join(root, "content"), { recursive: true });
  await cp(join(ROOT, "src"), join(root, "src"), { recursive: true, filter: (p) => !p.includes("generated") });
  return root;
}

describe("the content build command", () => {
  it("exits 1 naming file, line and field when the seed loses its title, and writes nothing", async () => {
    const root = await copyOfProject();
    const file = join(root, SEED);
    const source = await readFile(file, "utf8");
    await writeFile(file, source.replace(/^title: .*\n/m, ""));
    const { code, stderr } = await run(root);
    expect(code).toBe(1);
    expect(stderr).toContain(`${SEED}:3:1 title: Required`);
    expect(stderr).toContain("content: 1 error, 0 warnings. Nothing was written");
    await expect(readFile(join(root, "src/generated/content.ts"))).rejects.toThrow(/ENOENT/);
  });

  it("writes the content store beside the script and only its manifest into the script", async () => {
    const root = await copyOfProject();
    const { code, stdout } = await run(root);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^content: 5 article\(s\) → public\/_store\/ \(22 files, 22 written, 0 removed\) and src\/generated\/content\.ts, version [0-9a-f]{16}, 6 file\(s\) compiled, 0 errors, 0 warnings/,
    );
    const seed = decodePack(await readFile(join(root, "public/_store/a/news/0.pack"))).find(
      (a) => a.id === "d28ca07e-5fb2-4162-9eff-eb6ca93cb236",
    );
    expect(seed!.id).toBe("d28ca07e-5fb2-4162-9eff-eb6ca93cb236");
    expect(seed!.html).toContain('<h2 id="南庄">南庄</h2>');
    const module = await readFile(join(root, "src/generated/content.ts"), "utf8");
    expect(module).toContain("export const manifest: StoreManifest = ");
    expect(module).not.toContain("南庄");
    const again = await run(root);
    expect(again.stdout).toContain("(22 files, 0 written, 0 removed)");
    // Two builds, each a process of its own (a few seconds each on a busy machine).
  }, 20_000);
});
