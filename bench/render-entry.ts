// What the render micro-benchmark exercises: the pure renderers, bundled for Node by esbuild.
export { renderArticle, renderListing } from "../src/render/index.ts";
export { renderAtom, renderJsonFeed, renderRss } from "../src/render/feeds/index.ts";
export { articleJson, json, listJson } from "../src/render/api/views.ts";
