/**
 * What was last deployed to each environment, as this machine knows it: after `wrangler deploy`
 * succeeds, `npm run deploy` (and the desk's 部署 panel, which runs it) records the digest of every
 * content file it uploaded in .cache/deployed/<env>.json. The desk compares content/ with it to say
 * what is saved but not yet deployed, and keeps deleted articles restorable until then.
 */
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";

export interface DeployedRecord {
  env: string;
  /** The environment's canonical origin: where the site is live. */
  origin: string;
  /** When the upload finished (ISO 8601, UTC). */
  at: string;
  /** content/… path → SHA-256 of its bytes, for every file the build reads. */
  files: Record<string, string>;
}

const recordPath = (root: string, env: string) => join(root, ".cache/deployed", `${env}.json`);

/** Every file under content/ (articles, site, pictures, ledger) with its digest. */
export async function contentSnapshot(root: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const entries = await readdir(join(root, "content"), { recursive: true, withFileTypes: true }).catch(() => []);
  for (const d of entries) {
    if (!d.isFile() || d.name.startsWith(".")) continue;
    const full = join(d.parentPath, d.name);
    const rel = `content/${full
      .slice(join(root, "content").length + 1)
      .split("\\")
      .join("/")}`;
    files[rel] = createHash("sha256")
      .update(await readFile(full))
      .digest("hex");
  }
  return Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1)));
}

export async function recordDeployed(
  root: string,
  env: string,
  origin: string,
  files: Record<string, string>,
  at = new Date(),
): Promise<void> {
  const path = recordPath(root, env);
  await mkdir(join(root, ".cache/deployed"), { recursive: true });
  const record: DeployedRecord = { env, origin, at: at.toISOString(), files };
  // Written whole, then renamed: a deploy stopped mid-write leaves the previous record.
  await writeFile(`${path}.tmp`, `${JSON.stringify(record, null, 2)}\n`);
  await rename(`${path}.tmp`, path);
}

export async function readDeployed(root: string, env: string): Promise<DeployedRecord | undefined> {
  const text = await readFile(recordPath(root, env), "utf8").catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const record = JSON.parse(text) as DeployedRecord;
    return record && typeof record.files === "object" && typeof record.at === "string" ? record : undefined;
  } catch {
    return undefined; // a damaged record is no record: everything counts as not yet deployed
  }
}

/** Paths that differ between a deployed snapshot and content/ now. */
export function notDeployed(
  deployed: Record<string, string>,
  now: Record<string, string>,
): { added: string[]; changed: string[]; removed: string[] } {
  const added: string[] = [];
  const changed: string[] = [];
  for (const [path, digest] of Object.entries(now)) {
    if (!(path in deployed)) added.push(path);
    else if (deployed[path] !== digest) changed.push(path);
  }
  const removed = Object.keys(deployed).filter((p) => !(p in now));
  return { added, changed, removed };
}
