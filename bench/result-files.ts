/** bench/results/*.json: runners save their result, the report step (bench/report.ts) reads them. */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ResultFiles } from "./results.ts";

export const resultPath = (root: string, name: keyof ResultFiles) => join(root, "bench/results", `${name}.json`);

/** Writes a runner's result to bench/results/<name>.json; returns its path. */
export async function saveResult<K extends keyof ResultFiles>(
  root: string,
  name: K,
  result: ResultFiles[K],
): Promise<string> {
  const path = resultPath(root, name);
  await mkdir(join(root, "bench/results"), { recursive: true });
  await writeFile(path, `${JSON.stringify(result, null, 2)}\n`);
  return path;
}

/** A result as its runner last saved it, or undefined when it has not run. */
export async function readResult<K extends keyof ResultFiles>(
  root: string,
  name: K,
): Promise<ResultFiles[K] | undefined> {
  const text = await readFile(resultPath(root, name), "utf8").catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT") return undefined;
    throw e;
  });
  return text === undefined ? undefined : (JSON.parse(text) as ResultFiles[K]);
}
