/**
 * GitHub-flavoured tables for turndown, in time linear in the table (issue 29 part 5).
 * @joplin/turndown-plugin-gfm's table rules read `table.rows` (in turndown's DOM, domino, a new
 * walk of the whole table on every read) once per row and per column, so a feed item holding a
 * 5,000-row table ran 268 s before it was stopped. These rules write the same Markdown as that
 * plugin (1.0.68, with turndown's own options: no preserveNestedTables, no preserveTableStyles)
 * but read each table's rows, column count and column alignments once, and each row's cell
 * positions once. The plugin's other rules (strikethrough, task lists, highlighted code) are used
 * as they are.
 */
import type TurndownService from "turndown";

/** What these rules read of turndown's DOM (domino's nodes; the scripts' types have no DOM lib). */
interface Node {
  nodeName: string;
  nodeType: number;
  parentNode: Node | null;
  firstChild: Node | null;
  previousSibling: Node | null;
  childNodes: ArrayLike<Node>;
  textContent: string | null;
  getAttribute(name: string): string | null;
  style?: { textAlign?: string };
  outerHTML: string;
  classList: { contains(name: string): boolean };
  getElementsByTagName(name: string): ArrayLike<Node>;
  querySelector(selector: string): Node | null;
}

const ALIGN_BORDER: Record<string, string> = { left: ":---", right: "---:", center: ":---:" };
/** Tags that keep a table as HTML: Markdown's table cells cannot hold them. */
const BLOCKS = new Set(["UL", "OL", "H1", "H2", "H3", "H4", "H5", "H6", "HR", "BLOCKQUOTE"]);
/** HTML §4.9.11: a colspan over 1,000 is taken as 1,000 (the plugin repeated any number given). */
const MAX_COLSPAN = 1000;

interface TableInfo {
  rows: Node[];
  skipped: boolean;
  columns: number;
  /** Each column's alignment, by vote of its cells (filled on first use). */
  align?: string[];
}

const tables = new WeakMap<Node, TableInfo>();
/** Each row's children → their position among the row's child nodes (text nodes count). */
const positions = new WeakMap<Node, Map<Node, number>>();

function parentTable(node: Node): Node | null {
  let parent = node.parentNode;
  while (parent && parent.nodeName !== "TABLE") parent = parent.parentNode;
  return parent;
}

function containsTable(node: Node): boolean {
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeName === "TABLE" || containsTable(child)) return true;
  }
  return false;
}

function containsBlock(node: Node): boolean {
  for (const child of Array.from(node.childNodes)) {
    if (BLOCKS.has(child.nodeName) || containsBlock(child)) return true;
  }
  return false;
}

/** The table's rows (every <tr> below it, as domino's `rows` gives them) and what follows from them, read once. */
function info(table: Node | null): TableInfo | undefined {
  if (!table) return undefined;
  let found = tables.get(table);
  if (!found) {
    const rows = Array.from(table.getElementsByTagName("tr"));
    const columns = rows.reduce((most, row) => Math.max(most, row.childNodes.length), 0);
    // A table of one cell, or holding another table, is written cell after cell as paragraphs.
    const skipped = (rows.length === 1 && rows[0]!.childNodes.length <= 1) || containsTable(table);
    found = { rows, skipped, columns };
    tables.set(table, found);
  }
  return found;
}

function alignmentOf(node: Node | undefined): string {
  if (!node || node.nodeType !== 1) return "";
  return (node.getAttribute("align") || node.style?.textAlign || "").toLowerCase();
}

/** The border cell of column `index`: the alignment most of its cells have (the first to lead wins a tie). */
function border(table: TableInfo, index: number): string {
  if (!table.align) {
    const align = Array.from({ length: table.columns }, () => "");
    const votes = align.map(() => ({ left: 0, right: 0, center: 0, "": 0 }) as Record<string, number>);
    for (const row of table.rows) {
      const cells = row.childNodes;
      for (let i = 0; i < cells.length && i < table.columns; i++) {
        const a = alignmentOf(cells[i]);
        // As the plugin counts: an alignment other than these four never leads.
        if (!Object.hasOwn(votes[i]!, a)) continue;
        votes[i]![a]!++;
        if (votes[i]![a]! > votes[i]![align[i]!]!) align[i] = a;
      }
    }
    table.align = align;
  }
  const a = table.align[index] ?? "";
  return a ? (ALIGN_BORDER[a] ?? "undefined") : "---";
}

function positionIn(node: Node): number {
  const row = node.parentNode!;
  let map = positions.get(row);
  if (!map) {
    map = new Map(Array.from(row.childNodes, (child, i) => [child, i]));
    positions.set(row, map);
  }
  return map.get(node) ?? -1;
}

function cell(content: string, node: Node | null, index: number): string {
  let text = content.trim().replace(/\n\r/g, "<br>").replace(/\n/g, "<br>").replace(/\|+/g, "\\|");
  while (text.length < 3) text += " ";
  if (node && node.nodeType === 1) {
    const span = Math.min(MAX_COLSPAN, Number(node.getAttribute("colspan") || 1));
    for (let i = 1; i < span; i++) text += " |    ";
  }
  return `${index === 0 ? "| " : " "}${text} |`;
}

/** A heading row: in <thead>, or the first row of the table or of its first <tbody>, all <th>. */
function isHeadingRow(tr: Node): boolean {
  const parent = tr.parentNode!;
  if (parent.nodeName === "THEAD") return true;
  if (parent.firstChild !== tr) return false;
  const firstBody =
    parent.nodeName === "TBODY" &&
    (!parent.previousSibling ||
      (parent.previousSibling.nodeName === "THEAD" && /^\s*$/.test(parent.previousSibling.textContent ?? "")));
  return (parent.nodeName === "TABLE" || firstBody) && Array.from(tr.childNodes).every((n) => n.nodeName === "TH");
}

/** The table rules, added to `turndown` over any of the same names (such as the plugin's). */
export function linearTables(turndown: TurndownService): void {
  // turndown's nodes are domino's (typed as the DOM's, which the scripts' types lack): read as Node.
  // turndown tries the rules added last first, so these replace the plugin's rules of these names.
  turndown.addRule("tableCell", {
    filter: ["th", "td"],
    replacement: (content, n) => {
      const node = n as unknown as Node;
      return info(parentTable(node))?.skipped !== false ? content : cell(content, node, positionIn(node));
    },
  });
  turndown.addRule("tableRow", {
    filter: "tr",
    replacement: (content, n) => {
      const node = n as unknown as Node;
      const table = info(parentTable(node));
      if (!table || table.skipped) return content;
      let borders = "";
      if (isHeadingRow(node)) {
        for (let i = 0; i < table.columns; i++)
          borders += cell(border(table, i), i < node.childNodes.length ? node.childNodes[i]! : null, i);
      }
      return `\n${content}${borders ? `\n${borders}` : ""}`;
    },
  });
  turndown.addRule("table", {
    filter: "table",
    replacement: (content, n) => {
      const node = n as unknown as Node;
      if (containsBlock(node)) {
        // Lists, headings, rules and quotes have no Markdown inside a cell: the table stays HTML.
        const html = node.outerHTML;
        let div = node.parentNode;
        while (div && div.nodeName !== "DIV") div = div.parentNode;
        return div?.classList.contains("joplin-table-wrapper")
          ? html
          : `\n\n<div class="joplin-table-wrapper">${html}</div>\n\n`;
      }
      const table = info(node)!;
      if (table.skipped) return content;
      content = content.replace(/\n+/g, "\n");
      const lines = content.trim().split("\n");
      const second = lines.length >= 2 ? lines[1]! : lines;
      // A table without a heading row gets an empty one, so that it is a Markdown table.
      let emptyHeader = "";
      if (table.columns && !/\| :?---/.test(String(second))) {
        emptyHeader = `|${"     |".repeat(table.columns)}\n|`;
        for (let i = 0; i < table.columns; i++) emptyHeader += ` ${border(table, i)} |`;
      }
      const caption = node.querySelector("caption")?.textContent ?? "";
      return `\n\n${caption ? `${caption}\n\n` : ""}${`${emptyHeader}${content}`.trimStart()}\n\n`;
    },
  });
  turndown.addRule("tableCaption", { filter: ["caption"], replacement: () => "" });
  turndown.addRule("tableColgroup", { filter: ["colgroup", "col"], replacement: () => "" });
  turndown.addRule("tableSection", { filter: ["thead", "tbody", "tfoot"], replacement: (content) => content });
}
