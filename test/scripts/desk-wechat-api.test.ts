/**
 * The desk's /admin/api/wechat (scripts/desk/wechat.ts), behind the desk server's own checks: the
 * saved article's WeChat rendering for the 复制到公众号 button, a slug checked before it names a
 * file, and the Host check every desk answer goes through.
 */
import { rm } from "node:fs/promises";
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDeskServer, type DeskServer } from "../../scripts/desk/server.ts";
import { loadArticle } from "../../scripts/wechat/load.ts";
import { renderWechat } from "../../scripts/wechat/render.ts";
import { fixtureProject } from "../support/project.ts";
import { SAMPLE_SLUG, writeSample } from "./wechat-sample.ts";

let root: string;
let desk: DeskServer;

beforeAll(async () => {
  root = await fixtureProject();
  await writeSample(root);
  desk = await startDeskServer({ root, upstream: "http://127.0.0.1:1" });
}, 60_000);

afterAll(async () => {
  await desk.close();
  await rm(root, { recursive: true, force: true });
});

const get = async (query: string) => {
  const res = await fetch(`${desk.url}/admin/api/wechat${query}`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe("/admin/api/wechat", () => {
  it("answers the saved article's WeChat HTML and text, as npm run wechat makes them", async () => {
    const { article, site } = await loadArticle(root, SAMPLE_SLUG);
    const expected = renderWechat(article, site);
    expect(await get(`?slug=${SAMPLE_SLUG}`)).toEqual({
      status: 200,
      body: { title: "陶瓷展会观察", html: expected.html, text: expected.text, url: expected.url, notes: 3 },
    });
  }, 60_000);

  it("refuses a slug that could name another file, before reading anything", async () => {
    expect(await get("?slug=..%2F..%2Fsite")).toEqual({
      status: 400,
      body: { error: '网址名 "../../site" 不对:只用小写字母、数字和连字符,例如 member-congress-2026。' },
    });
  });

  it("answers 404 for an article that is not there", async () => {
    const { status, body } = await get("?slug=no-such-article");
    expect([status, body.error]).toEqual([
      404,
      '没有网址名为 "no-such-article" 的文章(content/articles/ 里的文件名,例如 member-congress-2026)。',
    ]);
  }, 60_000);

  it("answers no other Host (DNS rebinding), like every desk answer", async () => {
    const { port } = new URL(desk.url);
    const status = await new Promise<number>((resolve, reject) =>
      request(
        {
          host: "127.0.0.1",
          port,
          path: `/admin/api/wechat?slug=${SAMPLE_SLUG}`,
          headers: { host: `evil.example:${port}` },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      )
        .on("error", reject)
        .end(),
    );
    expect(status).toBe(403);
  });
});
