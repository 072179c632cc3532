/** What every family of routes gets: the content, the clock, and `serve` (src/serving/). */
import type { Clock } from "../clock.ts";
import type { Content } from "../content/index.ts";
import type { Serve } from "../serving/index.ts";

export interface RouteContext {
  content: Content;
  clock: Clock;
  serve: Serve;
}
