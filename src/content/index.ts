export type * from "./model.ts";
export { createStore, type ContentStore } from "./store.ts";
export { describePublished, lastChanged, newestChange, publishedIso } from "./dates.ts";
export { pageCount, pageLinks, paginate, parsePageNumber, type Page, type PageLinks } from "./pagination.ts";
export { categoryName, findCategory } from "./site.ts";
