export { httpDate, notModified, parseHttpDate } from "./conditional.ts";
export { headersFor, kindOfPath, type Freshness, type HeaderPolicy } from "./headers.ts";
export { badParam, problem } from "./problem.ts";
export { canonicalPaths, plainResponse, readOnlyMethods, redirect } from "./responses.ts";
export { feedError, notFound, numberMessage, textParam, wholeParam, type Surface } from "./params.ts";
