/** HTML text and attribute escaping (HTML §13.1.2.6: `&`, `<`, `>`, and quotes in attributes). */
const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function esc(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/**
 * JSON for a `<script type="application/ld+json">` block. A script element's text ends at the
 * first `</script` (HTML §4.12.1.3), so `<`, `>` and `&` are written as JSON escapes, as are
 * U+2028/U+2029; the JSON value is unchanged.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
