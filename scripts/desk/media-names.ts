/**
 * A picture's file name as the editor gave it (a phone's 会场照片.jpg, `IMG 2034.JPG`) and the
 * name it is stored under in content/media/: lowercase ASCII words in pinyin, as slugs are made
 * (scaffold.ts slugify), and its extension in lowercase, so that /media/<name> is a plain URL
 * (MEDIA_FILE_RE). The name the editor gave, without its extension, becomes the picture's default
 * description where the article leaves it empty (issue 33, part 4).
 */
import { createHash } from "node:crypto";
import { MEDIA_FILE_RE } from "../../src/content/summary.ts";
import { slugify } from "../content/scaffold.ts";
import type { ArticleText } from "./article.ts";

/** What a picture was called and what it is called now. */
export interface Renamed {
  /** The name as uploaded (what the article's fields and body name it by until saved). */
  from: string;
  /** The name in content/media/. */
  to: string;
  /** The default description: the uploaded name without its extension. */
  alt: string;
}

const EXT_RE = /\.([A-Za-z0-9]+)$/;

/** The stored name for an uploaded `name` (unchanged when it already is one), or undefined when it is not a picture's. */
export function storedName(name: string, bytes: Uint8Array): string | undefined {
  if (MEDIA_FILE_RE.test(name) && name === name.toLowerCase()) return name;
  const ext = EXT_RE.exec(name)?.[1]?.toLowerCase();
  if (!ext || !/^(?:jpe?g|png|gif|webp|avif|svg)$/.test(ext)) return undefined;
  // A name with nothing pinyin can spell (emoji, punctuation only) is named by its bytes.
  const stem = slugify(name.slice(0, -ext.length - 1)) || `picture-${digest(bytes)}`;
  return `${stem}.${ext}`;
}

/** The stored name's alternative when that name is taken by other bytes: the bytes' digest added. */
export function distinctName(name: string, bytes: Uint8Array): string {
  const ext = EXT_RE.exec(name)![1]!;
  return `${name.slice(0, -ext.length - 1)}-${digest(bytes)}.${ext}`;
}

/** The uploaded name without its extension, as a description: the separators Decap put for spaces read as spaces. */
export function describedAs(name: string): string {
  return name.replace(EXT_RE, "").replace(/[-_]+/g, " ").trim();
}

const digest = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex").slice(0, 8);

/**
 * The article with each renamed picture named by its stored name: the cover, the declared
 * pictures and the body's `![…](…)`; where its description is empty, the uploaded name.
 */
export function renamePictures(article: ArticleText, renames: readonly Renamed[]): ArticleText {
  if (!renames.length) return article;
  const byName = new Map(renames.map((r) => [r.from, r] as const));
  const renamed = (v: unknown) => {
    if (typeof v !== "string") return undefined;
    const name = mediaName(v);
    return byName.get(name) ?? byName.get(safeDecode(name));
  };
  const data = { ...article.data };
  const cover = data.image;
  const coverFile = cover && typeof cover === "object" ? (cover as { file?: unknown }).file : cover;
  const coverRename = renamed(coverFile);
  if (coverRename) {
    const alt = cover && typeof cover === "object" ? (cover as { alt?: unknown }).alt : undefined;
    data.image = { file: coverRename.to, alt: typeof alt === "string" && alt.trim() ? alt : coverRename.alt };
  }
  if (Array.isArray(data.images))
    data.images = data.images.map((entry) => {
      const e = entry as { file?: unknown; alt?: unknown } | null;
      const r = e && typeof e === "object" ? renamed(e.file) : undefined;
      if (!r) return entry;
      return { ...e, file: r.to, alt: typeof e!.alt === "string" && e!.alt.trim() ? e!.alt : r.alt };
    });
  // Markdown pictures: ![alt](path "title"), the path as Decap writes it (../media/<name>), maybe in <…>.
  const body = article.body.replace(
    /!\[([^\]]*)\]\((<[^>]*>|[^)\s]+)((?:\s+"[^"]*")?)\)/g,
    (whole, alt: string, target: string, title: string) => {
      const path = target.startsWith("<") ? target.slice(1, -1) : target;
      const r = renamed(path);
      if (!r) return whole;
      const dir = path.slice(0, path.length - mediaName(path).length);
      return `![${alt.trim() ? alt : r.alt.replace(/[[\]]/g, "")}](${dir}${r.to}${title})`;
    },
  );
  return { data, body };
}

/** The file name of a picture path as Decap writes it (`../media/<name>`, `/content/media/<name>`). */
function mediaName(path: string): string {
  return path.replace(/^.*\//, "");
}

function safeDecode(name: string): string {
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}
