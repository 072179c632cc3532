/**
 * RFC 9457 problem details for the API and oEmbed: a JSON body naming what is wrong (and, for a
 * bad parameter, which one and the allowed values), with the API's CORS headers so a script on
 * another origin can read it.
 */
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { FromSchema } from "json-schema-to-ts";
import { MIME } from "../mime.ts";
import type { PROBLEM_SCHEMA } from "../problem-details.ts";
import { plainResponse } from "./responses.ts";

/**
 * An RFC 9457 problem details object, as src/problem-details.ts defines it (and the OpenAPI
 * document publishes it): `type`, `title`, `status`, `detail`, optional `instance` and
 * `invalid_params`, and (§3.2) any other member, typed `unknown`.
 */
export type ProblemJson = FromSchema<typeof PROBLEM_SCHEMA>;

/** What a caller may add to status and detail; `title` defaults to the status's. */
type ProblemExtra = Partial<Pick<ProblemJson, "title" | "instance" | "invalid_params">>;

const TITLES: Record<number, string> = {
  400: "Bad Request",
  404: "Not Found",
  405: "Method Not Allowed",
  500: "Internal Server Error",
};

/** `type` is always about:blank (RFC 9457 §4.2.1): no problem type of our own; status and detail say what is wrong. */
export function problemResponse(problem: Pick<ProblemJson, "status" | "detail"> & ProblemExtra): Response {
  const body: ProblemJson = {
    type: "about:blank",
    title: problem.title ?? TITLES[problem.status] ?? "Error",
    ...problem,
  };
  const freshness = problem.status >= 500 ? "no-store" : "error";
  return plainResponse("api", problem.status, `${JSON.stringify(body)}\n`, MIME.problem, freshness);
}

/** Throws the problem; the app's onError passes its response through. */
export function problem(status: ContentfulStatusCode, detail: string, extra: ProblemExtra = {}): never {
  throw new HTTPException(status, { res: problemResponse({ status, detail, ...extra }) });
}
