export { httpDate, notModified, parseHttpDate } from "./conditional.ts";
export { CONTENT_SECURITY_POLICY, onlyReadMethods, securityHeaders } from "./headers.ts";
export { CACHE_CONTROL, respond, serverTiming, type RouteKind } from "./respond.ts";
export { cors } from "./cors.ts";
export { badParam, problem, problemResponse } from "./problem.ts";
