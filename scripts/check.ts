/**
 * `npm run check [-- --env production|staging]`: everything that must hold before a deploy, in one
 * report. Content (schema, id ledger, links between articles, media files), types, and the real
 * limits: each environment's script size (`wrangler deploy --dry-run`) against 64 MiB, its startup
 * (`wrangler check startup`) against 1 s, and the Static Assets (the content store and media)
 * against the plans' file counts and 25 MiB per file; each figure is printed. With --env, also what that environment's deploy needs (origin, KV namespace).
 * --skip-bundle leaves out the bundling step (content and types only: seconds instead of a minute),
 * for a quick check while writing; a deploy always runs the full check.
 * Every problem is printed as file:line:col field: message, then a summary; exit 1 on any error.
 * Content problems are printed in Chinese, the field by its label at the desk (发布时间), when the
 * site's language (content/site.yaml) is Chinese, else in English; `--lang zh|en` chooses.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readdir, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs, promisify } from "node:util";
import {
  buildContent,
  formatIssue,
  sortIssues,
  summarize,
  writeGenerated,
  writeLedger,
  writeMedia,
  type ContentIssue,
  type Lang,
} from "./content/index.ts";
import { siteLanguage } from "./content/language.ts";
import { LIMITS } from "./check-limits.ts";
import { bundleWorker } from "./wrangler/bundle.ts";
import { deployReadiness, ENVIRONMENTS } from "./deploy/readiness.ts";
import { indexNowKeys, keyFileAliases } from "./deploy/key-file-aliases.ts";
import { wranglerCommand } from "./wrangler/bin.ts";

const { values } = parseArgs({
  options: {
    env: { type: "string" },
    root: { type: "string", default: process.cwd() },
    "skip-bundle": { type: "boolean", default: false },
    lang: { type: "string" },
  },
});
const root = values.root;
if (values.lang !== undefined && values.lang !== "zh" && values.lang !== "en") {
  console.error(`check: --lang ${values.lang}: use --lang zh (Chinese) or --lang en (English)`);
  process.exit(2);
}
const lang: Lang = (values.lang as Lang | undefined) ?? (await siteLanguage(root));
const started = performance.now();
const issues: ContentIssue[] = [];
const step = (n: number, total: number, what: string) => console.error(`check [${n}/${total}] ${what}`);
const total = values["skip-bundle"] ? 2 : 3;

step(
  1,
  total,
  lang === "zh" ? "内容:文章信息、永久编号、文章间的链接、图片" : "content: schema, id ledger, links, media",
);
const built = await buildContent(root);
issues.push(...built.issues);
if (built.model) {
  await writeGenerated(root, built.model, { outputs: built.outputs });
  await writeMedia(root, built.mediaFiles!);
  if (built.ledger) await writeLedger(root, built.ledger);
}
// An old URL on IndexNow's key file would never redirect: the key is a deploy setting, so it is
// compared here, with every key a deploy may use (scripts/deploy/key-file-aliases.ts).
if (built.model) issues.push(...(await keyFileAliases(root, built.model, await indexNowKeys(root))));
if (values.env) issues.push(...(await deployReadiness(root, values.env)));
if (process.env.CONTENT_PREVIEW === "true") {
  issues.push({
    severity: "error",
    file: "package.json",
    line: 1,
    column: 1,
    field: "CONTENT_PREVIEW",
    message: "CONTENT_PREVIEW=true is set: the build wrangler runs before a deploy would pack drafts",
    hint: "unset it (only `npm run dev` sets it, for the local preview)",
  });
}

step(2, total, lang === "zh" ? "程序:类型检查(tsc --noEmit)" : "types: tsc --noEmit");
for (const project of ["tsconfig.json", "tsconfig.node.json"]) {
  if (!built.model) break; // the types need the generated module
  try {
    await promisify(execFile)(
      "node",
      [join(root, "node_modules/@typescript/native/bin/tsc"), "--noEmit", "-p", project],
      {
        cwd: root,
      },
    );
  } catch (e) {
    for (const line of String((e as { stdout?: string }).stdout ?? e).split("\n")) {
      const m = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/.exec(line);
      if (m)
        issues.push({ severity: "error", file: m[1]!, line: +m[2]!, column: +m[3]!, field: m[4]!, message: m[5]! });
    }
  }
}

if (!values["skip-bundle"] && built.model) {
  step(
    3,
    total,
    lang === "zh"
      ? `上限:${ENVIRONMENTS.join("、")} 的程序大小与启动时间(wrangler)、静态文件`
      : `limits: script size and startup (wrangler) for ${ENVIRONMENTS.join(", ")}, Static Assets`,
  );
  const mib = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MiB`;
  for (const env of ENVIRONMENTS) {
    try {
      const bundle = await bundleWorker(root, env);
      const startup = await startupMs(root, env);
      console.error(
        `check:   ${env}: script ${mib(bundle.bytes)} (limit ${mib(LIMITS.scriptBytes)}), ` +
          `startup ${startup.toFixed(0)} ms (limit ${LIMITS.startupMs} ms; wrangler check startup, this machine)`,
      );
      const where = { file: "wrangler.toml", line: 1, column: 1, field: `env.${env}` };
      if (bundle.bytes > LIMITS.scriptBytes) {
        issues.push({
          severity: "error",
          ...where,
          message: `the ${env} worker script is ${mib(bundle.bytes)}, over the Workers limit of ${mib(LIMITS.scriptBytes)}`,
          hint: "content belongs in the content store (public/_store/), not in the script: see src/content/store/",
        });
      }
      if (startup > LIMITS.startupMs) {
        issues.push({
          severity: "error",
          ...where,
          message: `the ${env} worker's global scope takes ${startup.toFixed(0)} ms to start, over the limit of ${LIMITS.startupMs} ms`,
          hint: "open the profile from `npx wrangler check startup` in Chrome DevTools to see what runs at startup",
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
  const assets = await assetFiles(join(root, "public"));
  const largest = assets.reduce((a, b) => (b.bytes > a.bytes ? b : a), { path: "", bytes: 0 });
  console.error(
    `check:   Static Assets: ${assets.length} files (limit ${LIMITS.assetFiles.free} Free, ${LIMITS.assetFiles.paid} Paid), ` +
      `largest ${mib(largest.bytes)} (limit ${mib(LIMITS.assetFileBytes)})`,
  );
  const assetWhere = { file: "public", line: 1, column: 1, field: "assets" };
  // Each photo is published as 9 files (3 widths × AVIF, WebP, JPEG): past a few thousand photos
  // they, not the store, fill the plan's file limit.
  const pictures = assets.filter((a) => a.path.startsWith("media/")).length;
  const whatFills = `${pictures} of them are pictures (9 per photo) and ${assets.length - pictures} the content store`;
  if (assets.length > LIMITS.assetFiles.paid) {
    issues.push({
      severity: "error",
      ...assetWhere,
      message: `${assets.length} Static Asset files, over the Workers Paid limit of ${LIMITS.assetFiles.paid}`,
      hint: `${whatFills}: raise the pack and shard sizes in src/content/store/format.ts (LAYOUT), or move older photos out of content/media/`,
    });
  } else if (assets.length > LIMITS.assetFiles.free) {
    issues.push({
      severity: "warning",
      ...assetWhere,
      message: `${assets.length} Static Asset files, over the Free plan's ${LIMITS.assetFiles.free}`,
      hint: `${whatFills}: deploying needs the Workers Paid plan, or larger packs (LAYOUT in src/content/store/format.ts)`,
    });
  }
  for (const file of assets.filter((a) => a.bytes > LIMITS.assetFileBytes)) {
    issues.push({
      severity: "error",
      file: `public/${file.path}`,
      line: 1,
      column: 1,
      field: "size",
      message: `${mib(file.bytes)}, over the Static Assets limit of ${mib(LIMITS.assetFileBytes)} per file`,
      hint: "make the picture smaller, or lower the pack size (LAYOUT in src/content/store/format.ts)",
    });
  }
}

for (const issue of sortIssues(issues)) console.error(formatIssue(issue, lang));
const seconds = ((performance.now() - started) / 1000).toFixed(1);
const errors = issues.some((i) => i.severity === "error");
const blocked = lang === "zh" ? ";改正以上错误之前不能部署" : "; nothing may be deployed until the errors are fixed";
console.error(`\ncheck: ${summarize(issues, lang)} (${seconds} s)${errors ? blocked : ""}`);
process.exit(errors ? 1 : 0);

/** The global scope's startup time as `wrangler check startup` profiles it ("Profile window"). */
async function startupMs(root: string, env: string): Promise<number> {
  const outfile = join(await mkdtemp(join(tmpdir(), "startup-")), "worker-startup.cpuprofile");
  const wrangler = wranglerCommand(["check", "startup", "--env", env, "--outfile", outfile]);
  const { stdout, stderr } = await promisify(execFile)(wrangler.command, wrangler.args, {
    cwd: root,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
    maxBuffer: 64 * 1024 * 1024,
  });
  const m = /Profile window: ([\d.]+) ms/.exec(stdout + stderr);
  if (!m) throw new Error(`wrangler check startup printed no profile window: ${stdout}${stderr}`);
  return Number(m[1]);
}

/** Every file a deploy uploads as a Static Asset, with its size. */
async function assetFiles(dir: string): Promise<{ path: string; bytes: number }[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  const files = entries.filter((d) => d.isFile() && d.name !== ".assetsignore");
  return Promise.all(
    files.map(async (d) => {
      const full = join(d.parentPath, d.name);
      return { path: full.slice(dir.length + 1), bytes: (await stat(full)).size };
    }),
  );
}
