/** /assets/<name>.<hash>.<ext> — fingerprinted CSS, JS and the favicon, cached immutable. */
import { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { ASSETS } from "../generated/assets.ts";
import type { RouteContext } from "./context.ts";

export function assetRoutes({ serve }: RouteContext) {
  const app = new Hono<AppEnv>();
  for (const asset of Object.values(ASSETS)) {
    app.get(asset.path, (c) =>
      serve(c, {
        kind: "asset",
        format: "asset",
        path: asset.path,
        render: () => ({ body: asset.body, type: asset.type }),
      }),
    );
  }
  return app;
}
