/**
 * The id ledger (content/id-ledger.json, committed): every id ever published, with the slug and
 * title it had. Feed readers key items on these ids, so an id that changes or disappears makes
 * readers show an article twice or lose it. The build fails on either, naming the article; new
 * published articles are added to the ledger.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Article } from "../../src/content/model.ts";
import { issue } from "./catalogue.ts";
import type { ContentIssue } from "./issues.ts";

export const LEDGER_FILE = "content/id-ledger.json";

export interface LedgerEntry {
  slug: string;
  title: string;
}

export type Ledger = Record<string, LedgerEntry>;

export interface LedgerCheck {
  issues: ContentIssue[];
  /** The ledger with this build's new articles added; undefined when nothing changed. */
  updated?: Ledger;
}

export async function readLedger(root: string): Promise<{ ledger: Ledger; source?: string; issues: ContentIssue[] }> {
  let source: string;
  try {
    source = await readFile(join(root, LEDGER_FILE), "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return { ledger: {}, issues: [] };
    throw e;
  }
  try {
    return { ledger: JSON.parse(source) as Ledger, source, issues: [] };
  } catch (e) {
    return {
      ledger: {},
      source,
      issues: [
        issue(
          "ledger-invalid-json",
          { file: LEDGER_FILE, line: 1, column: 1, field: "ledger" },
          { reason: (e as Error).message },
        ),
      ],
    };
  }
}

/** `articles`: every non-draft article of this build (scheduled ones included: their ids are promised). */
export function checkLedger(
  ledger: Ledger,
  source: string | undefined,
  articles: Article[],
  idLine: (a: Article) => number,
): LedgerCheck {
  const issues: ContentIssue[] = [];
  const byId = new Set<string>();
  for (const a of articles) byId.add(a.id);
  // Made only when some recorded id is not found (rare): at 100,000 articles the ledger is checked
  // on every rebuild, and a map of every slug and a pair per entry were most of its cost.
  let bySlug: Map<string, Article> | undefined;
  const lineOf = (id: string) => (source ? source.split("\n").findIndex((l) => l.includes(`"${id}"`)) + 1 : 1);

  for (const id in ledger) {
    if (byId.has(id)) continue;
    const entry = ledger[id]!;
    bySlug ??= new Map(articles.map((a) => [a.slug, a]));
    const successor = bySlug.get(entry.slug);
    if (successor) {
      const where = { file: successor.file, line: idLine(successor), column: 1, field: "id" };
      issues.push(issue("ledger-id-changed", where, { title: entry.title, from: id, to: successor.id }));
    } else {
      const where = { file: LEDGER_FILE, line: lineOf(id), column: 1, field: id };
      issues.push(issue("ledger-article-missing", where, { title: entry.title, slug: entry.slug }));
    }
  }
  const added = articles.filter((a) => !(a.id in ledger));
  if (issues.length || added.length === 0) return { issues };
  const updated: Ledger = { ...ledger };
  for (const a of added) updated[a.id] = { slug: a.slug, title: a.title };
  return { issues, updated };
}

/** One id per line, sorted, so diffs are readable and lines can be reported. */
export function formatLedger(ledger: Ledger): string {
  const ids = Object.keys(ledger).sort();
  const lines = ids.map(
    (id, i) => `  ${JSON.stringify(id)}: ${JSON.stringify(ledger[id])}${i < ids.length - 1 ? "," : ""}`,
  );
  return `{\n${lines.join("\n")}\n}\n`;
}

export async function writeLedger(root: string, ledger: Ledger): Promise<void> {
  await writeFile(join(root, LEDGER_FILE), formatLedger(ledger));
}
