/**
 * Local preview only (`npm run dev` sets PREVIEW=true; deploy checks refuse it): drafts and
 * scheduled articles are visible and marked (the preview stylesheet makes the marks loud), and
 * pages reload themselves when the content changes. The script and the stylesheet are added to HTML
 * responses after the render cache, so cached renders stay exactly what production would serve.
 */
import { Hono, type MiddlewareHandler } from "hono";
import type { Asset } from "../content/assets.ts";
import type { AppEnv } from "../env.ts";
import { PREVIEW_ASSETS } from "../generated/assets.ts";
import { plainResponse } from "../http/index.ts";
import { MIME } from "../mime.ts";

/** The reload script, in a preview build only (`npm run dev`): a production build has none. */
export const RELOAD_SCRIPT: Asset | undefined = PREVIEW_ASSETS["preview-reload.js"];
/** The marks' stylesheet (drafts, scheduled articles), in a preview build only. */
export const PREVIEW_STYLE: Asset | undefined = PREVIEW_ASSETS["preview.css"];

export function previewRoutes(version: string, script = RELOAD_SCRIPT, style = PREVIEW_STYLE) {
  const app = new Hono<AppEnv>().get("/__preview/version", () =>
    plainResponse("page", 200, version, MIME.text, "no-store"),
  );
  if (script) app.get(script.path, () => plainResponse("script", 200, script.body, script.type, "no-store"));
  if (style) app.get(style.path, () => plainResponse("asset", 200, style.body, style.type, "no-store"));
  return app;
}

export function injectReload(script = RELOAD_SCRIPT, style = PREVIEW_STYLE): MiddlewareHandler {
  if (!script) return (_c, next) => next();
  const link = style ? `<link rel="stylesheet" href="${style.path}">\n` : "";
  const tag = `${link}<script src="${script.path}" defer></script>\n</head>`;
  return async (c, next) => {
    await next();
    if (c.res.status !== 200 || !c.res.headers.get("content-type")?.startsWith("text/html") || c.req.method !== "GET")
      return;
    const html = (await c.res.text()).replace("</head>", tag);
    c.res = new Response(html, c.res);
    // The page now differs from the cached render: no validator, no caching.
    c.res.headers.delete("etag");
    c.res.headers.delete("content-length");
    c.res.headers.set("cache-control", "no-store");
  };
}
