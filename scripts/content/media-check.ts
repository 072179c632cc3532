/**
 * What a file in content/media/ must be before it is published at /media/<file>: the image type
 * its extension names (checked by its leading bytes, not trusted from the name), and, for SVG, a
 * drawing only: an SVG is a document that can run script and load other resources when opened.
 */

import { MEDIA_FILE_RE } from "../../src/content/summary.ts";
import { slugify } from "./scaffold.ts";

export type MediaProblem =
  | { code: "media-wrong-type"; line: number; expected: string; found: string }
  | { code: "media-unsafe-svg"; line: number; what: string }
  | { code: "media-name"; line: number; suggestion: string };

/**
 * A picture's name as an editor may write it (in content/media/, in Markdown, in `images:`): any
 * characters but a path separator or a control character, with an image extension. A photo is
 * published under a name of ours (images.ts); a GIF or SVG under its own, so that one must also
 * be a name /media/ serves (MEDIA_FILE_RE).
 */
export const MEDIA_NAME_RE = /^[^/\\\u0000-\u001f\u007f]+\.(?:jpe?g|png|gif|webp|avif|svg)$/i;

const TYPES: Record<string, string> = {
  jpg: "JPEG",
  jpeg: "JPEG",
  png: "PNG",
  gif: "GIF",
  webp: "WebP",
  avif: "AVIF",
  svg: "SVG",
};

/** The image type of `bytes` by its signature, or a short description of what it is instead. */
export function sniff(bytes: Uint8Array): string {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "JPEG";
  if (ascii(0, 8) === "\x89PNG\r\n\x1a\n") return "PNG";
  if (ascii(0, 6) === "GIF87a" || ascii(0, 6) === "GIF89a") return "GIF";
  if (ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "WebP";
  if (ascii(4, 8) === "ftyp" && /avi[fs]/.test(ascii(8, 12))) return "AVIF";
  const head = new TextDecoder().decode(bytes.subarray(0, 4096)).replace(/^\uFEFF/, "");
  if (/^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*<svg[\s>]/i.test(head)) return "SVG";
  if (/^\s*</.test(head)) return "markup (HTML or XML)";
  if (bytes.length === 0) return "empty";
  return "not a known image format";
}

/** What an SVG must not carry, each with how a reader would be hurt. */
const UNSAFE_SVG: [RegExp, string][] = [
  [/<script\b/i, "a <script> element"],
  [/\son[a-z]+\s*=/i, "an event handler attribute (on…=)"],
  [/javascript\s*:/i, "a javascript: URL"],
  [/<foreignObject\b/i, "a <foreignObject> (embedded HTML)"],
  [
    /(?:href|src)\s*=\s*["']\s*(?:[a-z][a-z0-9+.-]*:|\/\/)(?!#)/i,
    "a reference to another resource (href/src with a scheme or //)",
  ],
  [/@import\b|url\(\s*["']?\s*(?:[a-z][a-z0-9+.-]*:|\/\/)/i, "a stylesheet reference to another resource"],
  [/<!ENTITY/i, "an XML entity declaration"],
];

/** The problems of one media file, with the line they are on (1 when not in text). */
export function checkMedia(name: string, bytes: Uint8Array): MediaProblem[] {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? "";
  const expected = TYPES[ext];
  if (!expected) return [];
  const found = sniff(bytes);
  if (found !== expected) return [{ code: "media-wrong-type", line: 1, expected, found }];
  if ((expected === "GIF" || expected === "SVG") && !MEDIA_FILE_RE.test(name))
    return [
      { code: "media-name", line: 1, suggestion: `${slugify(name.replace(/\.[^.]+$/, "")) || "picture"}.${ext}` },
    ];
  if (expected !== "SVG") return [];
  const text = new TextDecoder().decode(bytes);
  const problems: MediaProblem[] = [];
  for (const [pattern, what] of UNSAFE_SVG) {
    const m = pattern.exec(text);
    if (m) problems.push({ code: "media-unsafe-svg", line: text.slice(0, m.index).split("\n").length, what });
  }
  return problems;
}
