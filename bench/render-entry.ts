// What the render micro-benchmark exercises: the pure renderers and the built content, bundled
// for Node by esbuild (article bodies as text, as wrangler bundles them for workerd).
export { content } from "../src/generated/content.ts";
export { renderArticle, renderListing } from "../src/render/index.ts";
export { renderAtom, renderJsonFeed, renderRss } from "../src/render/feeds/index.ts";
export { articleJson, json, listJson } from "../src/render/api/views.ts";
