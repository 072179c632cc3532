/**
 * RFC 9457 problem details for the API and oEmbed: a JSON body naming what is wrong (and, for a
 * bad parameter, which one and the allowed values), with the API's CORS headers so a script on
 * another origin can read it.
 */
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { MIME } from "../mime.ts";
import type { ProblemJson } from "../render/api/types.ts";
import { plainResponse } from "./responses.ts";

const TITLES: Record<number, string> = {
  400: "Bad Request",
  404: "Not Found",
  405: "Method Not Allowed",
  500: "Internal Server Error",
};

export function problemResponse(problem: Omit<ProblemJson, "type" | "title"> & { title?: string }): Response {
  const body: ProblemJson = {
    type: "about:blank",
    title: problem.title ?? TITLES[problem.status] ?? "Error",
    ...problem,
  };
  const freshness = problem.status >= 500 ? "no-store" : "error";
  return plainResponse("api", problem.status, `${JSON.stringify(body)}\n`, MIME.problem, freshness);
}

/** Throws the problem; the app's onError passes its response through. */
export function problem(status: ContentfulStatusCode, detail: string, extra: Partial<ProblemJson> = {}): never {
  throw new HTTPException(status, { res: problemResponse({ status, detail, ...extra }) });
}

/** A 400 about one query parameter. */
export function badParam(name: string, reason: string, allowed?: string[]): never {
  const detail = `Query parameter "${name}" ${reason}${allowed ? ` Allowed: ${allowed.join(", ")}.` : ""}`;
  problem(400, detail, { invalid_params: [{ name, reason, ...(allowed ? { allowed } : {}) }] });
}
