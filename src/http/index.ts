export { httpDate, notModified, parseHttpDate } from "./conditional.ts";
export { failOn, surface, type Fail, type FailEnv, type Surface } from "./fail.ts";
export { headersFor, policyOfPath, type Freshness, type HeaderPolicy } from "./headers.ts";
export { canonicalPaths, plainResponse, readOnlyMethods, redirect } from "./responses.ts";
export { numberMessage, textParam, wholeParam } from "./params.ts";
