/**
 * The one schema of content/: site settings and article front matter. Types derive from it;
 * cross-file rules (categories, duplicate ids and slugs) live in build.ts.
 */
import { z } from "zod";
import { DATE_HINT, isDateInput } from "./dates.ts";

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const FILE_RE = /^[A-Za-z0-9_][A-Za-z0-9_.-]*\.(?:jpe?g|png|gif|webp|avif|svg)$/;

const text = (max: number) => z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);

const dateInput = z.string().refine(isDateInput, { message: "is not a valid date" });

const unknownDate = z.strictObject({
  notBefore: z.string().refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && isDateInput(s), {
    message: "is not a valid date (YYYY-MM-DD)",
  }).optional(),
  note: z.string().trim().min(1).optional(),
});

export const articleSchema = z
  .object({
  id: z.string().regex(UUID_RE, "must be a lowercase UUID"),
  title: text(200),
  slug: z.string().regex(SLUG_RE, "must be lowercase ASCII letters, digits and single hyphens").optional(),
  category: text(40),
  date: z.union([dateInput, unknownDate]),
  updated: dateInput.optional(),
  summary: text(300).optional(),
  source: text(200).optional(),
  author: text(100).optional(),
  tags: z.array(text(40)).default([]),
  images: z
    .array(
      z.strictObject({
        file: z.string().regex(FILE_RE, "must be a file name in content/media/ (jpg, png, gif, webp, avif, svg)"),
        alt: z.string(),
        caption: z.string().optional(),
        unavailable: z.boolean().default(false),
      }),
    )
    .default([]),
  draft: z.boolean().default(false),
  })
  .refine((fm) => typeof fm.date === "string" || fm.updated !== undefined, {
    path: ["updated"],
    message: "is required when the publication date is not known",
  });

export type ArticleFrontMatter = z.output<typeof articleSchema>;
export const ARTICLE_KEYS = Object.keys(articleSchema.shape);

export const siteSchema = z.strictObject({
  id: z.string().regex(UUID_RE, "must be a lowercase UUID"),
  name: text(100),
  origin: z
    .string()
    .regex(/^https?:\/\/[^/?#\s]+$/, "must be an origin such as https://news.example.org (no path, no trailing slash)"),
  language: z.string().regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, "must be a BCP 47 language tag such as zh-CN"),
  timeZone: z.string().refine(isTimeZone, { message: "is not an IANA time zone such as Asia/Shanghai" }),
  description: text(300),
  categories: z
    .array(z.strictObject({ slug: z.string().regex(SLUG_RE, "must be lowercase ASCII letters, digits and hyphens"), name: text(40) }))
    .min(1, "must list at least one category"),
  links: z.array(z.strictObject({ name: text(100), url: z.url({ protocol: /^https?$/ }) })).default([]),
  copyright: text(200),
  icp: z.strictObject({ number: text(40), url: z.url({ protocol: /^https?$/ }) }),
  consumerRightsStation: text(100).optional(),
  pageSize: z.number().int().min(1).max(100).default(20),
  feedSize: z.number().int().min(1).max(100).default(20),
  websub: z.url({ protocol: /^https?$/ }).optional(),
});

export type SiteFile = z.output<typeof siteSchema>;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** A hint for a schema problem at `field`, saying what a correct value looks like. */
export function hintFor(field: string): string | undefined {
  const top = field.split(".")[0];
  switch (top) {
    case "id":
      return "ids are permanent; new articles get one from `npm run new` (or `node -e \"console.log(crypto.randomUUID())\"`)";
    case "title":
      return "add a line such as `title: 文章标题` to the front matter";
    case "slug":
      return "the slug is the URL /articles/<slug>; leave it out to use the file name";
    case "category":
      return "name one of the sections listed in content/site.yaml";
    case "date":
      return `${DATE_HINT}; when the date is not known, write date: { notBefore: YYYY-MM-DD, note: why }`;
    case "updated":
      return `the last time this copy of the article changed; ${DATE_HINT}`;
    case "tags":
      return "write tags as a list: tags: [标签一, 标签二]";
    case "images":
      return "each image is { file: name.jpg, alt: 描述, caption: 说明 } with the file in content/media/";
    case "draft":
      return "write draft: true or draft: false";
    case "origin":
      return "the canonical origin, e.g. origin: https://news.example.org";
    default:
      return undefined;
  }
}
