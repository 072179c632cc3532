/**
 * The JSON API's response types (/api/v1): derived from the schemas of the OpenAPI document
 * (API_SCHEMAS in ./openapi.ts), never written out a second time, so the contract the document
 * publishes and the bodies views.ts builds cannot drift apart. Names are snake_case like JSON Feed.
 *
 * json-schema-to-ts's FromSchema is a type: nothing of it reaches the worker.
 */
import type { FromSchema } from "json-schema-to-ts";
import type { API_SCHEMAS } from "./openapi.ts";

type Schemas = typeof API_SCHEMAS;

/**
 * What component `N` admits. Its `$ref`s ("#/components/schemas/…") are JSON Pointers from the root
 * of the served document (OpenAPI 3.1.0 §4.6), so they resolve against a root that holds the
 * components where the document does.
 */
type Component<N extends keyof Schemas> = FromSchema<{
  $ref: `#/components/schemas/${N}`;
  components: { schemas: Schemas };
}>;

/** What is known of the publication date: a date, or that it is unknown (and the earliest day). */
export type PublishedJson = Component<"Published">;
export type SectionRefJson = Component<"CategoryRef">;
export type ArticleSummaryJson = Component<"ArticleSummary">;
export type ArticleJson = Component<"Article">;
export type ArticleListJson = Component<"ArticleList">;
/** The `meta` of a paged list. */
export type PageJson = ArticleListJson["meta"];
export type SearchJson = Component<"SearchResults">;
export type SearchItemJson = SearchJson["data"][number];
/** Where the query matched: offsets and lengths in UTF-16 code units of the text, ascending. */
export type SnippetJson = SearchItemJson["snippet"];
export type TagJson = Component<"TagList">[number];
export type SectionJson = Component<"CategoryList">[number];
export type SiteJson = Component<"Site">;
