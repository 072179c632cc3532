import { esc } from "./html/escape.ts";

/**
 * The attribution of a republished article, as the page shows it and everywhere its body or
 * summary goes (feeds, the embed card): the original publisher's credit travels with the text.
 */
export function sourceLine({ source, sourceUrl }: { source?: string; sourceUrl?: string }): string {
  if (!source) return "";
  const name = sourceUrl ? `<a href="${esc(sourceUrl)}" rel="noopener">${esc(source)}</a>` : esc(source);
  return `<p class="source">来源: ${name}</p>`;
}
