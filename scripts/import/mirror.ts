/**
 * A folder mirroring the old site (`wget --mirror`, a browser's "save page as, complete") as an
 * import source (issue 22, source 1). Not built yet.
 */
import type { SourceRead } from "./imported.ts";

export async function readMirror(dir: string): Promise<SourceRead> {
  throw new Error(
    `${dir} is a folder: importing a mirror of the old site is not built yet (issue 22); import its feed`,
  );
}
