/**
 * The local front door `npm run dev` opens: /admin/ is the editor's desk (Decap CMS from
 * node_modules, its configuration from the schema, its backend over content/), everything else is
 * passed to `wrangler dev`, which serves the site as deployed (drafts included) and rebuilds it
 * when content/ changes. Only on 127.0.0.1, and only for requests that name this machine
 * (Host, and Origin on writes): a page elsewhere cannot drive the desk through the editor's
 * browser (DNS rebinding, cross-site POSTs).
 */
import { createReadStream } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { createServer, request, type IncomingMessage, type ServerResponse } from "node:http";
import { join } from "node:path";
import { parse } from "yaml";
import { slugify } from "../content/scaffold.ts";
import { ARTICLES, createDesk, type DeskOptions } from "./backend.ts";
import { deskConfig, type DeskSite } from "./config.ts";

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
}

const local = (host: string | undefined) => !!host && /^(?:127\.0\.0\.1|localhost|\[::1\])(?::\d+)?$/i.test(host);

function send(res: ServerResponse, status: number, body: string | Buffer, type: string) {
  res.writeHead(status, {
    "content-type": type,
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  });
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
  ...options
}: DeskServerOptions): Promise<DeskServer> {
  const desk = createDesk(root, options);
  const site = async () => parse(await readFile(join(root, "content/site.yaml"), "utf8")) as DeskSite;

  async function admin(req: IncomingMessage, res: ServerResponse, path: string) {
    if (path === "/admin") return res.writeHead(301, { location: "/admin/" }).end();
    if (path === "/admin/" || path === "/admin/index.html")
      return send(res, 200, await readFile(join(HERE, "admin/index.html")), "text/html; charset=utf-8");
    if (path === "/admin/desk.js")
      return send(res, 200, await readFile(join(HERE, "admin/desk.js")), "text/javascript; charset=utf-8");
    const decap = /^\/admin\/decap\/([\w.-]+\.js)$/.exec(path)?.[1];
    if (decap) {
      const file = join(DECAP_DIST, decap);
      if (!(await stat(file).catch(() => undefined))) return send(res, 404, "not found", "text/plain");
      res.writeHead(200, { "content-type": "text/javascript; charset=utf-8", "cache-control": "max-age=3600" });
      return void createReadStream(file).pipe(res);
    }
    if (path === "/admin/api/config") {
      // Decap's configuration, and what the desk's own widgets need beside it (desk.js).
      const current = await site();
      return json(res, 200, { ...deskConfig(current), desk: { timeZone: current.timeZone } });
    }
    if (path === "/admin/api/tags") return json(res, 200, await desk.tags());
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
   * which frames it on its own origin, allows 'self' on that answer only.
   */
  function pass(req: IncomingMessage, res: ServerResponse, preview = false) {
    const target = new URL(preview ? (req.url ?? "/").slice("/admin/preview".length) : (req.url ?? "/"), upstream);
    const forward = request(
      target,
      { method: req.method, headers: { ...req.headers, host: target.host } },
      (answer) => {
        const headers = { ...answer.headers };
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

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://desk").pathname;
    if (path !== "/admin" && !path.startsWith("/admin/")) return pass(req, res);
    if (path.startsWith("/admin/preview/") && req.method === "GET" && local(req.headers.host))
      return pass(req, res, true);
    const origin = req.headers.origin;
    if (
      !local(req.headers.host) ||
      (req.method !== "GET" && origin !== undefined && !local(origin.replace(/^https?:\/\//, "")))
    )
      return send(res, 403, "the editor's desk answers only this machine (http://127.0.0.1)", "text/plain");
    admin(req, res, path).catch((e: Error) => {
      console.error(e);
      if (!res.headersSent) json(res, 500, { error: `desk: ${e.message}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const { port: bound } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
