/**
 * A WordPress export (WXR) as an import source (issue 22, source 2). Not built yet.
 */
import type { SourceRead } from "./imported.ts";

export function readWxr(_text: string, file: string): SourceRead {
  throw new Error(`${file} is a WordPress export (WXR): not built yet (issue 22); import the site's feed`);
}
