/**
 * An article body's plain text, from its compiled HTML: what the index holds, what snippets quote
 * and the API's `content_text`. One line per block; tags inside a line vanish without a space (so
 * `<strong>禅</strong>城` stays `禅城`); comments (picture placeholders) are dropped; character
 * references are decoded (HTML §13.5: markdown-it writes &amp; &lt; &gt; &quot; and numeric ones).
 */

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };
const BLOCK = /<\/?(?:p|h[1-6]|li|ul|ol|blockquote|figure|figcaption|table|tr|td|th|pre|div|br|hr)\b[^>]*>/gi;

export function plainText(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(BLOCK, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z]+));/gi, (whole, dec, hex, name) => {
      const code = dec ? Number(dec) : hex ? parseInt(hex, 16) : undefined;
      if (code !== undefined) return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "\ufffd";
      return ENTITIES[(name as string).toLowerCase()] ?? whole;
    })
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .join("\n");
}
