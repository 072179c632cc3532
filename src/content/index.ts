export type * from "./model.ts";
export { describePublished, lastChanged, newestChange, publishedIso } from "./dates.ts";
export {
  FEED_DOCUMENT_BYTES,
  feedPaging,
  feedParts,
  pageCount,
  pageLinks,
  pageWindow,
  paginate,
  parsePageNumber,
  parseWhole,
  MAX_PAGE,
  type FeedPageRef,
  type FeedPaging,
  type Page,
  type PageLinks,
} from "./pagination.ts";
export { integerSchema, LIMIT_DEFAULT, LIMIT_MAX, RANGES, readWhole, type WholeRange } from "./params.ts";
export { sectionName, findSection } from "./site.ts";
export { imageOf, MEDIA_FILE_RE, SLUG_RE, summaryOf, thumbnailOf } from "./summary.ts";
export {
  createStore,
  type ContentStore,
  type Got,
  type Listing,
  type ReadFile,
  type StoreFault,
  type StoreLog,
  type StoreOptions,
  valueOr,
} from "./store/index.ts";
export { PREVIEW_MANIFEST, STORE_DIR, type Listed, type StoreManifest } from "./store/format.ts";
export { openContent, type Content } from "./content.ts";
export { parseQuery, isQueryProblem, MAX_QUERY, type Query, type QueryProblem, type Term } from "./search/query.ts";
export { snippet, highlight, holdsPhrases, type Snippet } from "./search/snippet.ts";
export { plainText } from "./search/text.ts";
export { facetTerm } from "./search/terms.ts";
export { foldText } from "./search/fold.ts";
export { createSearch, facetCount, type ContentSearch, type Found, type VisibleFacets } from "./search/index.ts";
export { searchPage, searchPaged, type SearchResult } from "./search/results.ts";
export { feedId, feedIdName } from "./ids.ts";
export { articleSlugOf, paths, url, withQuery, type QueryValues } from "./urls.ts";
