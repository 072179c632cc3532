/**
 * The language an editor reads content problems in (issues.ts, `Lang`): Chinese when the site's
 * own language (content/site.yaml `language`) is Chinese, else English. `npm run check` and
 * `npm run dev`'s build print problems in it.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "yaml";
import type { Lang } from "./issues.ts";

/** Chinese when content/site.yaml says the site is (zh, zh-CN…); English otherwise or unreadable. */
export async function siteLanguage(root: string): Promise<Lang> {
  try {
    const site = parse(await readFile(join(root, "content/site.yaml"), "utf8")) as { language?: unknown };
    return typeof site?.language === "string" && /^zh(?:-|$)/i.test(site.language) ? "zh" : "en";
  } catch {
    // A missing or broken site.yaml is the content check's to report (site-missing, yaml-syntax).
    return "en";
  }
}
