/**
 * Content problems, collected (never thrown one by one) so an editor sees every problem of a
 * build at once, each as `file:line:col field: message` with a hint, like a compiler. What an
 * issue holds, and every kind of issue with its code, message and hint: catalogue.ts.
 * Printed in English for developers, or in Chinese for editors (`zh`: the field by its desk
 * label); a problem with no Chinese text (types, bundle size: developers' own) stays English.
 */
import type { ContentIssue } from "./catalogue.ts";

export type { ContentIssue, Severity } from "./catalogue.ts";

/** The languages problems are printed in. */
export type Lang = "en" | "zh";

export function formatIssue(issue: ContentIssue, lang: Lang = "en"): string {
  const where = `${issue.file}:${issue.line}:${issue.column}`;
  if (lang === "zh" && issue.zh) {
    const head = `${issue.severity === "warning" ? "提醒 " : ""}${where} ${issue.zh.field}:${issue.zh.message}`;
    return `${head}\n    提示:${issue.zh.hint}`;
  }
  const head = `${where} ${issue.field}: ${issue.message}`;
  const label = issue.severity === "warning" ? "warning " : "";
  return issue.hint ? `${label}${head}\n    hint: ${issue.hint}` : `${label}${head}`;
}

/** Errors first, then by file and line, so the report reads top to bottom. */
export function sortIssues(issues: ContentIssue[]): ContentIssue[] {
  return [...issues].sort(
    (a, b) =>
      (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1) ||
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.column - b.column,
  );
}

export function summarize(issues: ContentIssue[], lang: Lang = "en"): string {
  const errors = issues.filter((i) => i.severity === "error").length;
  const warnings = issues.length - errors;
  if (lang === "zh") return `${errors} 个错误,${warnings} 个提醒`;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return `${plural(errors, "error")}, ${plural(warnings, "warning")}`;
}

/** Levenshtein distance, for "did you mean" hints on misspelt keys and sections. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const d = distance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}
