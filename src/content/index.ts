export type * from "./model.ts";
export { describePublished, lastChanged, newestChange, publishedIso } from "./dates.ts";
export {
  FEED_DOCUMENT_BYTES,
  feedPaging,
  feedParts,
  pageCount,
  pageLinks,
  paginate,
  parsePageNumber,
  type FeedPageRef,
  type FeedPaging,
  type Page,
  type PageLinks,
} from "./pagination.ts";
export { categoryName, findCategory } from "./site.ts";
export { imageOf, MEDIA_FILE_RE, SLUG_RE, summaryOf, thumbnailOf } from "./summary.ts";
export { createStore, type ContentStore, type ReadFile, type StoreLog } from "./store/index.ts";
export { STORE_DIR, type Listed, type StoreManifest } from "./store/format.ts";
export { parseQuery, isQueryProblem, MAX_QUERY, type Query, type QueryProblem, type Term } from "./search/query.ts";
export { snippet, highlight, holdsPhrases, type Snippet } from "./search/snippet.ts";
export { plainText } from "./search/text.ts";
export { facetTerm } from "./search/terms.ts";
export { foldText } from "./search/fold.ts";
export { facetCount, type Found, type VisibleFacets } from "./store/index.ts";
export { searchPage, type SearchResult } from "./search/results.ts";
export { feedId, feedIdName } from "./ids.ts";
