export { renderArticle, type ArticleView } from "./html/article.ts";
export { renderBadRequest, renderNotFound } from "./html/error.ts";
export { renderListing, type ListingView } from "./html/listing.ts";
export { renderFeedsPage } from "./html/feeds-page.ts";
