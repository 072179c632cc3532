/**
 * One whole build of the site as `npm run build` runs it, and as `npm run dev` runs it again on
 * every change (scripts/dev/builder.ts): the content build, incremental (the manifest of sources,
 * manifest.ts), then the store, the generated module, the pictures and the id ledger. A manifest
 * found wrong on the way (a record that is not what it says) is dropped and the build starts again
 * from nothing, saying why in one line; never wrong bytes.
 */
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { buildContent, type BuildResult } from "./build.ts";
import { formatIssue, sortIssues, summarize, type ContentIssue, type Lang } from "./issues.ts";
import { LEDGER_FILE, writeLedger } from "./ledger.ts";
import { MANIFEST_DIR, StaleManifestError } from "./manifest.ts";
import { writeGenerated, writeMedia, type WriteResult } from "./write.ts";

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
}

export async function buildSite(root: string, options: SiteBuildOptions = {}): Promise<SiteBuild> {
  try {
    return await attempt(root, options);
  } catch (e) {
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
  const built: BuildResult = await buildContent(root, "content", { threads, incremental });
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
  const written = await writeGenerated(root, model, { preview, builtAt, threads, outputs, log });
  await writeMedia(root, mediaFiles!);
  if (ledger) {
    await writeLedger(root, ledger);
    log(`content: new article ids recorded in ${LEDGER_FILE} (commit it with the articles)`);
  }
  const ms = Math.round(performance.now() - started);
  log(
    `content: ${written.manifest.counts.all} article(s)${preview ? " (preview: drafts included)" : ""} → ` +
      `public/_store/ (${written.files} files, ${written.written} written, ${written.removed} removed) and ${written.module}, ` +
      `version ${model.version}, ${compiled} file(s) compiled, ${summarize(issues)} (${ms} ms)`,
  );
  return { ok: true, issues, written, compiled, ms };
}
