/**
 * Whole-number parameters (issue 32 part 2): one adapter (src/http/params.ts wholeParam) reads
 * them for every surface and reports a bad one in that surface's format; their ranges
 * (src/content/params.ts RANGES) are the ones the OpenAPI document states.
 */
import { HTTPException } from "hono/http-exception";
import { describe, expect, it } from "vitest";
import { RANGES } from "../../src/content/params.ts";
import { failOn } from "../../src/http/fail.ts";
import { wholeParam } from "../../src/http/params.ts";
import { harness } from "./harness.ts";
import { fixtureSite } from "./model.ts";

/** What the adapter threw for `value`: the HTTPException's status, content type and body or message. */
async function refusal(surface: "page" | "feed" | "api", value: string) {
  try {
    wholeParam(failOn(surface), "page", value, RANGES.page);
  } catch (e) {
    if (!(e instanceof HTTPException)) throw e;
    const res = e.res;
    return res
      ? { status: res.status, type: res.headers.get("content-type"), body: await res.text() }
      : { status: e.status, message: e.message };
  }
  return undefined;
}

describe("wholeParam", () => {
  it("takes canonical digits in range, and the range's default when absent", () => {
    expect(wholeParam(failOn("api"), "page", "12", RANGES.page)).toBe(12);
    expect(wholeParam(failOn("api"), "page", undefined, RANGES.page)).toBe(1);
    expect(wholeParam(failOn("api"), "year", undefined, RANGES.year)).toBeUndefined();
    expect(wholeParam(failOn("page"), "month", "06", RANGES.monthSegment)).toBe(6);
  });

  it("refuses a page parameter on a page in Chinese, naming it by its label (the 400 page)", async () => {
    expect(await refusal("page", "0")).toEqual({
      status: 400,
      message: '页码 "0" 无效:应为 1 到 999999999 之间的整数。',
    });
  });

  it("refuses it in a feed as plain text", async () => {
    expect(await refusal("feed", "x")).toEqual({
      status: 400,
      type: "text/plain; charset=utf-8",
      body: 'Invalid page: must be a whole number from 1 to 999999999; got "x".\n',
    });
  });

  it("refuses it in the API as a problem naming the parameter", async () => {
    const got = await refusal("api", "007");
    expect(got?.status).toBe(400);
    expect(got?.type).toBe("application/problem+json; charset=utf-8");
    expect(JSON.parse((got as { body: string }).body).invalid_params).toEqual([
      { name: "page", reason: 'must be a whole number from 1 to 999999999; got "007".' },
    ]);
  });

  it("takes a zero-padded month only where the range allows it (the archive's path, not the API)", () => {
    expect(() => wholeParam(failOn("api"), "month", "06", RANGES.month)).toThrow(HTTPException);
    expect(() => wholeParam(failOn("page"), "month", "012", RANGES.monthSegment)).toThrow(HTTPException);
  });
});

describe("the API's whole-number parameters", () => {
  const app = harness({ content: fixtureSite, clock: () => Date.parse("2026-12-01T12:00:00+08:00") });

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const documented = async (): Promise<[string, string, any][]> => {
    const doc = (await (await app.fetch("/api/v1/openapi.json")).json()) as { paths: object };
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return Object.entries(doc.paths as Record<string, any>).flatMap(([path, item]) =>
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      (item.get.parameters ?? [])
        .filter((p: any) => p.schema?.type === "integer")
        .map((p: any) => [path, p.name, p.schema]),
    );
  };
  /** A request to `path` with parameter `name` set to `value`, and what else it needs to be valid. */
  const request = (path: string, name: string, value: number) => {
    const query = new URLSearchParams({
      ...(path === "/search" ? { q: "陶瓷" } : {}),
      ...(name === "month" ? { year: "2025" } : {}),
      [name]: String(value),
    });
    return app.fetch(`/api/v1${path}?${query}`);
  };

  it("states six of them in the OpenAPI document", async () => {
    expect((await documented()).map(([path, name]) => `${path} ${name}`)).toEqual([
      "/articles page",
      "/articles limit",
      "/articles year",
      "/articles month",
      "/search page",
      "/search limit",
    ]);
  });

  it("refuses each just outside the range the document states, and takes its bounds", async () => {
    for (const [path, name, schema] of await documented()) {
      const outside = [schema.minimum - 1, ...(schema.maximum === undefined ? [] : [schema.maximum + 1])];
      for (const value of outside) {
        const res = await request(path, name, value);
        expect(res.status, `${path}?${name}=${value}`).toBe(400);
        expect(((await res.json()) as { invalid_params: { name: string }[] }).invalid_params[0]!.name).toBe(name);
      }
      for (const value of [schema.minimum, schema.maximum ?? schema.minimum]) {
        const res = await request(path, name, value);
        await res.body?.cancel();
        expect(res.status, `${path}?${name}=${value}`).not.toBe(400);
      }
    }
  });
});
