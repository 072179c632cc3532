/**
 * Each surface's one way of refusing a request (issue 32 part 3; src/http/fail.ts): a route names
 * its surface with `surface()` and throws through `c.var.fail`; the page surface leaves the body to
 * app.ts onError (the 400 and 404 pages), the feed and API surfaces carry their own response.
 */
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { describe, expect, it } from "vitest";
import { failOn, surface, type Fail } from "../../src/http/fail.ts";

/** What `refuse` threw: the status, and the response's content type and body or the message. */
async function thrown(refuse: (fail: Fail) => never, fail: Fail) {
  try {
    refuse(fail);
  } catch (e) {
    if (!(e instanceof HTTPException)) throw e;
    return e.res
      ? { status: e.res.status, type: e.res.headers.get("content-type"), body: await e.res.text() }
      : { status: e.status, message: e.message };
  }
  throw new Error("nothing thrown");
}

describe("a page refuses through the app's 400 and 404 pages", () => {
  it("gives a bad parameter's reason, as the reader will read it, to the 400 page", async () => {
    expect(await thrown((f) => f.badParam("q", "搜索词太长:最多 200 个字。"), failOn("page"))).toEqual({
      status: 400,
      message: "搜索词太长:最多 200 个字。",
    });
  });

  it("keeps a 404's message for the log, the body left to the 404 page", async () => {
    expect(await thrown((f) => f.notFound("no such article"), failOn("page"))).toEqual({
      status: 404,
      message: "no such article",
    });
  });
});

describe("a feed refuses in plain text", () => {
  it("names a bad parameter before its reason", async () => {
    expect(await thrown((f) => f.badParam("part", "must be a whole number."), failOn("feed"))).toEqual({
      status: 400,
      type: "text/plain; charset=utf-8",
      body: "Invalid part: must be a whole number.\n",
    });
  });

  it("says what is not found, on a line of its own", async () => {
    expect(await thrown((f) => f.notFound('No tag "x".'), failOn("feed"))).toEqual({
      status: 404,
      type: "text/plain; charset=utf-8",
      body: 'No tag "x".\n',
    });
  });
});

describe("the API and oEmbed refuse with an RFC 9457 problem", () => {
  it("names a bad parameter and its allowed values in invalid_params", async () => {
    const got = await thrown((f) => f.badParam("format", '"xml" is not supported.', ["json"]), failOn("api"));
    expect(got.status).toBe(400);
    expect((got as { type: string }).type).toBe("application/problem+json; charset=utf-8");
    expect(JSON.parse((got as { body: string }).body)).toEqual({
      type: "about:blank",
      title: "Bad Request",
      status: 400,
      detail: 'Query parameter "format" "xml" is not supported. Allowed: json.',
      invalid_params: [{ name: "format", reason: '"xml" is not supported.', allowed: ["json"] }],
    });
  });

  it("says what is not found in the problem's detail", async () => {
    const got = await thrown((f) => f.notFound('No published article has the slug "x".'), failOn("api"));
    expect(JSON.parse((got as { body: string }).body)).toEqual({
      type: "about:blank",
      title: "Not Found",
      status: 404,
      detail: 'No published article has the slug "x".',
    });
  });
});

describe("surface()", () => {
  it("gives the handler after it its surface's fail, so two routes side by side answer in their own formats", async () => {
    const app = new Hono()
      .get("/feed", surface("feed"), (c) => c.var.fail.notFound("No feed."))
      .get("/api", surface("api"), (c) => c.var.fail.notFound("No resource."));
    app.onError((err) => (err instanceof HTTPException && err.res) || new Response("unexpected", { status: 500 }));
    const feed = await app.request("/feed");
    const api = await app.request("/api");
    expect([feed.status, feed.headers.get("content-type"), await feed.text()]).toEqual([
      404,
      "text/plain; charset=utf-8",
      "No feed.\n",
    ]);
    expect([api.status, api.headers.get("content-type")]).toEqual([404, "application/problem+json; charset=utf-8"]);
  });
});
