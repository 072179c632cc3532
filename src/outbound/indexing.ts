/**
 * Telling search engines of new and changed URLs, for the cron (src/scheduled/: articles that came
 * out) and the deploy (scripts/deploy/indexing.ts: pages whose bytes changed), each off until
 * configured:
 *
 * - IndexNow (https://www.indexnow.org/documentation, Bing, Yandex, Seznam, Naver…): one JSON POST
 *   of up to 10,000 URLs of one host, with the site's key, which the worker serves at
 *   `/<key>.txt` (routes/crawlers.ts) so the engine can check the site owns it. 200 and 202 mean
 *   taken; 422 (URLs not of the host), 429 (too many requests) and the rest are logged.
 * - Baidu's 普通收录 push API (ziyuan.baidu.com, 资源提交 → API提交): a text/plain POST of one URL
 *   per line to data.zz.baidu.com/urls?site=…&token=…, at most 2,000 a request; the answer says
 *   how many were taken (`success`) and how many the day's quota has left (`remain`), or an
 *   `error` and `message`.
 *
 * Nothing here throws: every failure (an error status, a quota spent, a timeout) comes back as a
 * line to log, so a deploy or a cron run never fails for a search engine.
 */
import { paths, url } from "../content/urls.ts";
const TIMEOUT_MS = 10_000;
const INDEXNOW_ENDPOINT = "https://api.indexnow.org/indexnow";
const INDEXNOW_BATCH = 10_000;
const BAIDU_BATCH = 2_000;

/** An IndexNow key as the protocol allows: 8 to 128 of a-z, A-Z, 0-9 and '-'. */
export const INDEXNOW_KEY_RE = /^[a-zA-Z0-9-]{8,128}$/;

export interface IndexingConfig {
  /** The site's IndexNow key (a Wrangler var, INDEXNOW_KEY); no key, no IndexNow. */
  indexNowKey?: string;
  /** Baidu's push API: the site as registered there and its token (Wrangler secrets). */
  baidu?: { site: string; token: string };
}

export type Post = (url: string, init: RequestInit) => Promise<Response>;

export interface IndexingReport {
  /** Per engine: how many URLs it took, and the lines to log (failures, the quota). */
  indexNow?: { sent: number; taken: number; problems: string[] };
  baidu?: { sent: number; taken: number; remain?: number; problems: string[] };
}

/** The configuration in the worker's bindings: only what is well-formed turns an engine on. */
export function indexingConfig(env: {
  INDEXNOW_KEY?: string;
  BAIDU_PUSH_SITE?: string;
  BAIDU_PUSH_TOKEN?: string;
}): IndexingConfig {
  const key = env.INDEXNOW_KEY?.trim();
  const site = env.BAIDU_PUSH_SITE?.trim();
  const token = env.BAIDU_PUSH_TOKEN?.trim();
  return {
    ...(key && INDEXNOW_KEY_RE.test(key) ? { indexNowKey: key } : {}),
    ...(site && token ? { baidu: { site, token } } : {}),
  };
}

/** Sends `urls` (absolute, on `origin`) to every configured engine, once each, in batches. */
export async function announceToSearchEngines(
  post: Post,
  origin: string,
  urls: readonly string[],
  config: IndexingConfig,
): Promise<IndexingReport> {
  const report: IndexingReport = {};
  if (urls.length === 0) return report;
  if (config.indexNowKey) {
    const key = config.indexNowKey;
    const out = { sent: 0, taken: 0, problems: [] as string[] };
    for (let i = 0; i < urls.length; i += INDEXNOW_BATCH) {
      const batch = urls.slice(i, i + INDEXNOW_BATCH);
      out.sent += batch.length;
      const body = JSON.stringify({
        host: new URL(origin).host,
        key,
        keyLocation: url({ origin }, paths.keyFile(key)),
        urlList: batch,
      });
      const res = await send(post, INDEXNOW_ENDPOINT, "application/json; charset=utf-8", body);
      if (typeof res !== "string") await res.body?.cancel();
      if (typeof res === "string") out.problems.push(`indexnow: ${res}`);
      else if (res.status === 200 || res.status === 202) out.taken += batch.length;
      else out.problems.push(`indexnow: HTTP ${res.status}${res.status === 429 ? " (too many requests)" : ""}`);
    }
    report.indexNow = out;
  }
  if (config.baidu) {
    const { site, token } = config.baidu;
    const out: NonNullable<IndexingReport["baidu"]> = { sent: 0, taken: 0, problems: [] };
    const endpoint = `http://data.zz.baidu.com/urls?${new URLSearchParams({ site, token })}`;
    for (let i = 0; i < urls.length; i += BAIDU_BATCH) {
      const batch = urls.slice(i, i + BAIDU_BATCH);
      out.sent += batch.length;
      const res = await send(post, endpoint, "text/plain", batch.join("\n"));
      if (typeof res === "string") {
        out.problems.push(`baidu: ${res}`);
        continue;
      }
      const answer = (await res.json().catch(() => ({}))) as {
        success?: number;
        remain?: number;
        error?: number;
        message?: string;
      };
      if (!res.ok || answer.error !== undefined) {
        out.problems.push(`baidu: HTTP ${res.status}${answer.message ? ` ${answer.error} ${answer.message}` : ""}`);
        continue;
      }
      out.taken += answer.success ?? 0;
      if (answer.remain !== undefined) out.remain = answer.remain;
      if (answer.remain === 0) out.problems.push("baidu: the day's push quota is spent (remain 0)");
    }
    report.baidu = out;
  }
  return report;
}

/** One POST; the response, or what went wrong as text (never a throw). */
async function send(post: Post, url: string, type: string, body: string): Promise<Response | string> {
  try {
    return await post(url, {
      method: "POST",
      headers: { "content-type": type },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    return `no answer (${String(error)})`;
  }
}
