/**
 * One whole build of the site as `npm run build` runs it, and as `npm run dev` runs it again on
 * every change (scripts/dev/builder.ts): the content build, incremental (the manifest of sources,
 * manifest.ts), then the store, the generated module, the pictures and the id ledger. A manifest
 * found wrong on the way (a record that is not what it says) is dropped and the build starts again
 * from nothing, saying why in one line; never wrong bytes. A build whose inputs are the last
 * build's (last-build.ts) writes only the generated module (and a preview build's manifest file,
 * generated.ts `writeContentModule`), with its clock: the modules that read
 * and compile content (build.ts, write.ts and what they load: Markdown, YAML, the schema, sharp)
 * are loaded only when something is to be built.
 */
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import type { BuildResult } from "./build.ts";
import { GENERATED_DIR, writeContentModule } from "./generated.ts";
import { formatIssue, sortIssues, summarize, type ContentIssue, type Lang } from "./issues.ts";
import { forgetLastBuild, keepLastBuild, lastBuild, type FixedInputs, type LastBuild } from "./last-build.ts";
import { LEDGER_FILE } from "./ledger.ts";
import type { WriteResult } from "./write.ts";

export interface SiteBuildOptions {
  /** Drafts too (the local preview). */
  preview?: boolean;
  /** The build's clock (ms). */
  builtAt?: number;
  threads?: number;
  /** Where the build's lines go (problems, the summary, why everything was compiled). */
  log?: (line: string) => void;
  error?: (line: string) => void;
  /** The language problems are printed in (language.ts: the site's, for an editor); English by default. */
  lang?: Lang;
}

export interface SiteBuild {
  ok: boolean;
  issues: ContentIssue[];
  written?: WriteResult;
  /** Article files read and compiled by this build. */
  compiled: number;
  ms: number;
  /** The inputs were the last build's (last-build.ts): nothing was read or built again. */
  unchanged?: true;
}

export async function buildSite(root: string, options: SiteBuildOptions = {}): Promise<SiteBuild> {
  try {
    return await attempt(root, options);
  } catch (e) {
    const { MANIFEST_DIR, StaleManifestError } = await import("./manifest.ts");
    if (!(e instanceof StaleManifestError)) throw e;
    (options.log ?? console.log)(`content: ${e.message}; every article is compiled again`);
    await rm(join(root, MANIFEST_DIR), { recursive: true, force: true });
    return attempt(root, options);
  }
}

async function attempt(
  root: string,
  { preview = false, builtAt = Date.now(), threads, log = console.log, error = console.error, lang }: SiteBuildOptions,
): Promise<SiteBuild> {
  const started = performance.now();
  // CONTENT_BUILD_CACHE=off builds without any memory of earlier builds (cache.ts), this one too.
  const incremental = process.env.CONTENT_BUILD_CACHE !== "off";
  let fixed: FixedInputs | undefined;
  let stats: Awaited<ReturnType<typeof lastBuild>>["articles"];
  let ledgerKey: string | undefined;
  if (incremental) {
    const last = await lastBuild(root, { preview, builtAt });
    if (last.same) return unchanged(root, last.same, { preview, builtAt, started, log, error, lang });
    ({ fixed, articles: stats, ledger: ledgerKey } = last);
    // From here the outputs change: no last build vouches for them until this one is done.
    forgetLastBuild(root);
  }
  const [{ buildContent }, { writeGenerated, writeMedia }, { writeLedger }] = await Promise.all([
    import("./build.ts"),
    import("./write.ts"),
    import("./ledger.ts"),
  ]);
  const built: BuildResult = await buildContent(root, "content", { threads, incremental, ...(stats ? { stats } : {}) });
  const { model, issues, ledger, mediaFiles, outputs } = built;
  if (built.note) log(`content: ${built.note}; every article is compiled again`);
  for (const issue of sortIssues(issues)) error(formatIssue(issue, lang));
  const compiled = built.compiled ?? 0;
  if (!model) {
    error(
      lang === "zh"
        ? `\ncontent: ${summarize(issues, lang)}。网站没有更新:改正以上错误后会自动重新生成。`
        : `\ncontent: ${summarize(issues)}. Nothing was written; fix the errors above and run again.`,
    );
    return { ok: false, issues, compiled, ms: performance.now() - started };
  }
  const written = await writeGenerated(root, model, {
    preview,
    builtAt,
    threads,
    outputs,
    log,
    ...(fixed ? { renderVersion: fixed.renderVersion } : {}),
  });
  await writeMedia(root, mediaFiles!);
  if (ledger) {
    await writeLedger(root, ledger);
    log(`content: new article ids recorded in ${LEDGER_FILE} (commit it with the articles)`);
  }
  if (fixed && built.sources) {
    const { manifest, files, module } = written;
    const made: LastBuild = { manifest, renderVersion: written.renderVersion, issues, files, module };
    // The ledger as read before the build, unless the build wrote it.
    keepLastBuild(root, fixed, built.sources, made, ledger ? undefined : ledgerKey);
  }
  return done({ issues, written, compiled, started, preview, log });
}

/** The build's last line, and its result. */
function done({
  issues,
  written,
  compiled,
  started,
  preview,
  log,
  unchanged,
}: {
  issues: ContentIssue[];
  written: WriteResult;
  compiled: number;
  started: number;
  preview: boolean;
  log: (line: string) => void;
  unchanged?: true;
}): SiteBuild {
  const ms = Math.round(performance.now() - started);
  log(
    `content: ${written.manifest.counts.all} article(s)${preview ? " (preview: drafts included)" : ""} → ` +
      `public/_store/ (${written.files} files, ${written.written} written, ${written.removed} removed) and ${written.module}, ` +
      `version ${written.manifest.version}, ${compiled} file(s) compiled${unchanged ? " (nothing changed)" : ""}, ` +
      `${summarize(issues)} (${ms} ms)`,
  );
  return { ok: true, issues, written, compiled, ms, ...(unchanged ? { unchanged } : {}) };
}

/**
 * A build whose inputs are the last build's (last-build.ts): its problems printed again, and the
 * generated module (a preview build's: the store's manifest file) written with this build's clock
 * (the one byte of the output that follows it);
 * the rest is as the last build left it.
 */
async function unchanged(
  root: string,
  last: LastBuild,
  {
    preview,
    builtAt,
    started,
    log,
    error,
    lang,
  }: {
    preview: boolean;
    builtAt: number;
    started: number;
    log: (line: string) => void;
    error: (line: string) => void;
    lang?: Lang;
  },
): Promise<SiteBuild> {
  for (const issue of sortIssues(last.issues)) error(formatIssue(issue, lang));
  const manifest = { ...last.manifest, builtAt: Number.isFinite(builtAt) ? builtAt : 0 };
  await mkdir(join(root, GENERATED_DIR), { recursive: true });
  await writeContentModule(root, last.module, last.renderVersion, manifest);
  const written: WriteResult = {
    module: last.module,
    manifest,
    files: last.files,
    written: 0,
    removed: 0,
    renderVersion: last.renderVersion,
  };
  return done({ issues: last.issues, written, compiled: 0, started, preview, log, unchanged: true });
}
