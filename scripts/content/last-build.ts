/**
 * The last build as a whole (.cache/last-build.json, git-ignored; issue 30, "nothing changed in at
 * most 2 s"): a key of everything the build's bytes come from, taken before the build read any of
 * it, and what the build made of it. A build whose inputs have the same key, whose clock is still
 * on the same side of every article's publication time, and whose outputs are still as that build
 * left them, would write the same bytes: it reads no article, parses no manifest and loads none of
 * the compiling modules; it only writes the generated module (and a preview build's manifest file)
 * again with its own clock (builder.ts).
 *
 * The key: the build's code (cache.ts `codeHash`), src/ (the rendering code, the assets and the
 * icons' mark: generated.ts `hashTree`), content/site.yaml, each file of content/media/ and of
 * content/articles/ by name, size and modification time, the id ledger as the build left it, and
 * whether drafts are packed. A file whose time was too close to when it was taken (files.ts
 * files.ts `racy`) is kept with its text's SHA-256 and read again to be compared. The outputs: every file
 * of public/_store/ and public/media/ and src/generated/assets.ts, by size and time.
 *
 * Anything that does not check out (no file, edited, cut short, another format) is no last build:
 * the build runs as usual (incrementally, manifest.ts), which is always right. The file is removed
 * before a build writes anything and written after it succeeded, so it never vouches for outputs a
 * build stopped halfway. Deleting it, or .cache/, is always safe.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { PREVIEW_MANIFEST, STORE_DIR, type StoreManifest } from "../../src/content/store/format.ts";
import { codeHash } from "./cache.ts";
import { listFiles, racy as isRacy } from "./files.ts";
import { ASSETS_DIR, GENERATED_DIR, hashTree } from "./generated.ts";
import type { ContentIssue } from "./issues.ts";
import { LEDGER_FILE } from "./ledger.ts";

export const LAST_BUILD = ".cache/last-build.json";

/** Changes when what the file holds changes: an older one is then no last build. */
const FORMAT = 1;

/** An article file as a build knew it (build.ts `BuildResult.sources`). */
export interface KnownSource {
  size: number;
  mtimeMs: number;
  statAt: number;
  sha256: string;
}

/**
 * The inputs besides the article files and the ledger, taken before the build reads them: a change
 * during the build makes the next build's key differ, never the other way round.
 */
export interface FixedInputs {
  key: string;
  /** src/'s hash, the generated module's RENDER_VERSION. */
  renderVersion: string;
  /** A picture's time said too little (files.ts `racy`): this build is not kept as a last build. */
  racy: boolean;
}

/** What the last build made, for a build with the same inputs to answer with. */
export interface LastBuild {
  /** The store's manifest; `builtAt` is the last build's. */
  manifest: StoreManifest;
  renderVersion: string;
  issues: ContentIssue[];
  /** Store files in all. */
  files: number;
  /** The generated module, relative to the root. */
  module: string;
}

interface Stored extends LastBuild {
  format: number;
  key: string;
  /** Article files whose time said too little when taken: name and text's SHA-256. */
  racy: [name: string, sha256: string][];
  /** Every output but the generated content module: path from the root, size and time. */
  outputs: [path: string, size: number, mtimeMs: number][];
}

const sha256 = (bytes: string | Uint8Array) => createHash("sha256").update(bytes).digest("hex");

export async function fixedInputs(root: string, preview: boolean): Promise<FixedInputs> {
  const renderVersion = await hashTree(root, "src");
  let site: string;
  try {
    site = sha256(readFileSync(join(root, "content/site.yaml")));
  } catch {
    site = "none";
  }
  const media = join(root, "content/media");
  const statAt = Date.now();
  let racy = false;
  const pictures = (await listFiles(media)).sort().map((name) => {
    const st = statSync(join(media, name), { throwIfNoEntry: false });
    if (!st || isRacy(st.mtimeMs, statAt)) racy = true;
    return `${name}\0${st?.size ?? -1}\0${st?.mtimeMs ?? -1}`;
  });
  const key = sha256(
    [`format\0${FORMAT}`, `code\0${await codeHash()}`, `src\0${renderVersion}`, `preview\0${preview}`]
      .concat(`site\0${site}`, ...pictures)
      .join("\n"),
  );
  return { key, renderVersion, racy };
}

/** The whole key: the fixed inputs, every article file (sorted by name) and the ledger's (`ledgerKey`). */
function keyOf(fixed: string, articles: readonly (readonly [string, number, number])[], ledger: string): string {
  const lines = articles.map(([name, size, mtimeMs]) => `${name}\0${size}\0${mtimeMs}`).join("\n");
  return sha256(`${fixed}\n${sha256(lines)}\n${ledger}`);
}

/**
 * The ledger's part of the key: its bytes' hash (a ledger of 100,000 articles is 10 MB: hashed as
 * bytes, not decoded). Absent is not the same as empty: a build from nothing reads an empty one as
 * broken JSON.
 */
function ledgerKey(root: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(root, LEDGER_FILE));
  } catch {
    return "no ledger";
  }
  return createHash("sha256").update("ledger\0").update(bytes).digest("hex");
}

/**
 * The build's outputs but the generated content module and a preview build's manifest file (a build
 * with the same inputs writes both again with its own clock: builder.ts), by path from the root,
 * with size and time.
 */
function outputs(root: string): Stored["outputs"] {
  const found: Stored["outputs"] = [];
  const manifestFile = join(root, ASSETS_DIR, STORE_DIR, PREVIEW_MANIFEST);
  for (const dir of [join(root, ASSETS_DIR, "_store"), join(root, ASSETS_DIR, "media")]) {
    let entries;
    try {
      entries = readdirSync(dir, { recursive: true, withFileTypes: true });
    } catch {
      continue;
    }
    for (const d of entries) {
      if (!d.isFile()) continue;
      const path = join(d.parentPath, d.name);
      if (path === manifestFile) continue;
      const st = statSync(path, { throwIfNoEntry: false });
      if (st) found.push([relative(root, path).split("\\").join("/"), st.size, st.mtimeMs]);
    }
  }
  const assets = statSync(join(root, GENERATED_DIR, "assets.ts"), { throwIfNoEntry: false });
  if (assets) found.push([`${GENERATED_DIR}/assets.ts`, assets.size, assets.mtimeMs]);
  return found.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** An article file's size and time, and when they were taken (build.ts takes them once a build). */
export interface TakenStat {
  size: number;
  mtimeMs: number;
  statAt: number;
}

/**
 * The last build, when a build at `builtAt` of the content at `root` as it is now would write the
 * same bytes; else undefined, with the fixed inputs taken (for `keepLastBuild`, after the build)
 * and each article file's size and time when they were taken (the build's own, build.ts).
 */
export async function lastBuild(
  root: string,
  { preview, builtAt }: { preview: boolean; builtAt: number },
): Promise<{ same?: LastBuild; fixed: FixedInputs; articles?: Map<string, TakenStat>; ledger?: string }> {
  const fixed = await fixedInputs(root, preview);
  let stored: Stored;
  try {
    const text = readFileSync(join(root, LAST_BUILD), "utf8");
    const newline = text.indexOf("\n");
    const body = text.slice(newline + 1);
    if (newline < 0 || text.slice(0, newline) !== sha256(body)) return { fixed };
    stored = JSON.parse(body) as Stored;
  } catch {
    return { fixed };
  }
  if (stored.format !== FORMAT || fixed.racy) return { fixed };
  // Every article visible then is visible now, and every one pending then is pending still.
  const { settled, pending } = stored.manifest;
  if (builtAt < settled || (pending.length > 0 && builtAt >= pending[0]![0])) return { fixed };
  const dir = join(root, "content/articles");
  const names = (await listFiles(dir)).filter((n) => n.endsWith(".md")).sort();
  const articles: [string, number, number][] = [];
  const taken = new Map<string, TakenStat>();
  // Taken before any stat: a time close to it is then, if anything, taken for racy too soon.
  const statAt = Date.now();
  for (const name of names) {
    const st = statSync(join(dir, name), { throwIfNoEntry: false });
    if (!st) return { fixed };
    articles.push([name, st.size, st.mtimeMs]);
    taken.set(name, { size: st.size, mtimeMs: st.mtimeMs, statAt });
  }
  const ledger = ledgerKey(root);
  if (keyOf(fixed.key, articles, ledger) !== stored.key) return { fixed, articles: taken, ledger };
  // Written too close to when they were taken: their texts decide.
  for (const [name, digest] of stored.racy) {
    let text: Buffer;
    try {
      text = readFileSync(join(dir, name));
    } catch {
      return { fixed };
    }
    if (sha256(text) !== digest) return { fixed, articles: taken, ledger };
  }
  const now = outputs(root);
  if (now.length !== stored.outputs.length) return { fixed, articles: taken, ledger };
  for (const [i, [path, size, mtimeMs]] of now.entries()) {
    const was = stored.outputs[i]!;
    if (was[0] !== path || was[1] !== size || was[2] !== mtimeMs) return { fixed, articles: taken, ledger };
  }
  const { manifest, renderVersion, issues, files, module } = stored;
  return { same: { manifest, renderVersion, issues, files, module }, fixed };
}

/** Forgets the last build: done before a build writes anything. */
export function forgetLastBuild(root: string): void {
  rmSync(join(root, LAST_BUILD), { force: true });
}

/**
 * Keeps this build as the last build: `fixed` taken before it read anything, `sources` each
 * article file as it knew it (build.ts), `made` what it wrote, `ledger` the ledger's key taken
 * before the build when it did not write the ledger (else taken now). The outputs are taken now,
 * as the build left them. Not kept when a picture's time said too little.
 */
export function keepLastBuild(
  root: string,
  fixed: FixedInputs,
  sources: ReadonlyMap<string, KnownSource>,
  made: LastBuild,
  ledger?: string,
): void {
  if (fixed.racy) return;
  const names = [...sources.keys()].sort();
  const articles = names.map((name) => {
    const s = sources.get(name)!;
    return [name, s.size, s.mtimeMs] as const;
  });
  const racy = names.flatMap((name): [string, string][] => {
    const s = sources.get(name)!;
    return isRacy(s.mtimeMs, s.statAt) ? [[name, s.sha256]] : [];
  });
  const stored: Stored = {
    format: FORMAT,
    key: keyOf(fixed.key, articles, ledger ?? ledgerKey(root)),
    racy,
    outputs: outputs(root),
    ...made,
  };
  const body = JSON.stringify(stored);
  const path = join(root, LAST_BUILD);
  mkdirSync(join(root, ".cache"), { recursive: true });
  // Whole or not at all: a build stopped mid-write leaves no file that reads as complete.
  writeFileSync(`${path}.tmp`, `${sha256(body)}\n${body}`);
  renameSync(`${path}.tmp`, path);
}
