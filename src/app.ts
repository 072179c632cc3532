/**
 * The application: routes mounted on one Hono app, errors handled in one place. Content and clock
 * are injected (src/index.ts wires the generated content; tests pass their own).
 */
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { systemClock, type Clock } from "./clock.ts";
import { createStore, type ContentModel } from "./content/index.ts";
import type { AppEnv } from "./env.ts";
import { renderNotFound } from "./render/index.ts";
import { articleRoutes } from "./routes/articles.ts";

export interface AppOptions {
  content: ContentModel;
  clock?: Clock;
}

export function createApp({ content, clock = systemClock }: AppOptions) {
  const store = createStore(content);
  const app = new Hono<AppEnv>();

  app.route("/", articleRoutes(store, clock));

  const notFound = (path: string) => renderNotFound(decodePath(path), content.site);
  app.notFound((c) => c.html(notFound(c.req.path), 404));

  app.onError((err, c) => {
    if (err instanceof HTTPException && err.status === 404) {
      return c.html(notFound(c.req.path), 404);
    }
    if (err instanceof HTTPException) return err.getResponse();
    // Unexpected: log with the request, answer with the site's chrome rather than a bare 500.
    console.error(
      JSON.stringify({ level: "error", msg: "unhandled", path: c.req.path, error: String(err?.stack ?? err) }),
    );
    return c.text("Internal Server Error", 500);
  });

  return app;
}

/** The path as the reader typed it (percent-decoded when valid), for the 404 page's message. */
function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
