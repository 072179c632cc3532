/**
 * The layering rules of .dependency-cruiser.mjs bite: dependency-cruiser, run as `npm run layers`
 * runs it, over a tiny tree (src/, scripts/, bench/, support/, test/) with one deliberately wrong
 * import per rule reports each under that rule's name, and over a tree of allowed imports reports
 * nothing.
 *
 * The trees are written to a temporary directory and cruised from there with the project's own
 * config file (not a copy: it imports dependency-cruiser, which resolves from the project).
 */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../..");
const CONFIG = join(ROOT, ".dependency-cruiser.mjs");

const TSCONFIG = JSON.stringify({
  compilerOptions: {
    target: "es2024",
    module: "esnext",
    moduleResolution: "bundler",
    allowImportingTsExtensions: true,
    verbatimModuleSyntax: true,
    noEmit: true,
    strict: true,
  },
});

/** Modules of every layer, importing only what the layering allows. */
const ALLOWED: Record<string, string> = {
  "src/content/model.ts": "export interface Article { slug: string }\n",
  "src/content/query.ts":
    'import type { Article } from "./model.ts";\nexport const visible = (a: Article): boolean => a.slug !== "";\n',
  "src/render/feeds/item.ts": "export const item = (title: string): string => `<item>${title}</item>`;",
  "src/render/page.ts": [
    'import type { Article } from "../content/model.ts";',
    'import { visible } from "../content/query.ts";',
    'import { ASSETS } from "../generated/assets.ts";',
    'import { MIME } from "../mime.ts";',
    "export const renderPage = (a: Article): string => (visible(a) ? ASSETS.css + MIME.html : a.slug);",
  ].join("\n"),
  "src/cache/x.ts": [
    'import type { Article } from "../content/model.ts";',
    "export const put = (store: Map<string, string>, a: Article, body: string): void => void store.set(a.slug, body);",
  ].join("\n"),
  "src/http/respond.ts": [
    'import type { Article } from "../content/model.ts";',
    'import { renderPage } from "../render/page.ts";',
    "export const respond = (a: Article): Response => new Response(renderPage(a));",
  ].join("\n"),
  "src/serving/serve.ts": [
    'import type { Article } from "../content/model.ts";',
    'import { put } from "../cache/x.ts";',
    'import { respond } from "../http/respond.ts";',
    'import type { Clock } from "../clock.ts";',
    "export const serve = (a: Article, _clock: Clock): Response => (put(new Map(), a, a.slug), respond(a));",
  ].join("\n"),
  "src/routes/r.ts": [
    'import { Hono } from "hono";',
    'import { HTTPException } from "hono/http-exception";',
    'import { serve } from "../serving/serve.ts";',
    'import { content } from "../generated/content.ts";',
    'import { systemClock } from "../clock.ts";',
    'export const routes = new Hono().get("/", () => {',
    "  const a = content[0];",
    "  if (!a) throw new HTTPException(404);",
    "  return serve(a, systemClock);",
    "});",
  ].join("\n"),
  "src/config.ts": 'import type { Env } from "./env.ts";\nexport const configure = (env: Env): string => env.ORIGIN;\n',
  "src/app.ts": 'import { routes } from "./routes/r.ts";\nexport const app = routes;\n',
  "src/index.ts": [
    'import { WorkerEntrypoint } from "cloudflare:workers";',
    'import { app } from "./app.ts";',
    'import { configure } from "./config.ts";',
    'import type { Env } from "./env.ts";',
    "export default class extends WorkerEntrypoint<Env> {",
    "  fetch(request: Request): Response | Promise<Response> {",
    "    configure(this.env);",
    "    return app.fetch(request);",
    "  }",
    "}",
  ].join("\n"),
  "src/clock.ts": "export type Clock = () => number;\nexport const systemClock: Clock = () => Date.now();\n",
  "src/env.ts": "export interface Env { ORIGIN: string }\n",
  "src/mime.ts": 'export const MIME = { html: "text/html; charset=utf-8" } as const;\n',
  "src/modules.d.ts": 'declare module "*.html" {\n  const text: string;\n  export default text;\n}\n',
  "src/worker-types.d.ts": 'type Main = typeof import("./index.ts");\n',
  "src/generated/assets.ts": 'export const ASSETS = { css: "/assets/site.0123abcd.css" } as const;\n',
  "src/generated/bodies/1.html": "<p>Body</p>\n",
  "src/generated/content.ts": [
    'import type { Article } from "../content/model.ts";',
    'import body0 from "./bodies/1.html";',
    "export const content: Article[] = [{ slug: body0 }];",
  ].join("\n"),
  // Within content, search reads through the store.
  "src/content/store/read.ts":
    'import type { Article } from "../model.ts";\nexport type Read = (slug: string) => Article;\n',
  "src/content/search/rank.ts": [
    'import type { Read } from "../store/read.ts";',
    "export const rank = (read: Read, slugs: string[]): string[] => slugs.filter((s) => read(s).slug);",
  ].join("\n"),
  // The tools: scripts/ on src/, support/ on both, bench/ and test/ on all three.
  "scripts/lib.ts": [
    'import type { Article } from "../src/content/model.ts";',
    "export const slugs = (as: Article[]): string[] => as.map((a) => a.slug);",
  ].join("\n"),
  "support/corpus.ts": [
    'import type { Article } from "../src/content/model.ts";',
    'import { slugs } from "../scripts/lib.ts";',
    "export const corpus = (n: number): string[] => slugs(Array.from({ length: n }, (_, i): Article => ({ slug: `a${i}` })));",
  ].join("\n"),
  "bench/run.ts": [
    'import { renderPage } from "../src/render/page.ts";',
    'import { slugs } from "../scripts/lib.ts";',
    'import { corpus } from "../support/corpus.ts";',
    "export const run = (): number => corpus(3).length + slugs([]).length + renderPage({ slug: '' }).length;",
  ].join("\n"),
  "test/helper.ts": [
    'import { visible } from "../src/content/query.ts";',
    'import { slugs } from "../scripts/lib.ts";',
    'import { corpus } from "../support/corpus.ts";',
    "export const check = (): boolean => corpus(1).every((slug) => visible({ slug })) && slugs([]).length === 0;",
  ].join("\n"),
};

/** One deliberately wrong module per rule: [rule, from, to]. */
const WRONG: [rule: string, from: string, to: string, source: string][] = [
  ["content-is-the-base", "src/content/bad.ts", "src/render/page.ts", 'export * from "../render/page.ts";'],
  ["render-is-pure", "src/render/bad.ts", "src/cache/x.ts", 'export { put } from "../cache/x.ts";'],
  ["html-and-feeds-apart", "src/render/html/bad.ts", "src/render/feeds/item.ts", 'export * from "../feeds/item.ts";'],
  ["cache-stores-not-serves", "src/cache/bad.ts", "src/http/respond.ts", 'import type {} from "../http/respond.ts";'],
  [
    "cache-uses-content-types-only",
    "src/cache/bad2.ts",
    "src/content/query.ts",
    'export { visible } from "../content/query.ts";',
  ],
  ["serving-below-routes", "src/serving/bad.ts", "src/routes/r.ts", 'export { routes } from "../routes/r.ts";'],
  [
    "routes-below-app",
    "src/routes/bad.ts",
    "src/app.ts",
    'import type { app } from "../app.ts";\nexport type App = typeof app;',
  ],
  [
    "generated-only-from-app-routes-render",
    "src/cache/bad3.ts",
    "src/generated/assets.ts",
    'export { ASSETS } from "../generated/assets.ts";',
  ],
  ["generated-imports-only-content", "src/generated/bad.ts", "src/mime.ts", 'export { MIME } from "../mime.ts";'],
  ["leaves-import-no-layer", "src/bad-leaf.ts", "src/http/respond.ts", 'export { respond } from "./http/respond.ts";'],
  ["src-not-to-tooling", "src/routes/bad2.ts", "scripts/tool.ts", 'export { tool } from "../../scripts/tool.ts";'],
  ["src-not-to-tooling", "src/routes/bad4.ts", "support/corpus.ts", 'export * from "../../support/corpus.ts";'],
  [
    "store-not-to-search",
    "src/content/store/bad.ts",
    "src/content/search/rank.ts",
    'export * from "../search/rank.ts";',
  ],
  ["scripts-not-to-bench-or-test", "scripts/bad.ts", "bench/run.ts", 'export { run } from "../bench/run.ts";'],
  ["scripts-not-to-bench-or-test", "scripts/bad2.ts", "test/helper.ts", 'export * from "../test/helper.ts";'],
  ["scripts-not-to-bench-or-test", "scripts/bad3.ts", "support/corpus.ts", 'export * from "../support/corpus.ts";'],
  ["bench-not-to-test", "bench/bad.ts", "test/helper.ts", 'export { check } from "../test/helper.ts";'],
  [
    "test-not-to-bench",
    "test/bad.ts",
    "bench/run.ts",
    'import type { run } from "../bench/run.ts";\nexport type Run = typeof run;',
  ],
  ["support-not-to-bench-or-test", "support/bad.ts", "bench/run.ts", 'export { run } from "../bench/run.ts";'],
  ["support-not-to-bench-or-test", "support/bad2.ts", "test/helper.ts", 'export * from "../test/helper.ts";'],
  ["not-to-unresolvable", "src/routes/bad3.ts", "./missing.ts", 'export * from "./missing.ts";'],
  // dependency-cruiser names a built-in without its node: prefix.
  [
    "no-node-builtins",
    "src/render/bad2.ts",
    "fs",
    'import { readFileSync } from "node:fs";\nexport const read = readFileSync;',
  ],
  // A cycle of type-only imports, within one layer so that no other rule fires.
  [
    "no-circular",
    "src/content/a.ts",
    "src/content/b.ts",
    'import type { B } from "./b.ts";\nexport interface A { b?: B }',
  ],
  // And one outside src/: a benchmark's report and a runner (the cycle bench/ once had).
  [
    "no-circular",
    "bench/report.ts",
    "bench/search.ts",
    'import type { Cost } from "./search.ts";\nexport const report = (c: Cost): string => String(c.ms);',
  ],
];
const CYCLE_BACK = {
  "src/content/b.ts": 'import type { A } from "./a.ts";\nexport interface B { a?: A }\n',
  "bench/search.ts": [
    'import { report } from "./report.ts";',
    "export interface Cost { ms: number }",
    "export const search = (): string => report({ ms: 1 });",
  ].join("\n"),
};
const TOOLING = { "scripts/tool.ts": "export const tool = 1;\n" };

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
  cycle?: { name: string }[];
}
interface CruiseResult {
  modules: { source: string }[];
  summary: { violations: Violation[]; error: number };
}

let work: string;

async function writeTree(name: string, files: Record<string, string>): Promise<string> {
  const dir = join(work, name);
  for (const [path, text] of Object.entries({ "tsconfig.json": TSCONFIG, ...files })) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  // So that hono resolves as it does in the project.
  await symlink(join(ROOT, "node_modules"), join(dir, "node_modules"));
  return dir;
}

/** `npm run layers`'s command (after building, if src/generated/ is missing): depcruise and its arguments. */
async function layersCommand(): Promise<string[]> {
  const manifest = JSON.parse(await readFile(join(ROOT, "package.json"), "utf8"));
  const script = manifest.scripts.layers as string;
  return script.slice(script.lastIndexOf("depcruise ")).split(" ");
}

/** `npm run layers`, run in `dir` with the project's dependency-cruiser and config. */
async function layers(dir: string, ...extra: string[]) {
  const [command, ...args] = await layersCommand();
  expect(command).toBe("depcruise");
  const config = args.indexOf("--config") + 1;
  args[config] = join(ROOT, args[config]!);
  const cruiser = JSON.parse(await readFile(join(ROOT, "node_modules/dependency-cruiser/package.json"), "utf8"));
  const bin = join(ROOT, "node_modules/dependency-cruiser", cruiser.bin.depcruise);
  return new Promise<{ status: number; out: string }>((resolve) => {
    execFile(process.execPath, [bin, ...args, ...extra], { cwd: dir, encoding: "utf8" }, (error, stdout, stderr) =>
      resolve({ status: typeof error?.code === "number" ? error.code : error ? -1 : 0, out: stdout + stderr }),
    );
  });
}

/** The same run, reported as JSON (exit code 0 whatever it found). */
async function cruise(dir: string): Promise<CruiseResult> {
  const { out } = await layers(dir, "--output-type", "json");
  try {
    return JSON.parse(out) as CruiseResult;
  } catch {
    throw new Error(`dependency-cruiser printed no JSON:\n${out}`);
  }
}

const described = (vs: Violation[]) => vs.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "layering-"));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe("layering rules (.dependency-cruiser.mjs)", () => {
  let allowed: CruiseResult;
  let wrong: CruiseResult;
  let wrongText: Awaited<ReturnType<typeof layers>>;

  beforeAll(async () => {
    const wrongFiles = Object.fromEntries(WRONG.map(([, from, , source]) => [from, `${source}\n`]));
    const [allowedDir, wrongDir] = await Promise.all([
      writeTree("allowed", ALLOWED),
      writeTree("wrong", { ...ALLOWED, ...wrongFiles, ...CYCLE_BACK, ...TOOLING }),
    ]);
    [allowed, wrong, wrongText] = await Promise.all([cruise(allowedDir), cruise(wrongDir), layers(wrongDir)]);
  }, 30_000);

  it("cruises the worker and every tool: src/, scripts/, bench/, support/ and test/", async () => {
    const [, ...args] = await layersCommand();
    expect(args.filter((a) => !a.startsWith("-") && !a.endsWith(".mjs"))).toEqual([
      "src",
      "scripts",
      "bench",
      "support",
      "test",
    ]);
  });

  it("passes a tree with only allowed imports, having parsed every module of it", () => {
    expect(described(allowed.summary.violations)).toEqual([]);
    // Without a TypeScript it can load, dependency-cruiser would skip the .ts files and pass.
    expect(allowed.modules.map(({ source }) => source)).toEqual(expect.arrayContaining(Object.keys(ALLOWED)));
  });

  it.each(WRONG)("%s: reports %s → %s", (rule, from, to) => {
    const hits = wrong.summary.violations.filter((v) => v.rule.name === rule && v.from === from);
    expect(hits.map((v) => v.to)).toEqual([to]);
  });

  it("reports each cycle with both of its modules", () => {
    const cycle = (from: string) =>
      wrong.summary.violations
        .find((v) => v.rule.name === "no-circular" && v.from === from)
        ?.cycle?.map(({ name }) => name);
    expect(cycle("src/content/a.ts")).toEqual(["src/content/b.ts", "src/content/a.ts"]);
    expect(cycle("bench/report.ts")).toEqual(["bench/search.ts", "bench/report.ts"]);
  });

  it("reports nothing else", () => {
    expect(described(wrong.summary.violations)).toEqual(
      described(WRONG.map(([name, from, to]) => ({ rule: { name }, from, to }))),
    );
  });

  it("fails `npm run layers` with one line per violation: rule, from → to", () => {
    expect(wrongText.status).toBe(WRONG.length);
    expect(wrongText.out).toContain("error render-is-pure: src/render/bad.ts → src/cache/x.ts\n");
    expect(wrongText.out).toContain(`x ${WRONG.length} dependency violations (${WRONG.length} errors, 0 warnings)`);
  });
});
