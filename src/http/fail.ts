/**
 * How a route reports what is wrong with a request, in its surface's format: the one way a
 * handler says "bad parameter" or "not found". A route declares its surface with the `surface`
 * middleware; the handler then has `c.var.fail` and throws through it (Hono's HTTPException, which
 * app.ts onError answers). A handler without a surface has no `c.var.fail` (a type error).
 *
 * - page (HTML pages, the embed card, sitemaps): the Chinese 400 page or the 404 page
 *   (app.ts onError renders both; the message is the 400 page's text, the 404's log line);
 * - feed: plain text, which a feed reader shows as it is, with the feed route's headers;
 * - api (the JSON API and oEmbed): an RFC 9457 problem (problem.ts), naming a bad parameter in
 *   `invalid_params`.
 *
 * @example
 * new Hono<AppEnv>().get("/api/v1/things/:id", surface("api"), (c) => {
 *   const id = c.req.param("id");
 *   if (!/^[a-z]+$/.test(id)) c.var.fail.badParam("id", "must be lower-case letters.");
 *   return c.var.fail.notFound(`No thing has the id "${id}".`);
 * });
 */
import { createMiddleware } from "hono/factory";
import { HTTPException } from "hono/http-exception";
import { MIME } from "../mime.ts";
import { problem } from "./problem.ts";
import { plainResponse } from "./responses.ts";

/** Where a request is answered, which says in what format and language its errors are. */
export type Surface = "page" | "feed" | "api";

/** A surface's way of refusing a request. Each method throws; none returns. */
export interface Fail {
  /**
   * The language of a `badParam` reason: "zh" on pages, whose reason is the whole sentence a
   * reader sees (naming the parameter by its label); "en" in feeds and the API, whose reason
   * follows the parameter's name.
   */
  readonly lang: "zh" | "en";
  /**
   * A 400 about one parameter: the 400 page showing `reason`; a feed's `Invalid <name>: <reason>`;
   * the API's problem `Query parameter "<name>" <reason>`, with the allowed values when given.
   */
  badParam(name: string, reason: string, allowed?: string[]): never;
  /** A 404: the 404 page (the message kept for the log), a feed's plain text, the API's problem. */
  notFound(message: string): never;
}

/** A feed's error: plain text, with the feed route's headers. */
function feedError(status: 400 | 404, message: string): never {
  throw new HTTPException(status, { res: plainResponse("feed", status, `${message}\n`, MIME.text) });
}

const FAILS: Record<Surface, Fail> = {
  page: {
    lang: "zh",
    badParam: (_name, reason) => {
      throw new HTTPException(400, { message: reason });
    },
    notFound: (message) => {
      throw new HTTPException(404, { message });
    },
  },
  feed: {
    lang: "en",
    badParam: (name, reason) => feedError(400, `Invalid ${name}: ${reason}`),
    notFound: (message) => feedError(404, message),
  },
  api: {
    lang: "en",
    badParam: (name, reason, allowed) =>
      problem(400, `Query parameter "${name}" ${reason}${allowed ? ` Allowed: ${allowed.join(", ")}.` : ""}`, {
        invalid_params: [{ name, reason, ...(allowed ? { allowed } : {}) }],
      }),
    notFound: (message) => problem(404, message),
  },
};

/** The surface's `Fail` (for code that reads parameters outside a handler, and tests). */
export function failOn(surface: Surface): Fail {
  return FAILS[surface];
}

/** What `surface()` adds to a handler's context. */
export interface FailEnv {
  Variables: { fail: Fail };
}

/** Puts a surface's `Fail` in the context; one per surface, made once. */
const setFail = (fail: Fail) =>
  createMiddleware<FailEnv>(async (c, next) => {
    c.set("fail", fail);
    await next();
  });

const MIDDLEWARES = { page: setFail(FAILS.page), feed: setFail(FAILS.feed), api: setFail(FAILS.api) };

/**
 * The middleware a route puts before its handler to name its surface: the handler's
 * `c.var.fail` then reports errors in that surface's format.
 *
 * @example
 * app.get("/feed.xml", surface("feed"), (c) => c.var.fail.notFound("No such feed."));
 */
export function surface(name: Surface) {
  return MIDDLEWARES[name];
}
