/**
 * /media/<file> — pictures from content/media/, read from Workers Static Assets. The worker runs
 * first for every path (wrangler.toml), so it serves media itself: with the media headers of
 * src/http/headers.ts, and only file names the content schema allows (nothing else of the assets,
 * such as the content store, is reachable from outside).
 */
import { Hono } from "hono";
import { MEDIA_FILE_RE, paths } from "../content/index.ts";
import type { AppEnv } from "../env.ts";
import { headersFor, surface } from "../http/index.ts";

export function mediaRoutes() {
  return new Hono<AppEnv>().get("/media/:file", surface("page"), async (c) => {
    const file = c.req.param("file");
    if (!MEDIA_FILE_RE.test(file)) return c.var.fail.notFound("no such picture");
    const conditional = c.req.header("if-none-match");
    const res = await c.env.ASSETS.fetch(
      new Request(new URL(paths.media(file), c.req.url), {
        method: c.req.method,
        headers: conditional ? { "if-none-match": conditional } : {},
      }),
    );
    if (res.status !== 200 && res.status !== 304) {
      await res.body?.cancel();
      return c.var.fail.notFound("no such picture");
    }
    // A derived picture's name carries its source's hash (scripts/content/images.ts): immutable.
    const immutable = /\.[0-9a-f]{10}\.[a-z]+$/.test(file);
    const assetCache = headersFor("asset").find(([name]) => name === "cache-control")!;
    const headers: [string, string][] = headersFor("media").map((h) =>
      immutable && h[0] === "cache-control" ? assetCache : h,
    );
    for (const name of ["content-type", "etag", "content-length"]) {
      const value = res.headers.get(name);
      if (value) headers.push([name, value]);
    }
    return new Response(res.body, { status: res.status, headers });
  });
}
