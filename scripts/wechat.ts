/**
 * `npm run wechat -- <slug> [--draft]`: the article as WeChat's editor keeps it (inline styles
 * only, links as numbered notes: scripts/wechat/render.ts), printed as HTML, the same the desk's
 * 复制到公众号 copies.
 *
 * With --draft it goes into the 公众号's 草稿箱 through WeChat's API from this machine
 * (scripts/wechat/push.ts), with the account's AppID and AppSecret from the environment
 * (WECHAT_APPID, WECHAT_APPSECRET: never in a file, never printed) and, when this machine's IP is
 * not on the account's whitelist, a fixed-IP relay (WECHAT_API_BASE). Publishing stays the
 * account's own step in 公众平台.
 */
import { parseArgs } from "node:util";
import { loadArticle, LoadError } from "./wechat/load.ts";
import { pushDraft, WechatError, DEFAULT_API_BASE } from "./wechat/push.ts";
import { renderWechat } from "./wechat/render.ts";

const USAGE = "npm run wechat -- <文章网址名> [--draft],例如 npm run wechat -- member-congress-2026 --draft";

function fail(message: string, code = 1): never {
  console.error(`wechat: ${message}`);
  process.exit(code);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: { draft: { type: "boolean", default: false }, root: { type: "string", default: process.cwd() } },
  });
} catch (e) {
  fail(`${(e as Error).message}\n    用法:${USAGE}`, 2);
}
const { values, positionals } = parsed;
if (positionals.length !== 1) fail(`请给出一篇文章的网址名。\n    用法:${USAGE}`, 2);
const slug = positionals[0]!;

let loaded;
try {
  loaded = await loadArticle(values.root, slug);
} catch (e) {
  if (e instanceof LoadError) fail(e.message);
  throw e;
}
const { article, site, readMedia } = loaded;

if (!values.draft) {
  process.stdout.write(`${renderWechat(article, site).html}\n`);
  process.exit(0);
}

try {
  const result = await pushDraft({
    article,
    site,
    readMedia,
    appId: process.env.WECHAT_APPID ?? "",
    appSecret: process.env.WECHAT_APPSECRET ?? "",
    base: process.env.WECHAT_API_BASE || DEFAULT_API_BASE,
    log: (line) => console.error(`wechat: ${line}`),
  });
  console.log(result.message);
} catch (e) {
  if (e instanceof WechatError) fail(e.message);
  // Anything else is a fault of this tool: its message only (no stack with the environment).
  fail(`${article.file}:意外的错误:${(e as Error).message}`);
}
