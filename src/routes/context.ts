/**
 * What every family of routes gets: the content and `serve` (src/serving/). The clock is read once
 * a request, in app.ts: a route's instant is `c.var.now`.
 */
import type { Content } from "../content/index.ts";
import type { Serve } from "../serving/index.ts";

export interface RouteContext {
  content: Content;
  serve: Serve;
}
