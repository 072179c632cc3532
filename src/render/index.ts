export { renderArticle } from "./html/article.ts";
export { renderBadRequest, renderNotFound } from "./html/error.ts";
export { renderListing } from "./html/listing.ts";
export { renderFeedsPage } from "./html/feeds-page.ts";
