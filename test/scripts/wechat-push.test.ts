/**
 * The push into the 公众号's 草稿箱 (scripts/wechat/push.ts) against a fake WeChat API: a local
 * HTTP server on a free port that checks each request as WeChat documents it (stable_token's JSON
 * body; the access token in the query; multipart uploads in the field `media`; draft/add's JSON
 * fields) and answers each error the push must explain.
 */
import { execFile } from "node:child_process";
import { rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { promisify } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadArticle, type Loaded } from "../../scripts/wechat/load.ts";
import { pushDraft, WechatError, type PushInput } from "../../scripts/wechat/push.ts";
import { renderWechat } from "../../scripts/wechat/render.ts";
import { fixtureProject } from "../support/project.ts";
import { ORIGIN, SAMPLE_SLUG, writeSample } from "./wechat-sample.ts";

const APPID = "wx1234567890abcdef";
const SECRET = "s3cr3t-0123456789abcdef0123456789";
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

interface Seen {
  path: string;
  query: Record<string, string>;
  json?: Record<string, unknown>;
  /** Multipart parts: field name → [filename, type, bytes]. */
  parts?: Record<string, [string, string, number]>;
}

/** What the fake answers: by path, a queue of errcodes to give before answering well. */
let errors: Record<string, { errcode: number; errmsg: string }[]>;
let seen: Seen[];
let tokens: number;
let server: Server;
let base: string;
let root: string;
let loaded: Loaded;

function fake(): Promise<void> {
  server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "", "http://fake");
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const entry: Seen = { path: url.pathname, query: Object.fromEntries(url.searchParams) };
    const type = req.headers["content-type"] ?? "";
    if (type.startsWith("application/json")) entry.json = JSON.parse(body.toString("utf8")) as Record<string, unknown>;
    if (type.startsWith("multipart/form-data")) {
      const form = await new Request("http://fake/", {
        method: "POST",
        headers: { "content-type": type },
        body,
      }).formData();
      entry.parts = {};
      for (const [name, value] of form) {
        const file = value as File;
        entry.parts[name] = [file.name, file.type, file.size];
      }
    }
    seen.push(entry);
    const answer = (value: unknown) =>
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(value));
    const queued = errors[url.pathname]?.shift();
    if (queued) return answer(queued);
    if (req.method !== "POST") return answer({ errcode: 43002, errmsg: "require POST method" });
    const current = `TOKEN-${tokens}`;
    switch (url.pathname) {
      case "/cgi-bin/stable_token": {
        const j = entry.json ?? {};
        if (j.grant_type !== "client_credential" || j.appid !== APPID || j.secret !== SECRET)
          return answer({ errcode: 40125, errmsg: "invalid appsecret" });
        tokens++;
        return answer({ access_token: `TOKEN-${tokens}`, expires_in: 7200 });
      }
      case "/cgi-bin/media/uploadimg":
      case "/cgi-bin/material/add_material": {
        if (entry.query.access_token !== current) return answer({ errcode: 40001, errmsg: "invalid credential" });
        const media = entry.parts?.media;
        if (!media || !/^image\/(png|jpeg)$/.test(media[1]) || !media[0])
          return answer({ errcode: 41005, errmsg: "media data missing" });
        if (url.pathname.endsWith("uploadimg"))
          return answer({ url: `http://mmbiz.qpic.cn/mmbiz_png/fake${seen.length}/0?wx_fmt=png` });
        if (entry.query.type !== "image") return answer({ errcode: 40004, errmsg: "invalid media type" });
        return answer({ media_id: "COVER-MEDIA-ID", url: "http://mmbiz.qpic.cn/cover" });
      }
      case "/cgi-bin/draft/add": {
        if (entry.query.access_token !== current) return answer({ errcode: 40001, errmsg: "invalid credential" });
        const a = (entry.json?.articles as Record<string, unknown>[] | undefined)?.[0];
        if (!a || typeof a.title !== "string" || typeof a.content !== "string" || a.thumb_media_id !== "COVER-MEDIA-ID")
          return answer({ errcode: 40007, errmsg: "invalid media_id" });
        return answer({ media_id: "DRAFT-MEDIA-ID" });
      }
    }
    return answer({ errcode: 40066, errmsg: "invalid url" });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      resolve();
    }),
  );
}

beforeAll(async () => {
  await fake();
  root = await fixtureProject();
  await writeSample(root);
  loaded = await loadArticle(root, SAMPLE_SLUG);
}, 60_000);

afterAll(async () => {
  await new Promise((r) => server.close(r));
  await rm(root, { recursive: true, force: true });
});

beforeEach(() => {
  errors = {};
  seen = [];
  tokens = 0;
});

const input = (over: Partial<PushInput> = {}): PushInput => ({
  article: loaded.article,
  site: loaded.site,
  readMedia: async () => PNG,
  appId: APPID,
  appSecret: SECRET,
  base,
  ...over,
});

/** The push's failure: its message and code; the test fails if the push succeeds. */
async function failure(over: Partial<PushInput> = {}): Promise<WechatError> {
  const e = await pushDraft(input(over)).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(WechatError);
  const err = e as WechatError;
  expect(err.message).not.toContain(SECRET);
  expect(err.message).not.toContain("TOKEN-");
  return err;
}

const paths = () => seen.map((s) => s.path.replace("/cgi-bin/", ""));
const NAME = `《陶瓷展会观察》(content/articles/${SAMPLE_SLUG}.md)`;

describe("the push into the 草稿箱", () => {
  it("fetches a stable token, uploads the body's picture and the cover, and adds the draft", async () => {
    const result = await pushDraft(input());
    expect(paths()).toEqual(["stable_token", "media/uploadimg", "material/add_material", "draft/add"]);
    expect(seen[0]!.json).toEqual({ grant_type: "client_credential", appid: APPID, secret: SECRET });
    expect(seen[0]!.query).toEqual({});
    expect(seen[1]!.query).toEqual({ access_token: "TOKEN-1" });
    expect(seen[1]!.parts).toEqual({ media: ["picture-1.png", "image/png", PNG.length] });
    expect(seen[2]!.query).toEqual({ access_token: "TOKEN-1", type: "image" });
    expect(seen[2]!.parts).toEqual({ media: ["cover.png", "image/png", PNG.length] });
    const uploaded = `http://mmbiz.qpic.cn/mmbiz_png/fake2/0?wx_fmt=png`;
    const expected = renderWechat(loaded.article, loaded.site, { imageUrl: () => uploaded }).html;
    expect(seen[3]!.json).toEqual({
      articles: [
        {
          article_type: "news",
          title: "陶瓷展会观察",
          author: "李明",
          digest: "今年的陶瓷展会规模是历年之最。",
          content: expected,
          content_source_url: `${ORIGIN}/articles/${SAMPLE_SLUG}`,
          thumb_media_id: "COVER-MEDIA-ID",
          need_open_comment: 0,
          only_fans_can_comment: 0,
        },
      ],
    });
    expect(expected).toContain(`src="${uploaded.replace(/&/g, "&amp;")}"`);
    expect(result).toEqual({
      mediaId: "DRAFT-MEDIA-ID",
      pictures: 1,
      message: `${NAME} 已存入公众号的草稿箱(上传了 1 张正文图片和封面)。它还没有发出:请到 微信公众平台 → 内容管理 → 草稿箱 打开它,预览无误后由公众号自己点 发布。`,
    });
  });

  it("40164: names this machine's IP and the whitelist, and uploads nothing", async () => {
    errors["/cgi-bin/stable_token"] = [
      { errcode: 40164, errmsg: "invalid ip 203.0.113.7 ipv6 ::ffff:203.0.113.7, not in whitelist rid: 1" },
    ];
    const e = await failure();
    expect(e.code).toBe(40164);
    expect(e.message).toBe(
      `${NAME}:微信拒绝了这台电脑的 IP 203.0.113.7:它不在公众号的 IP 白名单里(错误 40164)。请到 微信公众平台 → 设置与开发 → 基本配置 → IP白名单 加上 203.0.113.7,或设置 WECHAT_API_BASE 为一台 IP 已在白名单里的中转服务器(例如 WECHAT_API_BASE=https://wx-relay.example.org)。 没有上传任何东西,也没有建草稿。`,
    );
    expect(paths()).toEqual(["stable_token"]);
  });

  it("40125: a wrong AppSecret is named, never shown", async () => {
    const e = await failure({ appSecret: "wrong-secret-value" });
    expect(e.code).toBe(40125);
    expect(e.message).toContain("微信不认这个 AppSecret(错误 40125)。请到 微信公众平台 → 设置与开发 → 基本配置");
    expect(e.message).not.toContain("wrong-secret-value");
  });

  it("40001: the AppSecret is named too", async () => {
    errors["/cgi-bin/stable_token"] = [{ errcode: 40001, errmsg: "invalid credential" }];
    expect((await failure()).message).toContain("微信不认这个 AppSecret(错误 40001)");
  });

  it("an error echoing the secret or the token is scrubbed", async () => {
    errors["/cgi-bin/draft/add"] = [{ errcode: 40999, errmsg: `bad secret ${SECRET} token TOKEN-1` }];
    const e = await failure();
    expect(e.message).toContain("返回错误 40999:bad secret *** token ***");
  });

  it("42001: an expired token is fetched again once, and the push goes on", async () => {
    errors["/cgi-bin/draft/add"] = [{ errcode: 42001, errmsg: "access_token expired" }];
    const result = await pushDraft(input());
    expect(paths()).toEqual([
      "stable_token",
      "media/uploadimg",
      "material/add_material",
      "draft/add",
      "stable_token",
      "draft/add",
    ]);
    expect(seen[5]!.query.access_token).toBe("TOKEN-2");
    expect(result.mediaId).toBe("DRAFT-MEDIA-ID");
  });

  it("42001 twice: says so, and that the pictures went up without a draft", async () => {
    const expired = { errcode: 42001, errmsg: "access_token expired" };
    errors["/cgi-bin/media/uploadimg"] = [expired, expired];
    const e = await failure();
    expect(e.code).toBe(42001);
    expect(e.message).toMatch(/^《陶瓷展会观察》.*访问令牌\(access_token\)过期了,重新取了一次仍然过期\(错误 42001\)/);
    expect(e.message).toMatch(/没有上传任何东西,也没有建草稿。$/);
  });

  it("45009: the day's quota, after the picture went up: says no draft was made", async () => {
    errors["/cgi-bin/material/add_material"] = [{ errcode: 45009, errmsg: "reach max api daily quota limit" }];
    const e = await failure();
    expect(e.code).toBe(45009);
    expect(e.message).toBe(
      `${NAME}:这个公众号今天调用这个接口的次数已经用完(错误 45009)。请明天再试,或在 微信公众平台 → 设置与开发 → 接口权限 查看额度。 已上传 1 张正文图片到公众号,但草稿没有建成;改好后重新运行即可(图片会重新上传)。`,
    );
  });

  it("48001: an uncertified account: drafts yes, publishing through the API no", async () => {
    errors["/cgi-bin/draft/add"] = [{ errcode: 48001, errmsg: "api unauthorized" }];
    const e = await failure();
    expect(e.code).toBe(48001);
    expect(e.message).toContain("通常是因为公众号还没有认证。未认证的公众号可以用接口存草稿,但不能用接口发布");
    expect(e.message).toMatch(/已上传 1 张正文图片和封面\(已进素材库\)到公众号,但草稿没有建成;/);
  });

  it("a picture WeChat refuses (40009) is named", async () => {
    errors["/cgi-bin/media/uploadimg"] = [{ errcode: 40009, errmsg: "invalid image size" }];
    const e = await failure();
    expect(e.message).toContain(
      "微信拒绝了这张图片(错误 40009:invalid image size)。正文图片只能是 jpg 或 png,小于 1 MB",
    );
  });

  it("a body picture of 1 MB or more is refused before any call, naming the file", async () => {
    const big = new Uint8Array(2 ** 20);
    big.set(PNG);
    const e = await failure({ readMedia: async () => big });
    expect(e.code).toBe("picture");
    expect(e.message).toMatch(
      /^《陶瓷展会观察》\(content\/articles\/expo-wechat\.md\):正文图片 huiyi[^ ]*\.png 有 1\.00 MB,公众号的正文图片须小于 1 MB。请压缩这张图片后再试。 没有上传任何东西,也没有建草稿。$/,
    );
    expect(seen).toEqual([]);
  });

  it("a body picture that is not jpg or png (WebP) is refused before any call", async () => {
    const webp = new TextEncoder().encode("RIFF\0\0\0\0WEBPVP8 ");
    const e = await failure({ readMedia: async () => webp });
    expect(e.message).toContain("不是 jpg 或 png,公众号的正文图片只收这两种");
    expect(seen).toEqual([]);
  });

  it("an article with no picture has no cover: a clear error, nothing sent", async () => {
    const bare = { ...loaded.article, figures: [], cover: undefined, html: "<p>只有文字。</p>" };
    const e = await failure({ article: bare });
    expect(e.code).toBe("no-cover");
    expect(e.message).toContain("公众号的图文消息必须有封面");
    expect(seen).toEqual([]);
  });

  it("an article over 20,000 characters is refused before any call", async () => {
    const long = { ...loaded.article, html: `<p>${"陶".repeat(20_000)}</p>` };
    const e = await failure({ article: long });
    expect(e.code).toBe("too-long");
    expect(e.message).toMatch(/正文排版后有 2\d{4} 个字符\(含排版代码\),公众号要求少于 20000 个字符。/);
    expect(seen).toEqual([]);
  });

  it("a title over 32 字 is refused before any call", async () => {
    const e = await failure({ article: { ...loaded.article, title: "陶".repeat(33) } });
    expect(e.message).toContain("标题有 33 个字,公众号的标题最多 32 个字。请缩短标题。");
    expect(seen).toEqual([]);
  });

  it("a summary over 128 字 goes as a 摘要 of 128, cut with …", async () => {
    await pushDraft(input({ article: { ...loaded.article, summary: "摘".repeat(130) } }));
    const digest = ((seen.at(-1)!.json!.articles as Record<string, unknown>[])[0]!.digest as string).split("");
    expect([digest.length, digest.at(-1), digest.at(-2)]).toEqual([128, "…", "摘"]);
  });

  it("an unreachable API or relay is named with the relay to check", async () => {
    // A port nothing listens on: a server's, closed again.
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as { port: number }).port;
    await new Promise((r) => closed.close(r));
    const e = await failure({ base: `http://127.0.0.1:${port}` });
    expect(e.code).toBe("unreachable");
    expect(e.message).toMatch(
      /^《陶瓷展会观察》.*:连不上微信接口 http:\/\/127\.0\.0\.1:\d+\(ECONNREFUSED\)。请检查网络,以及中转服务器\(WECHAT_API_BASE\)是否在运行。 没有上传任何东西,也没有建草稿。$/,
    );
  });

  it("without AppID or AppSecret nothing is sent", async () => {
    const e = await failure({ appSecret: "" });
    expect(e.message).toContain("请在这台电脑上设置环境变量 WECHAT_APPID 和 WECHAT_APPSECRET");
    expect(seen).toEqual([]);
  });
});

describe("npm run wechat -- <slug> --draft", () => {
  const run = (env: Record<string, string>) =>
    promisify(execFile)(process.execPath, ["--experimental-strip-types", "scripts/wechat.ts", SAMPLE_SLUG, "--draft"], {
      cwd: root,
      env: { ...process.env, ...env },
    });

  it("pushes through WECHAT_API_BASE with the environment's AppID and AppSecret, and says where the draft is", async () => {
    const { stdout, stderr } = await run({ WECHAT_APPID: APPID, WECHAT_APPSECRET: SECRET, WECHAT_API_BASE: base });
    expect(stdout).toBe(
      `${NAME} 已存入公众号的草稿箱(上传了 1 张正文图片和封面)。它还没有发出:请到 微信公众平台 → 内容管理 → 草稿箱 打开它,预览无误后由公众号自己点 发布。\n`,
    );
    expect(paths()).toEqual(["stable_token", "media/uploadimg", "material/add_material", "draft/add"]);
    expect(`${stdout}${stderr}`).not.toContain(SECRET);
  }, 60_000);

  it("a refusal exits 1 with the message, without the secret", async () => {
    errors["/cgi-bin/stable_token"] = [{ errcode: 45009, errmsg: `quota ${SECRET}` }];
    const failed = await run({ WECHAT_APPID: APPID, WECHAT_APPSECRET: SECRET, WECHAT_API_BASE: base }).then(
      () => undefined,
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toContain(`wechat: ${NAME}:这个公众号今天调用这个接口的次数已经用完(错误 45009)`);
    expect(`${failed?.stdout}${failed?.stderr}`).not.toContain(SECRET);
  }, 60_000);
});
