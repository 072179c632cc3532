/**
 * /assets/<name>.<hash>.<ext> — fingerprinted CSS, JS and the favicon, cached immutable; the PNG
 * icons drawn from the mark at build time (answered from their bytes, with the build's ETag);
 * and /manifest.webmanifest, the web app manifest that names them.
 */
import { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { ASSETS, ICONS } from "../generated/assets.ts";
import { headersFor, notModified } from "../http/index.ts";
import { MIME } from "../mime.ts";
import { renderManifest } from "../render/index.ts";
import type { RouteContext } from "./context.ts";

export function assetRoutes({ content, serve }: RouteContext) {
  const app = new Hono<AppEnv>();
  for (const asset of Object.values(ASSETS)) {
    app.get(asset.path, (c) =>
      serve(c, {
        policy: "asset",
        format: "asset",
        path: asset.path,
        tags: [],
        render: () => ({ body: asset.body, type: asset.type }),
      }),
    );
  }
  for (const icon of Object.values(ICONS)) {
    let bytes: Uint8Array | undefined;
    app.get(icon.path, (c) => {
      // Binary, so not through the (text) render cache: the bytes are in the script already.
      bytes ??= Uint8Array.from(atob(icon.base64), (ch) => ch.charCodeAt(0));
      const headers: [string, string][] = [...headersFor("asset"), ["content-type", icon.type], ["etag", icon.etag]];
      if (notModified(c.req.raw, icon.etag, undefined)) return new Response(null, { status: 304, headers });
      return new Response(c.req.method === "HEAD" ? null : bytes, { headers });
    });
  }
  app.get("/manifest.webmanifest", (c) =>
    serve(c, {
      policy: "feed",
      format: "manifest",
      path: "/manifest.webmanifest",
      tags: [],
      render: () => ({ body: renderManifest(content.site), type: MIME.webManifest }),
    }),
  );
  return app;
}
