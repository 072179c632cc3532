export { httpDate, notModified, parseHttpDate } from "./conditional.ts";
export {
  CACHE_CONTROL,
  CONTENT_SECURITY_POLICY,
  headersFor,
  isCorsPath,
  kindOfPath,
  type Freshness,
  type RouteKind,
} from "./headers.ts";
export { badParam, problem, problemResponse } from "./problem.ts";
export { plainResponse, readOnlyMethods, redirect } from "./responses.ts";
