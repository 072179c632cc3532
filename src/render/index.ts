export { renderArticle } from "./html/article.ts";
export { renderNotFound } from "./html/not-found.ts";
