export { renderArticle } from "./html/article.ts";
export { renderBadRequest, renderNotFound, renderUnavailable } from "./html/error.ts";
export { renderListing } from "./html/listing.ts";
export { renderManifest } from "./html/manifest.ts";
export { renderFeedsPage } from "./html/feeds-page.ts";
export { archiveCollection, sectionCollection, tagCollection, type Collection } from "./html/listing.ts";
export { renderArchiveIndex, renderTagIndex } from "./html/topics.ts";
export { renderSearch, type SearchHit } from "./html/search.ts";
