export type * from "./model.ts";
export { describePublished, lastChanged, newestChange, publishedIso } from "./dates.ts";
export { pageCount, pageLinks, paginate, parsePageNumber, type Page, type PageLinks } from "./pagination.ts";
export { categoryName, findCategory } from "./site.ts";
export { imageOf, MEDIA_FILE_RE, SLUG_RE, summaryOf } from "./summary.ts";
export { createStore, type ContentStore, type ReadFile, type StoreLog } from "./store/index.ts";
export { STORE_DIR, type Listed, type StoreManifest } from "./store/format.ts";
