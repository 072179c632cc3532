/**
 * RFC 9457 problem details for the JSON API and oEmbed: `status`, a `title` for the kind of
 * problem, a `detail` that names the bad parameter and the allowed values.
 */
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ProblemJson } from "../render/api/types.ts";

const TITLES: Record<number, string> = {
  400: "Bad Request",
  404: "Not Found",
  405: "Method Not Allowed",
  500: "Internal Server Error",
};

export function problemResponse(
  problem: Omit<ProblemJson, "type" | "title"> & { title?: string },
  headers?: HeadersInit,
): Response {
  const body: ProblemJson = {
    type: "about:blank",
    title: problem.title ?? TITLES[problem.status] ?? "Error",
    ...problem,
  };
  const h = new Headers(headers);
  h.set("content-type", "application/problem+json; charset=utf-8");
  h.set("cache-control", problem.status >= 500 ? "no-store" : "public, max-age=60");
  return new Response(`${JSON.stringify(body)}\n`, { status: problem.status, headers: h });
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
