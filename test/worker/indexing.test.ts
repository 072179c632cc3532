/**
 * Search engines told of what comes out (issue 24): IndexNow's key file, and the cron's pushes to
 * IndexNow and Baidu's 普通收录 API, against fake engines (an injected fetch that records every
 * request): exactly the pages a scheduled article changes, once; nothing when unconfigured; every
 * failure logged, never thrown, never holding back the WebSub ping.
 */
import { describe, expect, it } from "vitest";
import { harness } from "./harness.ts";
import { memoryKv } from "./memory-kv.ts";
import { aliasKey } from "../../src/content/aliases.ts";
import { fixtureSite, makeArticle, makeModel } from "./model.ts";

const NOW = Date.parse("2026-12-01T12:00:00+08:00");
const EXPO = Date.parse("2099-09-01T09:00:00+08:00");
const ORIGIN = fixtureSite.site.origin;
const KEY = "5f2b7c1e9a3d4b6f8c0e1a2b3c4d5e6f";
const ENGINES = {
  INDEXNOW_KEY: KEY,
  BAIDU_PUSH_SITE: "https://www.chancheng-ceramics.example",
  BAIDU_PUSH_TOKEN: "t0ken",
};
/** The pages the fixture's scheduled article (ceramics-expo-2099: 协会动态, tagged 展会) changes. */
const CHANGED = [
  `${ORIGIN}/`,
  `${ORIGIN}/articles/ceramics-expo-2099`,
  `${ORIGIN}/categories/news`,
  `${ORIGIN}/tags/${encodeURIComponent("展会")}`,
];

/** Fake engines: each request recorded; `answer` chooses the response (or throws, a timeout). */
function fakeEngines(
  answer: (url: URL) => Response = (url) =>
    url.host === "data.zz.baidu.com" ? Response.json({ success: 4, remain: 996 }) : new Response(null, { status: 202 }),
) {
  const requests: { url: string; type: string | null; body: string }[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    requests.push({ url: request.url, type: request.headers.get("content-type"), body: await request.text() });
    return answer(new URL(request.url));
  };
  return { requests, fetch: fetch as typeof globalThis.fetch };
}

async function publish(bindings: Record<string, string>, engines = fakeEngines()) {
  const kv = memoryKv();
  const app = (now: number) =>
    harness(
      { content: fixtureSite, clock: () => now, builtAt: NOW, engineFetch: engines.fetch },
      { RENDER_CACHE: kv as unknown as KVNamespace, ...bindings },
    );
  await app(NOW).scheduled(NOW);
  const later = app(EXPO);
  const result = await later.scheduled(EXPO);
  return { result, engines, logs: later.logs };
}

describe("IndexNow's key file", () => {
  it("is served at /<key>.txt as the key itself", async () => {
    const res = await harness({ content: fixtureSite }, { INDEXNOW_KEY: KEY }).fetch(`/${KEY}.txt`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await res.text()).toBe(KEY);
  });

  it("is a 404 for any other key, and when none is set", async () => {
    expect((await harness({ content: fixtureSite }, { INDEXNOW_KEY: KEY }).fetch("/0123456789abcdef.txt")).status).toBe(
      404,
    );
    expect((await harness({ content: fixtureSite }).fetch(`/${KEY}.txt`)).status).toBe(404);
  });

  // Issue 29: the key file's route once answered every /<8-128 letters>.txt with a 404 itself,
  // so an old URL of that shape never reached the aliases.
  describe("leaves other names of its shape to old URLs (aliases)", () => {
    const site = makeModel([
      makeArticle({ slug: "readme", aliases: [aliasKey("/old-readme-file.txt")!, aliasKey(`/${KEY}.txt`)!] }),
    ]);

    it.each([
      ["with a key set", { INDEXNOW_KEY: KEY }],
      ["without a key", {}],
    ])("an alias /old-readme-file.txt answers 301 to its article, %s", async (_, bindings) => {
      const res = await harness({ content: site }, bindings).fetch("/old-readme-file.txt");
      expect(res.status).toBe(301);
      expect(res.headers.get("location")).toBe("/articles/readme");
    });

    it("the key's own name is still the key, whatever alias names it", async () => {
      const res = await harness({ content: site }, { INDEXNOW_KEY: KEY }).fetch(`/${KEY}.txt`);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe(KEY);
    });

    it("a name of its shape that is neither the key nor an alias is the 404 page", async () => {
      const res = await harness({ content: site }, { INDEXNOW_KEY: KEY }).fetch("/0123456789abcdef.txt");
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toContain("text/html");
    });
  });
});

describe("the cron tells search engines of a scheduled article", () => {
  it("sends IndexNow exactly the pages it changes, once, with the key and its location", async () => {
    const { result, engines } = await publish(ENGINES);
    const indexNow = engines.requests.filter((r) => r.url === "https://api.indexnow.org/indexnow");
    expect(indexNow).toHaveLength(1);
    expect(indexNow[0]!.type).toBe("application/json; charset=utf-8");
    const body = JSON.parse(indexNow[0]!.body);
    expect(body).toEqual({
      host: "www.chancheng-ceramics.example",
      key: KEY,
      keyLocation: `${ORIGIN}/${KEY}.txt`,
      urlList: expect.any(Array),
    });
    expect([...body.urlList].sort()).toEqual([...CHANGED].sort());
    expect(result).toMatchObject({ kind: "published", indexed: { indexNow: { sent: 4, taken: 4, problems: [] } } });
  });

  it("sends Baidu the same pages, one per line, and reads its quota", async () => {
    const { result, engines } = await publish(ENGINES);
    const baidu = engines.requests.filter((r) => r.url.startsWith("http://data.zz.baidu.com/urls?"));
    expect(baidu).toHaveLength(1);
    expect(baidu[0]!.url).toBe(
      `http://data.zz.baidu.com/urls?site=${encodeURIComponent("https://www.chancheng-ceramics.example")}&token=t0ken`,
    );
    expect(baidu[0]!.type).toBe("text/plain");
    expect(baidu[0]!.body.split("\n").sort()).toEqual([...CHANGED].sort());
    expect(result).toMatchObject({ indexed: { baidu: { sent: 4, taken: 4, remain: 996, problems: [] } } });
  });

  it("sends nothing when no engine is configured", async () => {
    const { result, engines } = await publish({});
    expect(engines.requests).toEqual([]);
    expect(result).toMatchObject({ kind: "published", indexed: {} });
  });

  it("logs a refusal, a spent quota or a timeout, and never throws", async () => {
    const engines = fakeEngines((url) => {
      if (url.host === "data.zz.baidu.com") return Response.json({ success: 0, remain: 0 });
      throw new DOMException("The operation was aborted due to timeout", "TimeoutError");
    });
    const { result, logs } = await publish(ENGINES, engines);
    expect(result.kind).toBe("published");
    expect(logs.filter((l) => l.msg === "search engine not told").map((l) => l.problem)).toEqual([
      expect.stringMatching(/^indexnow: no answer \(.*TimeoutError/),
      "baidu: the day's push quota is spent (remain 0)",
    ]);
  });

  it("logs Baidu's error answers and IndexNow's 429", async () => {
    const engines = fakeEngines((url) =>
      url.host === "data.zz.baidu.com"
        ? Response.json({ error: 401, message: "token is not valid" }, { status: 401 })
        : new Response(null, { status: 429 }),
    );
    const { logs } = await publish(ENGINES, engines);
    expect(logs.filter((l) => l.msg === "search engine not told").map((l) => l.problem)).toEqual([
      "indexnow: HTTP 429 (too many requests)",
      "baidu: HTTP 401 401 token is not valid",
    ]);
  });
});
