/**
 * `npm run build` (also wrangler's [build] command): validates content/, prints every problem,
 * and writes the content store (public/_store/) and its manifest (src/generated/). Exits 1 on any
 * error; warnings do not stop the build.
 *
 *   node --experimental-strip-types scripts/build-content.ts [--root DIR] [--preview] [--now ISO]
 *
 * --preview (or CONTENT_PREVIEW=true, which `npm run dev` sets) packs drafts too, for the local
 * preview only; `wrangler deploy` runs this build without it, and `npm run check` refuses a
 * preview store. --now sets the build's clock (articles dated later are scheduled). --threads N
 * (or CONTENT_BUILD_THREADS) sets how many threads build articles: by default one per core for a
 * large archive (scripts/content/threads.ts); the store's bytes are the same either way.
 *
 * The build is incremental (scripts/content/manifest.ts): a file whose size and time are as the
 * last build recorded is not read again, and only store files whose bytes change are written;
 * the bytes are those of a build from nothing. Deleting .cache/ is always safe.
 */
import { enableCompileCache } from "node:module";
import { join } from "node:path";
import { parseArgs } from "node:util";

// Node keeps each module compiled (its types stripped) in .cache/ between runs: stripping the
// build's modules again took about 0.3 s of every build at 10,000 articles under --cpu-prof.
// Before the build's own modules load, so they are imported below, not above.
const compiled = join(import.meta.dirname, "../.cache/node-compile");
enableCompileCache(compiled);
// The build's threads (scripts/content/threads.ts) read it from the environment.
process.env.NODE_COMPILE_CACHE ??= compiled;
const { buildSite } = await import("./content/builder.ts");

const { values } = parseArgs({
  options: {
    root: { type: "string", default: process.cwd() },
    preview: { type: "boolean", default: process.env.CONTENT_PREVIEW === "true" },
    now: { type: "string" },
    threads: { type: "string" },
  },
});

const threads = values.threads === undefined ? undefined : Number(values.threads);
if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1)) {
  console.error(`content: --threads ${values.threads} is not a whole number of threads`);
  process.exit(1);
}
const builtAt = values.now ? Date.parse(values.now) : Date.now();
if (Number.isNaN(builtAt)) {
  console.error(`content: --now ${values.now} is not a date`);
  process.exit(1);
}
const { ok } = await buildSite(values.root, { preview: values.preview, builtAt, threads });
if (!ok) process.exit(1);
