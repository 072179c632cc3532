export type * from "./model.ts";
export { createStore, isPublished, type ContentStore } from "./store.ts";
export { describePublished, isoDate } from "./dates.ts";
