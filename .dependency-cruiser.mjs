// The layering of the repository, checked by dependency-cruiser (`npm run layers`, part of
// `npm test`, over src/, scripts/, bench/, support/ and test/).
//
// The tools stand on the worker and never the reverse; benchmarks and tests are siblings:
//   bench/ (benchmarks)   test/ (tests)        neither imports the other
//   → support/ (what both use: the synthetic corpus, the search corpus and its quality measure)
//   → scripts/ (the build and the editor commands)
//   → src/ (the worker)
// No module anywhere is part of an import cycle.
//
// Within src/, higher layers may import lower ones, never the reverse:
//   app (src/app.ts, src/index.ts, src/config.ts, and the cron: src/scheduled/)
//   → routes (src/routes/)
//   → serving (src/serving/, src/http/, the outbound clients src/outbound/) and cache (src/cache/)
//   → render (src/render/)
//   → content (src/content/)
// src/clock.ts, src/env.ts, src/lru.ts, src/mime.ts, src/problem-details.ts and src/*.d.ts are leaves
// anyone may import.
// Within content, the store (src/content/store/) is below search (src/content/search/).
// src/generated/ (built by `npm run build`, git-ignored) is imported by app, routes and render,
// and itself imports only src/content/ (types) and its own article bodies.
//
// Paths are regular expressions on paths relative to the working directory, so a rule applies to
// a folder as soon as it exists. test/scripts/layering.test.ts proves that each rule bites.
import { getAvailableTranspilers } from "dependency-cruiser";

// Without a TypeScript compiler API it can load, dependency-cruiser skips every .ts file and
// reports "no dependency violations" over an empty graph. TypeScript 7 (the native `tsc`) has no
// such API yet: package.json aliases `typescript` to @typescript/typescript6 for tools like this
// one and installs TypeScript 7 as @typescript/native (`npm run typecheck` runs its tsc by path).
const tsc = getAvailableTranspilers().find(({ name }) => name === "typescript");
if (!tsc?.available) {
  throw new Error(
    `dependency-cruiser found no TypeScript compiler API it can load (it needs typescript ${tsc?.version}), ` +
      "so it would skip every .ts file. Keep `typescript` aliased to npm:@typescript/typescript6 in " +
      "package.json until dependency-cruiser supports TypeScript 7.",
  );
}

const APP = "^src/(app|index|config)[.]ts$|^src/scheduled/";

/** @type {import("dependency-cruiser").IConfiguration} */
export default {
  forbidden: [
    {
      name: "src-not-to-tooling",
      comment:
        "The worker bundles everything src/ reaches: the build (scripts/), benchmarks (bench/) and " +
        "tests (test/) are Node-side tools that use src/, never the reverse.",
      severity: "error",
      from: { path: "^src/" },
      to: { path: "^(scripts|bench|support|test)/" },
    },
    {
      name: "scripts-not-to-bench-or-test",
      comment:
        "The build and the editor commands (scripts/) are what benchmarks and tests exercise: they " +
        "run on an editor's machine and in wrangler's build with neither, so they import neither " +
        "(nor support/, the helpers the two share).",
      severity: "error",
      from: { path: "^scripts/" },
      to: { path: "^(bench|test|support)/" },
    },
    {
      name: "bench-not-to-test",
      comment:
        "Benchmarks and tests are siblings: what both need (corpora, quality measures) lives in " +
        "support/, so either can change without breaking the other.",
      severity: "error",
      from: { path: "^bench/" },
      to: { path: "^test/" },
    },
    {
      name: "test-not-to-bench",
      comment:
        "Tests import no benchmark code: what both need lives in support/ (bench-not-to-test's " + "other half).",
      severity: "error",
      from: { path: "^test/" },
      to: { path: "^bench/" },
    },
    {
      name: "support-not-to-bench-or-test",
      comment:
        "support/ holds what benchmarks and tests share: it may use the worker and the build, but " +
        "importing either of its users would tie them together again through it.",
      severity: "error",
      from: { path: "^support/" },
      to: { path: "^(bench|test)/" },
    },
    {
      name: "content-is-the-base",
      comment:
        "src/content/ is the model and its queries: it knows nothing of how articles are rendered, " +
        "cached or served, so the build (scripts/) and every layer above can share it.",
      severity: "error",
      from: { path: "^src/content/" },
      to: { path: `^src/(render|cache|http|outbound|serving|routes)/|${APP}` },
    },
    {
      name: "render-is-pure",
      comment:
        "Renderers are pure functions of content (plus the built asset paths): no HTTP, cache, " +
        "serving or routing code, so they can be benchmarked and tested without a runtime.",
      severity: "error",
      from: { path: "^src/render/" },
      to: { path: `^src/(http|outbound|cache|serving|routes)/|${APP}` },
    },
    {
      name: "html-and-feeds-apart",
      comment:
        "Pages (src/render/html/) and feeds (src/render/feeds/) are siblings: what both use (the " +
        "feed formats, the XML writer, the source line) lives beside them in src/render/, so " +
        "neither changes when the other does.",
      severity: "error",
      from: { path: "^src/render/(html|feeds)/" },
      to: { path: "^src/render/(html|feeds)/", pathNot: "^src/render/$1/" },
    },
    {
      name: "store-not-to-search",
      comment:
        "The content store (src/content/store/) reads and packs articles, lists and index files; " +
        "search (src/content/search/) ranks over what the store reads, so it uses the store, never " +
        "the reverse: a store that imports the search engine cannot be read without it.",
      severity: "error",
      from: { path: "^src/content/store/" },
      to: { path: "^src/content/search/" },
    },
    {
      name: "cache-stores-not-serves",
      comment:
        "The render cache stores and looks up rendered entries (keys, memory and KV tiers); it may " +
        "use content types but never renders, answers HTTP or routes: serving composes it with those.",
      severity: "error",
      from: { path: "^src/cache/" },
      to: { path: `^src/(http|outbound|serving|routes|render)/|${APP}` },
    },
    {
      name: "cache-uses-content-types-only",
      comment:
        "The cache keys and stores what it is given: it may name content types, but content's " +
        "queries (publication, visibility) are for serving to apply, not for the cache to re-export.",
      severity: "error",
      from: { path: "^src/cache/" },
      to: { path: "^src/content/", dependencyTypesNot: ["type-only", "type-import"] },
    },
    {
      name: "serving-below-routes",
      comment:
        "HTTP helpers and the serving pipeline are shared by every route; importing a route or the " +
        "app from them would turn the layering upside down.",
      severity: "error",
      from: { path: "^src/(http|outbound|serving)/" },
      to: { path: `^src/routes/|${APP}` },
    },
    {
      name: "routes-below-app",
      comment:
        "Routes are mounted by src/app.ts and configured through what it hands them (the route " +
        "context); a route importing the app or the worker entry would be a cycle in waiting.",
      severity: "error",
      from: { path: "^src/routes/" },
      to: { path: "^src/(app|index)[.]ts$" },
    },
    {
      name: "generated-only-from-app-routes-render",
      comment:
        "src/generated/ exists only after `npm run build` and is the whole corpus: only the app " +
        "(wiring), routes and renderers (asset paths) may import it, so content, cache and serving " +
        "stay testable with any content model.",
      severity: "error",
      from: {
        path: "^src/",
        pathNot: `^src/(routes|render|generated)/|${APP}`,
      },
      to: { path: "^src/generated/" },
    },
    {
      name: "generated-imports-only-content",
      comment:
        "The build writes src/generated/ against the model's types (src/content/) and its own " +
        "article bodies; anything else would tie the build's output to the worker's code.",
      severity: "error",
      from: { path: "^src/generated/" },
      to: { path: "^src/", pathNot: "^src/(content|generated)/" },
    },
    {
      name: "leaves-import-no-layer",
      comment:
        "Top-level modules other than the app (clock, env, mime, declarations) are leaves that " +
        "every layer may import; they import no layer themselves.",
      severity: "error",
      from: { path: "^src/[^/]+$", pathNot: APP },
      to: { path: "^src/[^/]+/" },
    },
    {
      name: "no-circular",
      comment:
        "A cycle makes modules impossible to understand, test or move one at a time, in the " +
        "worker or in its tools. With tsPreCompilationDeps, type-only imports count too: they " +
        "are design dependencies.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "not-to-unresolvable",
      comment:
        "An import that resolves to no file is a typo or a missing build; only the workerd " +
        "runtime's cloudflare:* modules are provided from outside.",
      severity: "error",
      from: { path: "^src/" },
      to: { couldNotResolve: true, pathNot: "^cloudflare:" },
    },
    {
      name: "no-node-builtins",
      comment:
        "The worker runs without the nodejs_compat flag: Node built-ins (node:fs, path, …) do not " +
        "exist at run time.",
      severity: "error",
      from: { path: "^src/" },
      to: { dependencyTypes: ["core"] },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    // Package subpaths (hono/http-exception) resolve through "exports", with the conditions
    // wrangler's bundler uses for workerd.
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["workerd", "worker", "browser", "import", "default", "types"],
    },
    skipAnalysisNotInRules: true,
  },
};
