/**
 * `npm run check [-- --env production|staging]`: everything that must hold before a deploy, in one
 * report. Content (schema, id ledger, links between articles, media files), types, and the worker
 * bundled for each environment with `wrangler deploy --dry-run`, measured against the Workers size
 * limits. With --env, also what that environment's deploy needs (origin, KV namespace).
 * --skip-bundle leaves out the bundling step (content and types only: seconds instead of a minute),
 * for a quick check while writing; a deploy always runs the full check.
 * Every problem is printed as file:line:col field: message, then a summary; exit 1 on any error.
 */
import { execFile } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs, promisify } from "node:util";
import { gzipSync } from "node:zlib";
import {
  buildContent,
  formatIssue,
  sortIssues,
  summarize,
  writeGenerated,
  writeLedger,
  writeMedia,
  type ContentIssue,
} from "./content/index.ts";
import { LIMITS } from "./check-limits.ts";
import { bundleWorker } from "./lib/bundle.ts";
import { deployReadiness, ENVIRONMENTS } from "./lib/deploy-readiness.ts";

const { values } = parseArgs({
  options: {
    env: { type: "string" },
    root: { type: "string", default: process.cwd() },
    "skip-bundle": { type: "boolean", default: false },
  },
});
const root = values.root;
const started = performance.now();
const issues: ContentIssue[] = [];
const step = (n: number, total: number, what: string) => console.error(`check [${n}/${total}] ${what}`);
const total = values["skip-bundle"] ? 2 : 3;

step(1, total, "content: schema, id ledger, links, media");
const built = await buildContent(root);
issues.push(...built.issues);
if (built.model) {
  await writeGenerated(root, built.model);
  await writeMedia(root);
  if (built.ledger) await writeLedger(root, built.ledger);
}
if (values.env) issues.push(...(await deployReadiness(root, values.env)));

step(2, total, "types: tsc --noEmit");
for (const project of ["tsconfig.json", "tsconfig.node.json"]) {
  if (!built.model) break; // the types need the generated module
  try {
    await promisify(execFile)("npx", ["tsc", "--noEmit", "-p", project], { cwd: root });
  } catch (e) {
    for (const line of String((e as { stdout?: string }).stdout ?? e).split("\n")) {
      const m = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/.exec(line);
      if (m)
        issues.push({ severity: "error", file: m[1]!, line: +m[2]!, column: +m[3]!, field: m[4]!, message: m[5]! });
    }
  }
}

if (!values["skip-bundle"] && built.model) {
  step(3, total, `bundle: wrangler deploy --dry-run for ${ENVIRONMENTS.join(", ")}`);
  for (const env of ENVIRONMENTS) {
    try {
      const bundle = await bundleWorker(root, env);
      let gzip = 0;
      for (const name of await readdir(bundle.dir)) {
        if (!name.endsWith(".map") && name !== "README.md")
          gzip += gzipSync(await readFile(join(bundle.dir, name))).length;
      }
      const mib = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MiB`;
      console.error(
        `check:   ${env}: ${mib(bundle.bytes)} raw, ${mib(gzip)} gzip (limit ${mib(LIMITS.paidGzip)} paid, ${mib(LIMITS.freeGzip)} free)`,
      );
      const where = { file: "content/articles", line: 1, column: 1, field: "size" };
      if (gzip > LIMITS.paidGzip) {
        issues.push({
          severity: "error",
          ...where,
          message: `the ${env} worker is ${mib(gzip)} gzip, over the Workers limit of ${mib(LIMITS.paidGzip)}`,
          hint: "the articles are bundled into the worker: see docs/performance.md for the ceiling",
        });
      } else if (gzip > LIMITS.freeGzip) {
        issues.push({
          severity: "warning",
          ...where,
          message: `the ${env} worker is ${mib(gzip)} gzip, over the Workers Free plan's ${mib(LIMITS.freeGzip)}`,
          hint: "deploying needs the Workers Paid plan (10 MiB)",
        });
      }
    } catch (e) {
      const out = String((e as { stderr?: string }).stderr ?? e)
        .split("\n")
        .filter((l) => /ERROR|error/.test(l))
        .slice(0, 5)
        .join(" ");
      issues.push({
        severity: "error",
        file: "wrangler.toml",
        line: 1,
        column: 1,
        field: `env.${env}`,
        message: `wrangler deploy --dry-run failed: ${out}`,
      });
    }
  }
}

for (const issue of sortIssues(issues)) console.error(formatIssue(issue));
const seconds = ((performance.now() - started) / 1000).toFixed(1);
const errors = issues.some((i) => i.severity === "error");
console.error(
  `\ncheck: ${summarize(issues)} (${seconds} s)${errors ? "; nothing may be deployed until the errors are fixed" : ""}`,
);
process.exit(errors ? 1 : 0);
