/**
 * An npm script run on a Node older than package.json's "engines" stops with one line: the version
 * found, the version needed and the command that works (scripts/node-version.cjs; issue 31 part 5).
 * Run under a real older Node: the machine's own (/usr/bin/node, Node 20 on the machines this project
 * is built on) with its own npm, in a copy of the project. Skipped, saying why, where there is none.
 */
import { execFile, execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureProject, ROOT } from "../support/project.ts";

const OLD_NODE = "/usr/bin/node";
const wanted: string = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).engines.node;
const [needMajor = 0, needMinor = 0] = wanted.replace(">=", "").split(".").map(Number);

/** The version of /usr/bin/node when it is older than "engines", else why this test cannot run. */
function olderNode(): { version: string } | { reason: string } {
  if (!existsSync(OLD_NODE)) return { reason: `${OLD_NODE} does not exist` };
  const version = String(execFileSync(OLD_NODE, ["--version"])).trim();
  const [major = 0, minor = 0] = version.slice(1).split(".").map(Number);
  if (major > needMajor || (major === needMajor && minor >= needMinor)) {
    return { reason: `${OLD_NODE} is ${version}, not older than ${wanted}` };
  }
  if (!existsSync(join(dirname(OLD_NODE), "npm"))) return { reason: `no npm beside ${OLD_NODE}` };
  return { version };
}

const old = olderNode();
const skipReason = "reason" in old ? old.reason : "";
if (skipReason) console.warn(`node-version.test.ts skipped: ${skipReason}`);

let project: string;
beforeAll(async () => {
  if (!skipReason) project = await fixtureProject();
});
afterAll(async () => {
  if (project) await rm(project, { recursive: true, force: true });
});

/** `npm <args>` with only the older Node and its npm on PATH, as on a machine that has nothing else. */
async function npmOnOldNode(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${dirname(OLD_NODE)}:/bin` };
  for (const k of Object.keys(env)) if (k.startsWith("npm_") || k === "NODE_OPTIONS") delete env[k];
  try {
    const { stdout, stderr } = await promisify(execFile)(join(dirname(OLD_NODE), "npm"), args, { cwd: project, env });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe.skipIf(Boolean(skipReason))(`an npm script on ${"version" in old ? old.version : "an older Node"}`, () => {
  const version = "version" in old ? old.version : "";
  for (const [args, command] of [
    [["run", "dev"], "npm run dev"],
    [["test"], "npm test"],
    [["run", "build"], "npm run build"],
    [["run", "typecheck"], "npm run typecheck"],
  ] as const) {
    it(`${command} stops with one line naming ${version}, ${wanted} and the command that works`, async () => {
      const r = await npmOnOldNode([...args]);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(
        `This is Node ${version}; this project needs Node ${wanted}. ` +
          `Run it through npm with Node 24 instead: npx -y -p node@24 -c '${command}'\n`,
      );
      expect(r.stdout).not.toContain("bad option");
      // Nothing ran past the check: no build wrote the content store.
      expect(existsSync(join(project, "src/generated/content.ts"))).toBe(false);
    }, 30_000);
  }
});

describe("package.json", () => {
  it("starts every npm script with the Node version check", () => {
    const scripts: Record<string, string> = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts;
    const unchecked = Object.entries(scripts)
      .filter(([, command]) => !command.startsWith("node scripts/node-version.cjs && "))
      .map(([name]) => name);
    expect(unchecked).toEqual([]);
  });
});

describe("scripts started from npm scripts", () => {
  it("run wrangler under this Node, never through npx (inside `npx -c`, a nested npx stops with EUSAGE)", async () => {
    const { readdir } = await import("node:fs/promises");
    const offenders: string[] = [];
    for (const dir of ["scripts", "bench"]) {
      for (const entry of await readdir(join(ROOT, dir), { recursive: true, withFileTypes: true })) {
        if (!entry.isFile() || !entry.name.endsWith(".ts")) continue;
        const file = join(entry.parentPath, entry.name);
        if (/(?:spawn|execFile\)?|run)\(\s*"npx"/.test(readFileSync(file, "utf8")))
          offenders.push(file.slice(ROOT.length + 1));
      }
    }
    expect(offenders).toEqual([]);
  });
});
