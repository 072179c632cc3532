/**
 * An imported body's HTML as Markdown: turndown with GitHub-flavoured tables (tables.ts), every
 * picture a figure, links resolved against the page and sent to an imported page's new URL, the
 * headings kept within ## to ####. It runs in a worker (markdown-worker.ts) so that an item whose
 * conversion takes longer than its time budget can be stopped (issue 29, budget.ts); the same
 * conversion runs in-process where no budget is asked for (write.ts `planArticles`).
 *
 * A picture's name is chosen by the importer (write.ts), which holds the names of content/media/:
 * so a conversion answers with the pictures it met, in order (`pictures`), and, when it met any,
 * is run again with the Markdown of each (`answers`), placed exactly where turndown placed them.
 */
import { highlightedCodeBlock, strikethrough, taskListItems } from "@joplin/turndown-plugin-gfm";
import TurndownService from "turndown";
import { aliasKey } from "../../src/content/aliases.ts";
import { linearTables } from "./tables.ts";

/** One body to convert: its HTML, the URL its links are relative to, each picture's Markdown if known. */
export interface ToConvert {
  html: string;
  base: string;
  answers?: string[];
}

/** The Markdown (final when `answers` were given or no picture was met) and the pictures met, in order. */
export interface Converted {
  markdown: string;
  pictures: { src: string; alt: string }[];
}

/**
 * The converter for one import: `newUrl` maps an imported page's old URL (normal form,
 * `normalUrl`) to its new URL.
 */
export function markdownConverter(newUrl: ReadonlyMap<string, string>): (job: ToConvert) => Converted {
  let current: ToConvert & { met: Converted["pictures"] } = { html: "", base: "http://invalid/", met: [] };
  const turndown = new TurndownService({ headingStyle: "atx", bulletListMarker: "-", codeBlockStyle: "fenced" });
  // GitHub-flavoured Markdown as @joplin/turndown-plugin-gfm writes it, its tables by our own rules
  // (tables.ts: the plugin's take time quadratic in a table's rows).
  turndown.use([highlightedCodeBlock, strikethrough, taskListItems]);
  linearTables(turndown);
  // Every picture is a figure (a paragraph of its own): only a figure can be declared unavailable,
  // and a mirror's pictures sit in their own paragraphs anyway.
  turndown.addRule("pictures", {
    filter: "img",
    replacement: (_content, node) => {
      const img = node;
      const src = img.getAttribute("src") ?? "";
      if (!src) return "";
      const n = current.met.length;
      current.met.push({ src, alt: (img.getAttribute("alt") ?? img.getAttribute("title") ?? "").trim() });
      return current.answers?.[n] ?? "";
    },
  });
  // A link around a picture alone (to its larger copy) would break the figure: the picture stays.
  // Other links are resolved against the page (a mirror's links are relative) and, when they lead
  // to an imported page, go to its new URL.
  turndown.addRule("links", {
    filter: (node) => node.nodeName === "A" && node.getAttribute("href") !== null,
    replacement: (content, node) => {
      const a = node;
      if (!a.textContent?.trim() && a.querySelector("img")) return content;
      const href = a.getAttribute("href")!.trim();
      let target: URL;
      try {
        target = new URL(href, current.base);
      } catch {
        return content;
      }
      if (!/^(?:https?|mailto|ftp):$/.test(target.protocol)) return content;
      const hash = target.hash;
      target.hash = "";
      const now = newUrl.get(normalUrl(target.href));
      const url = (now ? now + hash : target.href + hash).replace(
        /[()\s]/g,
        (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`,
      );
      const title = a.getAttribute("title");
      return `[${content}](${url}${title ? ` "${title.replace(/"/g, '\\"')}"` : ""})`;
    },
  });
  // The title is the page's only h1 and the check refuses # and ##### in a body: an old page's
  // headings keep their order within ## to ####.
  turndown.addRule("headings", {
    filter: ["h1", "h2", "h3", "h4", "h5", "h6"],
    replacement: (content, node) => {
      const level = Math.min(4, Math.max(2, Number(node.nodeName.slice(1))));
      return content.trim() ? `\n\n${"#".repeat(level)} ${content.trim()}\n\n` : "";
    },
  });
  turndown.remove(["script", "style", "iframe"]);

  return (job) => {
    current = { ...job, met: [] };
    const markdown = turndown.turndown(job.html).trim();
    return { markdown, pictures: current.met };
  };
}

/**
 * A URL in the form links are compared in: its origin, then its path and query in the aliases'
 * normal form (aliases.ts), so `/a/xhdt`, `/a/xhdt/` and `/a/xhdt/index.html` are one page, as
 * they are one old page to the redirects; without its fragment.
 */
export function normalUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const key = aliasKey(parsed.pathname + parsed.search);
    parsed.hash = "";
    return key === undefined ? parsed.href : parsed.origin + key;
  } catch {
    return url;
  }
}
