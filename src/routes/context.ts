/**
 * What every family of routes gets: the content and `serve` (src/serving/). The clock is read once
 * a request, in app.ts: a route's instant is `c.var.now`, which `serve` dates its answer by too.
 * A handler names its surface with `surface(...)` (src/http/fail.ts) and reports a bad parameter or
 * a missing resource through `c.var.fail`.
 */
import type { Context } from "hono";
import type { Rendered } from "../cache/index.ts";
import { valueOr, type Content, type VisibleFacets } from "../content/index.ts";
import type { AppEnv } from "../env.ts";
import type { FailEnv } from "../http/index.ts";
import type { Degradable, Serve } from "../serving/index.ts";

export interface RouteContext {
  content: Content;
  serve: Serve;
}

/** A handler's context once its surface is named: the app's variables and `fail`. */
export type RouteEnv = AppEnv & FailEnv;
export type RouteCtx = Context<RouteEnv>;

/**
 * A render that draws on the facets file (tags, periods) but can do without it: `render` gets the
 * facets, or undefined when the file cannot be read, and the answer then carries the fault, so it
 * is degraded (kept a minute at most) and whole again as soon as the file is.
 *
 * @example
 * render: withFacets(content, c.var.now, (facets) => ({ body: renderTags(facets?.tags ?? []), type: MIME.html })),
 */
export function withFacets(
  content: Content,
  now: number,
  render: (facets: VisibleFacets | undefined) => Rendered,
): () => Promise<Degradable> {
  return async () => {
    const facets = valueOr(await content.facetCounts(now), undefined);
    return { ...render(facets.value), faults: facets.faults };
  };
}
