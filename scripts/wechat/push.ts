/**
 * An article into the 公众号's 草稿箱 through WeChat's API (issue 31 part 3), run on the editor's
 * machine by `npm run wechat -- <slug> --draft`, never by the worker: WeChat checks the caller's
 * IP against the account's whitelist, and Workers have no fixed outbound IP. A fixed-IP relay
 * that forwards the same paths can stand in for api.weixin.qq.com (WECHAT_API_BASE).
 *
 * The calls, as WeChat documents them (developers.weixin.qq.com/doc/service/api):
 * - POST cgi-bin/stable_token {grant_type, appid, secret}: the access token. The stable token,
 *   not cgi-bin/token, because fetching it does not invalidate the token another system of the
 *   association may be using; the secret travels in the body, never in a URL;
 * - POST cgi-bin/media/uploadimg (multipart, field `media`): a body picture, jpg/png under 1 MB,
 *   answered with the URL to use in `content` (external picture URLs are filtered out);
 * - POST cgi-bin/material/add_material?type=image (multipart, field `media`): the cover as a
 *   permanent image (bmp/png/jpeg/jpg/gif, 10 MB at most), answered with its media_id;
 * - POST cgi-bin/draft/add {articles: [{title ≤ 32 字, author ≤ 16 字, digest ≤ 128 字,
 *   content < 20,000 characters and < 1 MB, content_source_url < 1 KB, thumb_media_id}]}.
 *
 * Everything that can be checked before the first call is (lengths, each picture's type and
 * size, the cover), so a refusal costs no upload. Secrets (AppSecret, the access token) are
 * never in a message: URLs with the token are not printed, and every message is scrubbed of both.
 */
import type { Article, SiteSettings } from "../../src/content/model.ts";
import { thumbnailOf } from "../../src/content/index.ts";
import { renderWechat } from "./render.ts";

export const DEFAULT_API_BASE = "https://api.weixin.qq.com";

/** WeChat's documented limits (draft/add, media/uploadimg, material/add_material). */
export const LIMITS = {
  title: 32,
  author: 16,
  digest: 128,
  contentChars: 20_000,
  contentBytes: 2 ** 20,
  sourceUrlBytes: 1024,
  bodyImageBytes: 2 ** 20,
  coverBytes: 10 * 2 ** 20,
} as const;

/**
 * Room left for each body picture's URL before the upload tells the real one: WeChat's answers
 * (http://mmbiz.qpic.cn/mmbiz_jpg/<id>/0?wx_fmt=jpeg) run about 120 characters.
 */
const UPLOADED_URL_ESTIMATE = 160;

export interface PushInput {
  article: Article;
  site: SiteSettings;
  /** A published picture's bytes by its name under /media/ (undefined: not there). */
  readMedia(name: string): Promise<Uint8Array | undefined>;
  appId: string;
  appSecret: string;
  /** The API's base URL: WeChat's own, or a fixed-IP relay forwarding the same paths. */
  base?: string;
  fetch?: typeof fetch;
  /** Progress lines, in Chinese. */
  log?: (line: string) => void;
}

export interface PushResult {
  /** The draft's media_id. */
  mediaId: string;
  /** Body pictures uploaded. */
  pictures: number;
  /** What to tell the editor, in Chinese. */
  message: string;
}

/** A push that stopped: `message` in Chinese, naming the article and what to do. */
export class WechatError extends Error {
  /** WeChat's errcode, or a word for a problem found before calling (`too-long`, `picture`…). */
  readonly code: number | string;
  constructor(message: string, code: number | string) {
    super(message);
    this.name = "WechatError";
    this.code = code;
  }
}

type Kind = "jpg" | "png" | "gif" | "bmp";

/** A picture's real type by its first bytes (a file's name may say otherwise). */
export function pictureKind(bytes: Uint8Array): Kind | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpg";
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return "png";
  if (bytes[0] === 0x47 && bytes[1] === 0x49 && bytes[2] === 0x46 && bytes[3] === 0x38) return "gif";
  if (bytes[0] === 0x42 && bytes[1] === 0x4d) return "bmp";
  return undefined;
}
const MIME: Record<Kind, string> = { jpg: "image/jpeg", png: "image/png", gif: "image/gif", bmp: "image/bmp" };

const chars = (s: string) => [...s].length;
const mb = (n: number) => `${(n / 2 ** 20).toFixed(2)} MB`;

/** WeChat's error codes in the editor's words: what happened, and what to do. */
function explain(code: number, errmsg: string, base: string): string {
  switch (code) {
    case 40164: {
      const ip = /invalid ip ([0-9a-fA-F.:]+)/.exec(errmsg)?.[1];
      return (
        `微信拒绝了这台电脑的 IP${ip ? ` ${ip}` : ""}:它不在公众号的 IP 白名单里(错误 40164)。` +
        `请到 微信公众平台 → 设置与开发 → 基本配置 → IP白名单 加上${ip ? ` ${ip}` : "这个 IP"},` +
        `或设置 WECHAT_API_BASE 为一台 IP 已在白名单里的中转服务器(例如 WECHAT_API_BASE=https://wx-relay.example.org)。`
      );
    }
    case 40001:
    case 40125:
      return (
        `微信不认这个 AppSecret(错误 ${code})。请到 微信公众平台 → 设置与开发 → 基本配置 → 开发者密码(AppSecret) ` +
        `核对或重置,再把它设为环境变量 WECHAT_APPSECRET(只放在这台电脑上,不要写进任何文件)。`
      );
    case 40013:
      return `微信不认这个 AppID(错误 40013)。请核对环境变量 WECHAT_APPID,例如 WECHAT_APPID=wx1234567890abcdef(在 设置与开发 → 基本配置 里)。`;
    case 42001:
      return `访问令牌(access_token)过期了,重新取了一次仍然过期(错误 42001)。请稍后再运行一次;若一直如此,请检查是否有别的程序在频繁重置这个公众号的令牌。`;
    case 45009:
      return (
        `这个公众号今天调用这个接口的次数已经用完(错误 45009)。请明天再试,` +
        `或在 微信公众平台 → 设置与开发 → 接口权限 查看额度。`
      );
    case 48001:
      return (
        `这个公众号没有这个接口的权限(错误 48001),通常是因为公众号还没有认证。` +
        `未认证的公众号可以用接口存草稿,但不能用接口发布:请在公众平台的草稿箱里手动发布;若连草稿也存不了,请在 设置与开发 → 接口权限 查看。`
      );
    case 40005:
    case 40009:
    case 40006:
      return `微信拒绝了这张图片(错误 ${code}:${errmsg})。正文图片只能是 jpg 或 png,小于 1 MB;封面不超过 10 MB。`;
    case 45002:
    case 45003:
    case 45004:
    case 45110:
      return `微信说有一项太长(错误 ${code}:${errmsg}):标题不超过 ${LIMITS.title} 个字,作者不超过 ${LIMITS.author} 个字,摘要不超过 ${LIMITS.digest} 个字,正文少于 ${LIMITS.contentChars} 个字符。`;
    default:
      return `微信接口(${base})返回错误 ${code}:${errmsg}`;
  }
}

export async function pushDraft(input: PushInput): Promise<PushResult> {
  const { article, site, appId, appSecret } = input;
  const base = (input.base || DEFAULT_API_BASE).replace(/\/+$/, "");
  const doFetch = input.fetch ?? fetch;
  const log = input.log ?? (() => {});
  const name = `《${article.title}》(${article.file})`;
  const secrets = [appSecret];
  /** Every message leaves here without the secret or the token, whatever WeChat echoed. */
  const scrub = (s: string) => secrets.filter(Boolean).reduce((m, x) => m.split(x).join("***"), s);
  const uploaded: string[] = [];
  let coverUploaded = false;
  const fail = (message: string, code: number | string): never => {
    const partial =
      uploaded.length || coverUploaded
        ? ` 已上传${uploaded.length ? ` ${uploaded.length} 张正文图片` : ""}${coverUploaded ? `${uploaded.length ? "和" : ""}封面(已进素材库)` : ""}到公众号,但草稿没有建成;改好后重新运行即可(图片会重新上传)。`
        : " 没有上传任何东西,也没有建草稿。";
    throw new WechatError(scrub(`${name}:${message}${partial}`), code);
  };

  if (!appId || !appSecret)
    fail(
      "缺少公众号的 AppID 或 AppSecret。请在这台电脑上设置环境变量 WECHAT_APPID 和 WECHAT_APPSECRET,例如 WECHAT_APPID=wx1234567890abcdef。",
      "credentials",
    );

  // Before any call: what WeChat would refuse.
  if (chars(article.title) > LIMITS.title)
    fail(`标题有 ${chars(article.title)} 个字,公众号的标题最多 ${LIMITS.title} 个字。请缩短标题。`, "too-long");
  const author = article.author ?? "";
  if (chars(author) > LIMITS.author)
    fail(`作者有 ${chars(author)} 个字,公众号的作者最多 ${LIMITS.author} 个字。请缩短作者,例如 张三。`, "too-long");
  const digest =
    chars(article.summary) > LIMITS.digest
      ? [...article.summary].slice(0, LIMITS.digest - 1).join("") + "…"
      : article.summary;
  const first = renderWechat(article, site);
  if (new TextEncoder().encode(first.url).length >= LIMITS.sourceUrlBytes)
    fail(`原文链接超过 1 KB,公众号不收。`, "too-long");
  const estimate = renderWechat(article, site, { imageUrl: () => "x".repeat(UPLOADED_URL_ESTIMATE) }).html;
  const tooLong = (html: string) =>
    chars(html) >= LIMITS.contentChars
      ? `正文排版后有 ${chars(html)} 个字符(含排版代码),公众号要求少于 ${LIMITS.contentChars} 个字符。请把文章分成两篇,或删减正文。`
      : new TextEncoder().encode(html).length >= LIMITS.contentBytes
        ? `正文排版后超过 1 MB,公众号不收。请删减正文。`
        : undefined;
  const estimated = tooLong(estimate);
  if (estimated) fail(estimated, "too-long");

  const pictures: { path: string; bytes: Uint8Array; kind: Kind }[] = [];
  for (const path of first.images) {
    const file = decodeURIComponent(path.replace(/^\/media\//, ""));
    const bytes = await input.readMedia(file);
    if (!bytes) fail(`正文图片 ${file} 找不到(content/media/ 里没有)。`, "picture");
    const kind = pictureKind(bytes!);
    if (kind !== "jpg" && kind !== "png")
      fail(`正文图片 ${file} 不是 jpg 或 png,公众号的正文图片只收这两种。请换成 jpg 或 png。`, "picture");
    if (bytes!.length >= LIMITS.bodyImageBytes)
      fail(`正文图片 ${file} 有 ${mb(bytes!.length)},公众号的正文图片须小于 1 MB。请压缩这张图片后再试。`, "picture");
    pictures.push({ path, bytes: bytes!, kind: kind! });
  }
  const thumb = thumbnailOf(article);
  if (!thumb)
    fail(
      "公众号的图文消息必须有封面,这篇文章既没有封面图片(image)也没有正文图片。请在编辑台给文章加一张封面图片。",
      "no-cover",
    );
  const coverName = thumb!.src ?? thumb!.file;
  const coverBytes = await input.readMedia(coverName);
  if (!coverBytes) fail(`封面图片 ${coverName} 找不到(content/media/ 里没有)。`, "picture");
  const coverKind = pictureKind(coverBytes!);
  if (!coverKind) fail(`封面图片 ${coverName} 不是 bmp、png、jpeg 或 gif,公众号的封面只收这几种。`, "picture");
  if (coverBytes!.length > LIMITS.coverBytes)
    fail(`封面图片 ${coverName} 有 ${mb(coverBytes!.length)},公众号的封面不能超过 10 MB。请压缩后再试。`, "picture");

  /** One call to WeChat: its JSON answer, or a failure in Chinese (no URL, no token in it). */
  const call = async (
    path: string,
    query: Record<string, string>,
    body: string | FormData,
  ): Promise<Record<string, unknown>> => {
    const target = `${base}/cgi-bin/${path}?${new URLSearchParams(query)}`;
    let answer: Response;
    try {
      answer = await doFetch(target, {
        method: "POST",
        body,
        ...(typeof body === "string" ? { headers: { "content-type": "application/json; charset=utf-8" } } : {}),
      });
    } catch (e) {
      const why = (e as { cause?: { code?: string; message?: string } }).cause;
      const cause = why?.code ?? why?.message ?? (e as Error).message;
      return fail(
        `连不上微信接口 ${base}(${cause})。请检查网络${base === DEFAULT_API_BASE ? "" : ",以及中转服务器(WECHAT_API_BASE)是否在运行"}。`,
        "unreachable",
      );
    }
    const text = await answer.text();
    let value: Record<string, unknown>;
    try {
      value = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return fail(`微信接口 ${base} 的回答不是 JSON(HTTP ${answer.status}),可能中转服务器配置不对。`, "bad-answer");
    }
    return value;
  };

  let token = "";
  const fetchToken = async () => {
    const value = await call(
      "stable_token",
      {},
      JSON.stringify({ grant_type: "client_credential", appid: appId, secret: appSecret }),
    );
    const code = Number(value.errcode ?? 0);
    if (code) fail(explain(code, String(value.errmsg ?? ""), base), code);
    if (typeof value.access_token !== "string" || !value.access_token)
      fail(`微信接口 ${base} 没有给出访问令牌。`, "bad-answer");
    token = value.access_token as string;
    secrets.push(token);
  };

  /** A call with the token; an expired token (42001) is fetched again once. */
  const withToken = async (path: string, query: Record<string, string>, body: () => string | FormData) => {
    for (let attempt = 0; ; attempt++) {
      const value = await call(path, { ...query, access_token: token }, body());
      const code = Number(value.errcode ?? 0);
      if ((code === 42001 || code === 40014) && attempt === 0) {
        log("访问令牌过期,重新获取…");
        await fetchToken();
        continue;
      }
      if (code) return fail(explain(code, String(value.errmsg ?? ""), base), code);
      return value;
    }
  };

  const form = (bytes: Uint8Array, kind: Kind, filename: string) => () => {
    const data = new FormData();
    data.append("media", new Blob([bytes as Uint8Array<ArrayBuffer>], { type: MIME[kind] }), `${filename}.${kind}`);
    return data;
  };

  log(`获取访问令牌(${base})…`);
  await fetchToken();
  const urls = new Map<string, string>();
  for (const [i, p] of pictures.entries()) {
    log(`上传正文图片 ${i + 1}/${pictures.length}…`);
    const value = await withToken("media/uploadimg", {}, form(p.bytes, p.kind, `picture-${i + 1}`));
    if (typeof value.url !== "string" || !value.url) fail("微信没有给出上传后图片的地址。", "bad-answer");
    urls.set(p.path, value.url as string);
    uploaded.push(p.path);
  }
  log("上传封面…");
  const cover = await withToken("material/add_material", { type: "image" }, form(coverBytes!, coverKind!, "cover"));
  if (typeof cover.media_id !== "string" || !cover.media_id) fail("微信没有给出封面的 media_id。", "bad-answer");
  coverUploaded = true;

  const final = renderWechat(article, site, { imageUrl: (path) => urls.get(path) ?? path });
  const finalTooLong = tooLong(final.html);
  if (finalTooLong) fail(finalTooLong, "too-long");
  log("新建草稿…");
  const draft = await withToken("draft/add", {}, () =>
    JSON.stringify({
      articles: [
        {
          article_type: "news",
          title: article.title,
          author,
          digest,
          content: final.html,
          content_source_url: final.url,
          thumb_media_id: cover.media_id,
          need_open_comment: 0,
          only_fans_can_comment: 0,
        },
      ],
    }),
  );
  if (typeof draft.media_id !== "string" || !draft.media_id) fail("微信没有给出草稿的 media_id。", "bad-answer");
  return {
    mediaId: draft.media_id as string,
    pictures: pictures.length,
    message:
      `${name} 已存入公众号的草稿箱(上传了 ${pictures.length} 张正文图片和封面)。` +
      `它还没有发出:请到 微信公众平台 → 内容管理 → 草稿箱 打开它,预览无误后由公众号自己点 发布。`,
  };
}
