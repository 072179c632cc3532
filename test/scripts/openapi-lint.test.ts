/**
 * The OpenAPI document the worker serves at /api/v1/openapi.json passes Redocly CLI's
 * `recommended` ruleset: no error, no unused component, and no warning but the few accepted below.
 *
 * The document is built here in Node by the worker's own builder (openApiDocument) for the tests'
 * own site (test/fixtures/site, never the repository's content/), written to a temporary file and
 * linted by the CLI as a separate process, from
 * a temporary directory so that no redocly.yaml of the project's or a parent's changes the rules.
 * A deliberately broken copy proves the check bites.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildContent } from "../../scripts/content/index.ts";
import { openApiDocument } from "../../src/render/api/openapi.ts";
import { FIXTURE_SITE } from "../support/project.ts";

const { model } = await buildContent(FIXTURE_SITE);
const manifest = { site: model!.site };

const CLI = join(dirname(createRequire(import.meta.url).resolve("@redocly/cli/package.json")), "bin/cli.js");

interface LintProblem {
  ruleId: string;
  severity: "error" | "warn";
  message: string;
  location: { pointer: string }[];
}
interface LintReport {
  totals: { errors: number; warnings: number; ignored: number };
  problems: LintProblem[];
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "openapi-lint-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** `redocly lint --extends=recommended` on `doc`, its JSON report parsed. */
async function lint(name: string, doc: object): Promise<LintReport> {
  const file = join(dir, name);
  await writeFile(file, JSON.stringify(doc, null, 2));
  const args = [CLI, "lint", "--extends=recommended", "--format=json", file];
  // No telemetry and no update check: the CLI would otherwise reach for the network.
  const env = { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" };
  // The CLI exits 1 when it finds an error; the report on stdout is what the tests read.
  const stdout = await promisify(execFile)(process.execPath, args, { cwd: dir, env }).then(
    (r) => r.stdout,
    (e: { stdout?: string; stderr?: string }) => {
      if (!e.stdout) throw new Error(`redocly lint printed no report: ${e.stderr}`);
      return e.stdout;
    },
  );
  return JSON.parse(stdout) as LintReport;
}

const summary = (report: LintReport) =>
  report.problems.map((p) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer}`).sort();

describe("the served OpenAPI document under Redocly's recommended rules", () => {
  it("has no error and no unused component; the warnings left are the accepted ones", async () => {
    const report = await lint("openapi.json", openApiDocument(manifest.site));
    expect(summary(report).filter((p) => p.startsWith("error"))).toEqual([]);
    expect(summary(report).filter((p) => p.includes("no-unused-components"))).toEqual([]);
    // Accepted: no license to declare (the API serves the association's copyrighted articles), and
    // no 4XX response where the operation takes no parameter and names no resource, so no request
    // to it can be wrong (a 5XX problem is still possible and documented where it is specific).
    expect(summary(report)).toEqual([
      "warn info-license #/info",
      "warn operation-4xx-response #/paths/~1categories/get/responses",
      "warn operation-4xx-response #/paths/~1site/get/responses",
      "warn operation-4xx-response #/paths/~1tags/get/responses",
    ]);
    expect(report.totals).toEqual({ errors: 0, warnings: 4, ignored: 0 });
  });

  it("fails a document without `security` or with an unused component (the check bites)", async () => {
    const { security: _, ...insecure } = openApiDocument(manifest.site);
    const doc = openApiDocument(manifest.site);
    const unused = { ...doc, components: { schemas: { ...doc.components.schemas, Orphan: { type: "string" } } } };
    const [a, b] = await Promise.all([lint("insecure.json", insecure), lint("unused.json", unused)]);
    expect(a.totals.errors).toBe(Object.keys(doc.paths).length);
    expect(new Set(a.problems.filter((p) => p.severity === "error").map((p) => p.ruleId))).toEqual(
      new Set(["security-defined"]),
    );
    expect(summary(b)).toContain("warn no-unused-components #/components/schemas/Orphan");
  });
});
