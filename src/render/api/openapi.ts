/**
 * The API contract: OpenAPI 3.1 (schemas are JSON Schema 2020-12). Served at
 * /api/v1/openapi.json; the tests validate every response they see against it, and lint it with
 * Redocly's recommended rules (test/scripts/openapi-lint.test.ts).
 *
 * The schemas are the one definition of the responses: they are `as const`, and ./types.ts derives
 * the TypeScript types the views return from them (json-schema-to-ts, types only), so a field
 * added, renamed or made nullable here changes what views.ts must produce.
 */
import type { SiteSettings } from "../../content/model.ts";
import { integerSchema, RANGES } from "../../content/params.ts";
import { paths, url } from "../../content/urls.ts";
import { PROBLEM_SCHEMA } from "../../problem-details.ts";

const nullable = <const S extends object>(schema: S) => ({ oneOf: [schema, { type: "null" }] }) as const;
const rfc3339 = {
  type: "string",
  format: "date-time",
  pattern: "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(Z|[+-]\\d{2}:\\d{2})$",
} as const;
const uri = { type: "string", format: "uri", pattern: "^https?://" } as const;
const feedsSchema = {
  type: "object",
  required: ["rss", "atom", "json"],
  additionalProperties: false,
  properties: { rss: uri, atom: uri, json: uri },
} as const;

/** The `meta` and `links` of every paged list (articles, search). */
const pageMetaProperties = {
  page: { type: "integer", minimum: 1 },
  limit: { type: "integer", minimum: RANGES.limit.min, maximum: RANGES.limit.max },
  total: { type: "integer", minimum: 0 },
  pages: { type: "integer", minimum: 1 },
} as const;
const pageLinksSchema = {
  type: "object",
  required: ["self", "first", "last", "prev", "next"],
  additionalProperties: false,
  properties: { self: uri, first: uri, last: uri, prev: nullable(uri), next: nullable(uri) },
} as const;

/**
 * An article as every list shows it. The whole article and a search result are these members and
 * more, each spelled out as one closed object (additionalProperties: false, like every other
 * object here) rather than an allOf over a $ref: additionalProperties sees only the properties of
 * its own schema object (JSON Schema 2020-12 Core §10.3.2.3), so an allOf of closed parts would
 * admit nothing, and of open parts would promise nothing about extra members. (unevaluatedProperties,
 * Core §11.3, can close an allOf, but it is new with OpenAPI 3.1 and fewer tools know it.)
 */
const summaryRequired = [
  "id",
  "slug",
  "url",
  "title",
  "summary",
  "published",
  "date_modified",
  "category",
  "tags",
  "image",
] as const;
const summaryProperties = {
  id: { type: "string", format: "uuid", description: "Permanent id; never changes." },
  slug: { type: "string" },
  url: uri,
  title: { type: "string" },
  summary: { type: "string" },
  published: { $ref: "#/components/schemas/Published" },
  date_modified: nullable(rfc3339),
  category: { $ref: "#/components/schemas/CategoryRef" },
  tags: { type: "array", items: { type: "string" } },
  image: nullable(uri),
} as const;
const matchesRef = { $ref: "#/components/schemas/Matches" } as const;

/** components.schemas: every one is the body of a response or referenced from one. */
export const API_SCHEMAS = {
  Published: {
    oneOf: [
      {
        type: "object",
        required: ["known", "date"],
        additionalProperties: false,
        properties: { known: { const: true }, date: rfc3339 },
      },
      {
        type: "object",
        required: ["known", "not_before", "note"],
        additionalProperties: false,
        properties: {
          known: { const: false },
          not_before: nullable({ type: "string", format: "date", pattern: "^\\d{4}-\\d{2}-\\d{2}$" }),
          note: nullable({ type: "string" }),
        },
      },
    ],
  },
  CategoryRef: {
    type: "object",
    required: ["slug", "name"],
    additionalProperties: false,
    properties: { slug: { type: "string" }, name: { type: "string" } },
  },
  ArticleSummary: {
    type: "object",
    required: summaryRequired,
    additionalProperties: false,
    properties: summaryProperties,
  },
  Article: {
    type: "object",
    required: [...summaryRequired, "author", "source", "source_url", "content_html", "content_text", "headings"],
    additionalProperties: false,
    properties: {
      ...summaryProperties,
      author: nullable({ type: "string" }),
      source: nullable({ type: "string", description: "The original publisher (来源)." }),
      source_url: nullable({
        type: "string",
        format: "uri",
        description: "The original article, when known.",
      }),
      content_html: { type: "string", description: "The body as HTML; every URL absolute." },
      content_text: { type: "string", description: "The body as plain text, one line per block." },
      headings: {
        type: "array",
        items: {
          type: "object",
          required: ["level", "id", "text"],
          additionalProperties: false,
          properties: {
            level: { type: "integer", minimum: 2, maximum: 4 },
            id: { type: "string" },
            text: { type: "string" },
          },
        },
      },
    },
  },
  ArticleList: {
    type: "object",
    required: ["data", "meta", "links"],
    additionalProperties: false,
    properties: {
      data: { type: "array", items: { $ref: "#/components/schemas/ArticleSummary" } },
      meta: {
        type: "object",
        required: ["page", "limit", "total", "pages"],
        additionalProperties: false,
        properties: pageMetaProperties,
      },
      links: pageLinksSchema,
    },
  },
  Matches: {
    type: "array",
    description:
      "Where the query matched: offset and length in UTF-16 code units (JavaScript string indices), ascending.",
    items: {
      type: "object",
      required: ["offset", "length"],
      additionalProperties: false,
      properties: { offset: { type: "integer", minimum: 0 }, length: { type: "integer", minimum: 1 } },
    },
  },
  SearchResults: {
    type: "object",
    required: ["data", "meta", "links"],
    additionalProperties: false,
    properties: {
      data: {
        type: "array",
        items: {
          type: "object",
          required: [...summaryRequired, "title_matches", "snippet"],
          additionalProperties: false,
          properties: {
            ...summaryProperties,
            title_matches: { ...matchesRef, description: "The title's matches (offsets into `title`)." },
            snippet: {
              type: "object",
              description: 'A stretch of the article\'s text around the matches ("…" where it was cut).',
              required: ["text", "matches"],
              additionalProperties: false,
              properties: { text: { type: "string" }, matches: matchesRef },
            },
          },
        },
      },
      meta: {
        type: "object",
        required: ["page", "limit", "total", "pages", "query", "dropped_terms"],
        additionalProperties: false,
        properties: {
          ...pageMetaProperties,
          query: { type: "string", description: "The query's canonical form (folded terms)." },
          dropped_terms: { type: "integer", minimum: 0, description: "Terms of a very long query left out." },
        },
      },
      links: pageLinksSchema,
    },
  },
  TagList: {
    type: "array",
    items: {
      type: "object",
      required: ["name", "url", "articles", "feeds", "api"],
      additionalProperties: false,
      properties: {
        name: { type: "string" },
        url: uri,
        articles: { type: "integer", minimum: 1 },
        feeds: feedsSchema,
        api: { ...uri, description: "The API list of the tag's articles." },
      },
    },
  },
  CategoryList: {
    type: "array",
    items: {
      type: "object",
      required: ["slug", "name", "url", "articles", "feeds"],
      additionalProperties: false,
      properties: {
        slug: { type: "string" },
        name: { type: "string" },
        url: uri,
        articles: { type: "integer", minimum: 0 },
        feeds: feedsSchema,
      },
    },
  },
  Site: {
    type: "object",
    required: ["id", "name", "url", "description", "language", "time_zone", "copyright", "icp", "feeds", "api"],
    additionalProperties: false,
    properties: {
      id: { type: "string", format: "uuid" },
      name: { type: "string" },
      url: uri,
      description: { type: "string" },
      language: { type: "string" },
      time_zone: { type: "string" },
      copyright: { type: "string" },
      icp: {
        type: "object",
        required: ["number", "url"],
        additionalProperties: false,
        properties: { number: { type: "string" }, url: uri },
      },
      feeds: feedsSchema,
      api: {
        type: "object",
        required: ["articles", "categories", "tags", "search", "openapi"],
        additionalProperties: false,
        properties: { articles: uri, categories: uri, tags: uri, search: uri, openapi: uri },
      },
    },
  },
  /** RFC 9457, defined once beside the HTTP layer that sends it (src/problem-details.ts). */
  Problem: PROBLEM_SCHEMA,
} as const;

type SchemaName = keyof typeof API_SCHEMAS;

const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
});
const ok = (schema: SchemaName, description: string) => ({
  description,
  headers: {
    ETag: { schema: { type: "string" }, description: "Strong validator; send it back in If-None-Match." },
    "Access-Control-Allow-Origin": { schema: { const: "*" } },
  },
  content: { "application/json": { schema: { $ref: `#/components/schemas/${schema}` } } },
});
const notModified = { description: "Not modified (If-None-Match / If-Modified-Since matched)." };

export function openApiDocument(site: SiteSettings) {
  const sectionParam = {
    name: "category",
    in: "query",
    schema: { type: "string", enum: site.categories.map((c) => c.slug) },
  };
  return {
    openapi: "3.1.0",
    info: {
      title: `${site.name} API`,
      version: "1.0.0",
      description:
        "Read-only JSON API for embedding the association's articles on other sites. CORS is open to every origin (no credentials). Errors are RFC 9457 problem details. Dates are RFC 3339; an article whose publication date is unknown says so (`published.known: false`) instead of carrying a guessed date.",
    },
    servers: [{ url: url(site, paths.api.root) }],
    // A public API: no operation needs credentials. An empty list of security requirements says so
    // for every operation (OpenAPI 3.1.0 §4.8.1, `security`; an operation's own list would
    // override it, §4.8.10), where leaving the field out would say nothing either way.
    security: [],
    paths: {
      "/articles": {
        get: {
          operationId: "listArticles",
          summary: "Published articles, newest first",
          parameters: [
            { name: "page", in: "query", schema: integerSchema(RANGES.page) },
            {
              name: "limit",
              in: "query",
              schema: integerSchema(RANGES.limit),
            },
            sectionParam,
            {
              name: "tag",
              in: "query",
              description: "Only articles with this tag (a name from /tags).",
              schema: { type: "string", minLength: 1, maxLength: 100 },
            },
            {
              name: "year",
              in: "query",
              description: "Only articles published in this year (the site's time zone).",
              schema: integerSchema(RANGES.year),
            },
            {
              name: "month",
              in: "query",
              description: "With year: only articles published in this month.",
              schema: integerSchema(RANGES.month),
            },
          ],
          responses: {
            "200": ok("ArticleList", "One page of articles; `Link` carries first/prev/next/last (RFC 8288)."),
            "304": notModified,
            "400": problem("A parameter is malformed or out of range; `invalid_params` names it."),
            "404": problem("The page is past the last one, or no published article has the tag."),
          },
        },
      },
      "/search": {
        get: {
          operationId: "searchArticles",
          summary: "Full-text search, best match first",
          description:
            "Every term must match. Simplified and Traditional Chinese, full-width and half-width forms and Latin case match each other; Chinese is matched by words and substrings (one character finds itself); a quoted phrase must occur as written. Ranking: title, then headings, then tags, then body; ties go to the newer article.",
          parameters: [
            {
              name: "q",
              in: "query",
              required: true,
              schema: { type: "string", minLength: 1, maxLength: 200 },
            },
            { name: "page", in: "query", schema: integerSchema(RANGES.page) },
            {
              name: "limit",
              in: "query",
              schema: integerSchema(RANGES.limit),
            },
            sectionParam,
          ],
          responses: {
            "200": ok("SearchResults", "One page of results, each with its matches."),
            "304": notModified,
            "400": problem("`q` is missing, empty or longer than 200 characters, or another parameter is malformed."),
            "404": problem("The page is past the last one."),
          },
        },
      },
      "/tags": {
        get: {
          operationId: "listTags",
          summary: "Every tag with its article count, most used first",
          responses: {
            "200": ok(
              "TagList",
              "Every tag in use. While the tag index cannot be read (a broken deploy) the list is empty, with Cache-Control max-age=60.",
            ),
            "304": notModified,
          },
        },
      },
      "/articles/{slug}": {
        get: {
          operationId: "getArticle",
          summary: "One article, whole",
          parameters: [{ name: "slug", in: "path", required: true, schema: { type: "string" } }],
          responses: {
            "200": ok("Article", "The article."),
            "304": notModified,
            "404": problem("No such published article."),
          },
        },
      },
      "/categories": {
        get: {
          operationId: "listCategories",
          summary: "The site's sections",
          responses: { "200": ok("CategoryList", "Every category, in navigation order."), "304": notModified },
        },
      },
      "/site": {
        get: {
          operationId: "getSite",
          summary: "Site settings",
          responses: { "200": ok("Site", "The site."), "304": notModified },
        },
      },
    },
    components: { schemas: API_SCHEMAS },
  };
}
