/**
 * The local front door `npm run dev` opens: /admin/ is the editor's desk (Decap CMS from
 * node_modules, its configuration from the schema, its backend over content/), everything else is
 * passed to `wrangler dev`, which serves the site as deployed (drafts included) and rebuilds it
 * when content/ changes. Only on 127.0.0.1, and only for what this server is (issue 29): every
 * request's Host must name it with its own port (DNS rebinding), every write must come from its
 * own origin exactly (a page on another localhost port is another site), and every path passed on
 * starts with a single `/` (`//host/…`, `/\host/…` and absolute-form targets would name another
 * server, whose page would then run on the desk's origin). Each desk answer forbids framing by
 * other sites and loading from anywhere else (CSP).
 */
import { createReadStream } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { createServer, request, type IncomingMessage, type ServerResponse } from "node:http";
import { join } from "node:path";
import { parse } from "yaml";
import { slugify } from "../content/scaffold.ts";
import { ARTICLES, createDesk, type DeskOptions } from "./backend.ts";
import { deskConfig, type DeskSite } from "./config.ts";
import { wechatCopy } from "./wechat.ts";
import { createDeployer } from "./deploy.ts";

const HERE = import.meta.dirname;
const DECAP_DIST = join(HERE, "../../node_modules/decap-cms/dist");
/** The largest save the desk reads: an article with a few pictures (25 MiB each, base64). */
const MAX_BODY = 120 * 2 ** 20;

export interface DeskServer {
  url: string;
  close(): Promise<void>;
}

export interface DeskServerOptions extends DeskOptions {
  root: string;
  /** Where the site itself runs (`wrangler dev`): every path outside /admin/ goes there. */
  upstream: string;
  port?: number;
  /** The environment the 部署 panel's deploy and wrangler run with (WRANGLER names wrangler). */
  deployEnv?: NodeJS.ProcessEnv;
}

/**
 * A request target the desk serves or passes on: origin-form, a path with one leading `/` (RFC
 * 9112 §3.2.1), no control characters or spaces (a URL parser drops tabs and newlines, which
 * could turn `/\t/host` into `//host`).
 */
const SITE_PATH = /^\/(?![/\\])[^\s\x00-\x1f\x7f]*$/;

/**
 * The desk's own pages load only from the desk: Decap CMS and desk.js are scripts from /admin/
 * (Decap validates its configuration with ajv, which compiles each schema with `new Function`:
 * 'unsafe-eval', for code those scripts make themselves), their styles are injected `<style>`
 * elements (emotion, desk.js), pictures are shown from data: and blob: URLs (an upload is read
 * back from its blob: URL by fetch), and the preview is a frame of /admin/preview/. No other site may frame them.
 */
const DESK_CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' blob:",
  "frame-src 'self'",
  "frame-ancestors 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "object-src 'none'",
].join("; ");

/** For a passed answer that has no CSP of its own: shown as text and styles, nothing run or loaded. */
const BARE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; base-uri 'none'";

const DESK_HEADERS = {
  "content-security-policy": DESK_CSP,
  "x-frame-options": "SAMEORIGIN",
  "x-content-type-options": "nosniff",
};

function send(res: ServerResponse, status: number, body: string | Buffer, type: string) {
  res.writeHead(status, { ...DESK_HEADERS, "content-type": type, "cache-control": "no-store" });
  res.end(body);
}

const json = (res: ServerResponse, status: number, value: unknown) =>
  send(res, status, JSON.stringify(value), "application/json; charset=utf-8");

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error("too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export async function startDeskServer({
  root,
  upstream,
  port = 0,
  deployEnv,
  ...options
}: DeskServerOptions): Promise<DeskServer> {
  const desk = createDesk(root, options);
  const deployer = createDeployer({ root, ...(deployEnv ? { env: deployEnv } : {}) });
  const site = async () => parse(await readFile(join(root, "content/site.yaml"), "utf8")) as DeskSite;

  async function admin(req: IncomingMessage, res: ServerResponse, path: string) {
    if (path === "/admin") return res.writeHead(301, { ...DESK_HEADERS, location: "/admin/" }).end();
    if (path === "/admin/" || path === "/admin/index.html")
      return send(res, 200, await readFile(join(HERE, "admin/index.html")), "text/html; charset=utf-8");
    const script = /^\/admin\/(desk|desk-list|publish|wechat)\.js$/.exec(path)?.[1];
    if (script)
      return send(res, 200, await readFile(join(HERE, `admin/${script}.js`)), "text/javascript; charset=utf-8");
    const decap = /^\/admin\/decap\/([\w.-]+\.js)$/.exec(path)?.[1];
    if (decap) {
      const file = join(DECAP_DIST, decap);
      if (!(await stat(file).catch(() => undefined))) return send(res, 404, "not found", "text/plain");
      res.writeHead(200, {
        ...DESK_HEADERS,
        "content-type": "text/javascript; charset=utf-8",
        "cache-control": "max-age=3600",
      });
      return void createReadStream(file).pipe(res);
    }
    if (path === "/admin/api/config") {
      // Decap's configuration, and what the desk's own widgets need beside it (desk.js).
      const current = await site();
      return json(res, 200, { ...deskConfig(current), desk: { timeZone: current.timeZone } });
    }
    if (path === "/admin/api/tags") return json(res, 200, await desk.tags());
    if (path === "/admin/api/deploy") {
      // The 部署 panel (deploy.ts): GET its state, what is not yet deployed and the trash; POST starts one.
      if (req.method !== "POST")
        return json(res, 200, { ...(await deployer.status()), trash: await desk.trash.list() });
      let call: { env?: unknown };
      try {
        call = JSON.parse(await readBody(req)) as typeof call;
      } catch (e) {
        return json(res, 400, { error: `the request is not JSON (${(e as Error).message})` });
      }
      const answer = await deployer.start(call.env);
      return json(res, answer.status, answer.body);
    }
    if (path === "/admin/api/wechat") {
      // 复制到公众号 (admin/wechat.js): the saved article as WeChat's editor keeps it.
      const answer = await wechatCopy(root, new URL(req.url ?? "", "http://desk").searchParams.get("slug") ?? "");
      return json(res, answer.status, answer.body);
    }
    if (path === "/admin/api/slug") {
      // As `npm run new`: pinyin of the title; a suffix when an article already has it.
      const title = new URL(req.url ?? "", "http://desk").searchParams.get("title") ?? "";
      const base = slugify(title);
      if (!base) return json(res, 200, { slug: "" });
      const taken = new Set(
        (await readdir(join(root, ARTICLES)).catch(() => [] as string[])).map((n) => n.replace(/\.md$/, "")),
      );
      let slug = base;
      for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
      return json(res, 200, { slug });
    }
    if (path === "/admin/api/v1" && req.method === "POST") {
      let call: { action?: unknown; params?: Record<string, unknown> };
      try {
        call = JSON.parse(await readBody(req)) as typeof call;
      } catch (e) {
        return json(res, 400, { error: `the request is not JSON (${(e as Error).message})` });
      }
      const answer = await desk.handle(call.action, call.params ?? {});
      return json(res, answer.status, answer.body);
    }
    return send(res, 404, "not found", "text/plain; charset=utf-8");
  }

  /**
   * A request for the site, passed to `wrangler dev` as it is. Under /admin/preview/ it is the
   * desk's preview of a page: the site forbids framing (CSP frame-ancestors 'none'), so the desk,
   * which frames it on its own origin, allows 'self' on that answer only. `path` starts with a
   * single `/` (SITE_PATH) and is set as the path of the upstream's own URL: it cannot name
   * another host.
   */
  function pass(req: IncomingMessage, res: ServerResponse, path: string, search: string, preview = false) {
    const target = new URL(upstream);
    target.pathname = path;
    target.search = search;
    const forward = request(
      target,
      { method: req.method, headers: { ...req.headers, host: target.host } },
      (answer) => {
        const headers = { ...answer.headers };
        // The site sends its CSP on every answer; one without (wrangler's own error page) would
        // run its scripts on the desk's origin: it gets one that runs nothing.
        headers["content-security-policy"] ??= BARE_CSP;
        if (preview) {
          const csp = headers["content-security-policy"];
          if (typeof csp === "string")
            headers["content-security-policy"] = csp.replace("frame-ancestors 'none'", "frame-ancestors 'self'");
          delete headers["x-frame-options"];
        }
        res.writeHead(answer.statusCode ?? 502, headers);
        answer.pipe(res);
      },
    );
    forward.on("error", () => send(res, 502, "网站还在启动(wrangler dev),请稍候刷新。", "text/plain; charset=utf-8"));
    req.pipe(forward);
  }

  /** The names this server answers to: itself, with its own port (set once it listens). */
  let own = new Set<string>();
  const server = createServer((req, res) => {
    const host = (req.headers.host ?? "").toLowerCase();
    if (!own.has(host))
      return send(
        res,
        403,
        `编辑台只回应本机地址 http://${[...own][0]}/(这次请求的 Host 是 ${JSON.stringify(req.headers.host ?? "")})`,
        "text/plain; charset=utf-8",
      );
    const target = req.url ?? "";
    if (!SITE_PATH.test(target))
      return send(
        res,
        400,
        "请求的路径须以单个 / 开头,例如 /admin/;不接受 // 或 /\\ 开头的路径和完整网址。",
        "text/plain; charset=utf-8",
      );
    if (req.method !== "GET" && req.method !== "HEAD" && req.headers.origin !== `http://${host}`)
      return send(
        res,
        403,
        `编辑台只接受来自它自己页面(http://${host})的修改,这次请求来自 ${JSON.stringify(req.headers.origin ?? "(未注明)")}`,
        "text/plain; charset=utf-8",
      );
    // Checked again once the URL parser has resolved dot segments (`%2e%2e` is `..`, `\\` is `/`):
    // /admin/preview/%2e%2e/%2e%2e//host would otherwise leave `//host` to pass on.
    const { pathname: path, search } = new URL(target, "http://desk");
    if (!SITE_PATH.test(path))
      return send(
        res,
        400,
        "请求的路径须以单个 / 开头,例如 /admin/;不接受解析后以 // 开头的路径。",
        "text/plain; charset=utf-8",
      );
    if (path !== "/admin" && !path.startsWith("/admin/")) return pass(req, res, path, search);
    if (path.startsWith("/admin/preview/") && req.method === "GET") {
      const inner = path.slice("/admin/preview".length);
      if (!SITE_PATH.test(inner))
        return send(res, 400, "预览的路径须以单个 / 开头,例如 /admin/preview/news/。", "text/plain; charset=utf-8");
      return pass(req, res, inner, search, true);
    }
    admin(req, res, path).catch((e: Error) => {
      console.error(e);
      if (!res.headersSent) json(res, 500, { error: `desk: ${e.message}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const { port: bound } = server.address() as { port: number };
  own = new Set([`127.0.0.1:${bound}`, `localhost:${bound}`]);
  return {
    url: `http://127.0.0.1:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
