import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { content } from "../../src/generated/content.ts";

const seed = content.articles.find((a) => a.id === "d28ca07e-5fb2-4162-9eff-eb6ca93cb236")!;

describe("GET /articles/:slug", () => {
  it("serves the seed article as a zh-CN HTML document", async () => {
    const res = await exports.default.fetch(`http://localhost/articles/${seed.slug}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=UTF-8");
    const body = await res.text();
    expect(body.startsWith('<!doctype html>\n<html lang="zh-CN">')).toBe(true);
  });
});
