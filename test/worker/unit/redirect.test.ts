/**
 * The one writer of redirects (src/http/responses.ts `redirect`): a Location is a path of this
 * site, starting with exactly one `/` (issue 29). Whatever a route hands it, nothing else leaves.
 */
import { HTTPException } from "hono/http-exception";
import { describe, expect, it } from "vitest";
import { redirect } from "../../../src/http/index.ts";

/** The status and message `redirect` refuses `location` with, or undefined when it does not. */
function refusal(location: string): { status: number; message: string } | undefined {
  try {
    redirect(location);
    return undefined;
  } catch (error) {
    if (!(error instanceof HTTPException)) throw error;
    return { status: error.status, message: error.message };
  }
}

describe("redirect writes only paths of this site", () => {
  it.each([
    "//evil.example/a",
    "/\\evil.example/a",
    "\\\\evil.example/a",
    "https://evil.example/a",
    "evil.example/a",
    "",
  ])("refuses %j with a 400 naming the problem", (location) => {
    expect(refusal(location)).toEqual({
      status: 400,
      message: `不是本站的地址:路径须以一个 / 开头,不能以 // 或 /\\ 开头(收到 ${JSON.stringify(location)})。`,
    });
  });

  it("refuses a scheme-relative Location hidden behind a tab, which browsers strip", () => {
    // `/\t/evil.example`: the URL parser drops tabs and newlines, leaving `//evil.example`.
    // The writer percent-encodes them first, so `/%09/evil.example` is a path of this site.
    expect(redirect("/\t/evil.example").headers.get("location")).toBe("/%09/evil.example");
  });

  it("writes a path of this site as given, with a 301", () => {
    const res = redirect("/tags/%E7%A6%85/page/2?x=1");
    expect(res.status).toBe(301);
    expect(res.headers.get("location")).toBe("/tags/%E7%A6%85/page/2?x=1");
  });
});
