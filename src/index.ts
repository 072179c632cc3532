/**
 * The worker: the app over the content built from content/ (src/generated, see scripts/).
 * The app is made on the first request, when the environment's bindings (SITE_ORIGIN) are known,
 * and kept for the isolate's life, with its in-memory render cache.
 */
import { createApp } from "./app.ts";
import { configure } from "./config.ts";
import type { Env } from "./env.ts";
import { content, RENDER_VERSION } from "./generated/content.ts";

let app: ReturnType<typeof createApp> | undefined;

export default {
  fetch(request: Request, env: Env, ctx: ExecutionContext): Response | Promise<Response> {
    app ??= createApp({ ...configure(content, env), renderVersion: RENDER_VERSION });
    return app.fetch(request, env, ctx);
  },
} satisfies ExportedHandler<Env>;
