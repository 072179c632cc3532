/**
 * The desk serves only itself (issue 29, part 1): the dev front server (scripts/desk/server.ts)
 * passes on only paths of its own upstream, answers only requests that name it, takes writes only
 * from its own origin and sends its CSP; the backend (scripts/desk/backend.ts) reads and writes
 * no symbolic link in content/; `npm run dev` (scripts/dev.ts) leaves no process behind.
 * Requests are written by hand (node:http sends path and Host as given), as an attacker's would be.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, readFile, readdir, rm, symlink, writeFile, access } from "node:fs/promises";
import { createServer, request, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDesk } from "../../scripts/desk/backend.ts";
import { startDeskServer, type DeskServer } from "../../scripts/desk/server.ts";
import { toDecap } from "../../scripts/desk/article.ts";
import { freePort } from "../../scripts/wrangler/dev-server.ts";
import { fixtureProject, FIXTURE_SITE } from "../support/project.ts";

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request with exactly this target and these headers (Host included). */
function raw(
  port: number,
  path: string,
  { method = "GET", headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port, path, method, headers: { host: `127.0.0.1:${port}`, ...headers }, agent: false },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** A server that answers every request with its name and the path it was asked for. */
async function namedServer(name: string): Promise<{ server: Server; port: number; seen: string[] }> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(req.url ?? "");
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`${name} ${req.url}`);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { server, port: (server.address() as { port: number }).port, seen };
}

/** The desk's CSP: everything from itself only, framed only by itself. */
const CSP =
  "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "font-src 'self' data:; connect-src 'self' blob:; frame-src 'self'; frame-ancestors 'self'; form-action 'self'; " +
  "base-uri 'none'; object-src 'none'";

const portOf = (url: string) => Number(new URL(url).port);
const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

describe("the desk's front server", () => {
  let root: string;
  let site: Awaited<ReturnType<typeof namedServer>>;
  let evil: Awaited<ReturnType<typeof namedServer>>;
  let desk: DeskServer;
  let port: number;

  beforeAll(async () => {
    root = await fixtureProject();
    site = await namedServer("site");
    evil = await namedServer("evil");
    desk = await startDeskServer({ root, upstream: `http://127.0.0.1:${site.port}` });
    port = portOf(desk.url);
  });
  afterAll(async () => {
    await desk.close();
    site.server.close();
    evil.server.close();
    await rm(root, { recursive: true, force: true });
  });
  beforeEach(() => {
    site.seen.length = 0;
    evil.seen.length = 0;
  });

  it("passes a site path with its query to its own upstream", async () => {
    const answer = await raw(port, "/news/?page=2");
    expect([answer.status, answer.body]).toEqual([200, "site /news/?page=2"]);
  });

  it.each([
    ["//", `//127.0.0.1:EVIL/evil.html`],
    ["/\\", `/\\127.0.0.1:EVIL/evil.html`],
    ["preview //", `/admin/preview//127.0.0.1:EVIL/evil.html`],
    ["preview /\\", `/admin/preview/\\127.0.0.1:EVIL/evil.html`],
    ["absolute form", `http://127.0.0.1:EVIL/evil.html`],
    // Dot segments the URL parser resolves (%2e%2e is `..`, `\` is `/`) climb out of /admin/preview/
    // and leave `//host` behind: the path is checked again once resolved.
    ["preview %2e%2e", `/admin/preview/%2e%2e/%2e%2e//127.0.0.1:EVIL/evil.html`],
    ["preview \\..", `/admin/preview\\..\\..\\/127.0.0.1:EVIL/evil.html`],
  ])("refuses a target naming another host (%s) with a 400, asking no server", async (_, shape) => {
    const answer = await raw(port, shape.replace("EVIL", String(evil.port)));
    expect(answer.status).toBe(400);
    expect(answer.body).toMatch(/须以单个 \/ 开头/);
    expect([evil.seen, site.seen]).toEqual([[], []]);
  });

  it("refuses a foreign Host on a site path (DNS rebinding), asking no server", async () => {
    const answer = await raw(port, "/", { headers: { host: `rebind.example:${port}` } });
    expect(answer.status).toBe(403);
    expect(site.seen).toEqual([]);
  });

  it("refuses its own address with another port as Host", async () => {
    const answer = await raw(port, "/admin/api/config", { headers: { host: `127.0.0.1:${port + 1}` } });
    expect(answer.status).toBe(403);
    expect(answer.body).toContain(`http://127.0.0.1:${port}/`);
  });

  it("answers localhost with its own port", async () => {
    expect((await raw(port, "/admin/api/tags", { headers: { host: `localhost:${port}` } })).status).toBe(200);
  });

  const deleting = JSON.stringify({
    action: "deleteFiles",
    params: { paths: ["content/articles/member-congress-2026.md"] },
  });

  it("refuses a write from another localhost port, deleting nothing", async () => {
    const answer = await raw(port, "/admin/api/v1", {
      method: "POST",
      headers: { origin: `http://localhost:${evil.port}`, "content-type": "text/plain" },
      body: deleting,
    });
    expect(answer.status).toBe(403);
    expect(await exists(join(root, "content/articles/member-congress-2026.md"))).toBe(true);
  });

  it("refuses a write without an Origin", async () => {
    const answer = await raw(port, "/admin/api/v1", { method: "POST", body: deleting });
    expect(answer.status).toBe(403);
    expect(await exists(join(root, "content/articles/member-congress-2026.md"))).toBe(true);
  });

  it("refuses a write to a site path from another origin, asking no server", async () => {
    const answer = await raw(port, "/search", { method: "POST", headers: { origin: "http://evil.example" } });
    expect(answer.status).toBe(403);
    expect(site.seen).toEqual([]);
  });

  it("takes a write from its own origin", async () => {
    const answer = await raw(port, "/admin/api/v1", {
      method: "POST",
      headers: { origin: `http://127.0.0.1:${port}` },
      body: JSON.stringify({ action: "getMedia", params: {} }),
    });
    expect(answer.status).toBe(200);
  });

  it("sends /admin/ with a CSP allowing only itself, framed only by itself", async () => {
    const answer = await raw(port, "/admin/");
    expect(answer.status).toBe(200);
    expect(answer.headers["content-security-policy"]).toBe(CSP);
    expect(answer.headers["x-frame-options"]).toBe("SAMEORIGIN");
  });

  it("sends a CSP on a passed answer that has none (wrangler's own error page), framed only by itself", async () => {
    const bare = createServer((_, res) => {
      res.writeHead(500, { "content-type": "text/html; charset=utf-8" });
      res.end("<script>document.title = 'ran'</script>");
    });
    await new Promise<void>((r) => bare.listen(0, "127.0.0.1", r));
    const other = await startDeskServer({
      root,
      upstream: `http://127.0.0.1:${(bare.address() as { port: number }).port}`,
    });
    try {
      for (const path of ["/admin/preview/news/", "/news/"]) {
        const answer = await raw(portOf(other.url), path);
        expect([answer.status, answer.headers["content-security-policy"]], path).toEqual([
          500,
          "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; base-uri 'none'",
        ]);
      }
    } finally {
      await other.close();
      bare.close();
    }
  });

  it("sends the same CSP on the desk's other answers (API, scripts, refusals)", async () => {
    for (const path of ["/admin/api/config", "/admin/desk.js", "/admin/nothing", "//evil.example/"])
      expect((await raw(port, path)).headers["content-security-policy"], path).toBe(CSP);
  });
});

describe("the desk backend and symbolic links in content/", () => {
  let root: string;
  let outside: string;

  beforeEach(async () => {
    root = await fixtureProject();
    outside = await mkdtemp(join(tmpdir(), "desk-lock-outside-"));
  });
  afterEach(async () => {
    await rm(outside, { recursive: true, force: true });
    await rm(root, { recursive: true, force: true });
  });

  const secret = async () => {
    const file = join(outside, "secret.png");
    await writeFile(file, "root:x:0:0:root:/root:/bin/bash\n");
    return file;
  };

  it("refuses to read a picture that is a link to a file outside the project", async () => {
    await symlink(await secret(), join(root, "content/media/x.png"));
    const answer = await createDesk(root).handle("getMediaFile", { path: "content/media/x.png" });
    expect(answer.status).toBe(403);
    expect((answer.body as { error: string }).error).toMatch(
      /^content\/media\/x\.png 是符号链接:编辑台不经符号链接读写/,
    );
  });

  it("leaves a linked picture out of the media library", async () => {
    await symlink(await secret(), join(root, "content/media/x.png"));
    const answer = await createDesk(root).handle("getMedia");
    expect((answer.body as { name: string }[]).map((f) => f.name)).not.toContain("x.png");
  });

  it("refuses to open an article that is a link, and leaves it out of the list", async () => {
    await writeFile(join(outside, "a.md"), "---\ntitle: 外面\ncategory: 协会动态\ndate: 2026-01-01\n---\n\n外面。\n");
    await symlink(join(outside, "a.md"), join(root, "content/articles/wai-mian.md"));
    const desk = createDesk(root);
    expect((await desk.handle("getEntry", { path: "content/articles/wai-mian.md" })).status).toBe(403);
    const listed = (await desk.handle("entriesByFolder")).body as { file: { path: string } }[];
    expect(listed.map((e) => e.file.path)).not.toContain("content/articles/wai-mian.md");
  });

  it("refuses a save through a dangling link, creating nothing outside the project", async () => {
    await symlink(join(outside, "made.md"), join(root, "content/articles/xin-wen.md"));
    const answer = await createDesk(root).handle("persistEntry", {
      dataFiles: [
        {
          path: "content/articles/xin-wen.md",
          raw: toDecap({ data: { title: "新闻", category: "协会动态", date: "2026-11-20T14:30" }, body: "正文。\n" }),
        },
      ],
      assets: [],
      options: { newEntry: true },
    });
    expect(answer.status).toBe(403);
    expect((answer.body as { error: string }).error).toMatch(/^content\/articles\/xin-wen\.md 是符号链接/);
    expect(await readdir(outside)).toEqual([]);
  });

  it("refuses a picture upload through a dangling link", async () => {
    await symlink(join(outside, "made.png"), join(root, "content/media/made.png"));
    const png = await readFile(join(FIXTURE_SITE, "content/media/huiyi.png"));
    const answer = await createDesk(root).handle("persistMedia", {
      asset: { path: "content/media/made.png", content: png.toString("base64") },
    });
    expect(answer.status).toBe(403);
    expect(await readdir(outside)).toEqual([]);
  });

  it("refuses a save when content/articles/ itself is a link", async () => {
    await rm(join(root, "content/articles"), { recursive: true });
    await symlink(outside, join(root, "content/articles"));
    const answer = await createDesk(root).handle("persistEntry", {
      dataFiles: [
        {
          path: "content/articles/xin-wen.md",
          raw: toDecap({ data: { title: "新闻", category: "协会动态", date: "2026-11-20T14:30" }, body: "正文。\n" }),
        },
      ],
      assets: [],
      options: { newEntry: true },
    });
    expect(answer.status).toBe(403);
    expect((answer.body as { error: string }).error).toMatch(/^content\/articles 是符号链接/);
    expect(await readdir(outside)).toEqual([]);
  });
});

describe("npm run dev stopped", () => {
  /** pid → parent pid of every process on this machine (Linux /proc). */
  async function parents(): Promise<Map<number, number>> {
    const map = new Map<number, number>();
    for (const name of await readdir("/proc")) {
      if (!/^\d+$/.test(name)) continue;
      const stat = await readFile(`/proc/${name}/stat`, "utf8").catch(() => "");
      // pid (comm) state ppid …: comm may hold spaces and parentheses, so read after the last ")".
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (stat) map.set(Number(name), ppid);
    }
    return map;
  }
  async function descendants(pid: number): Promise<number[]> {
    const map = await parents();
    const found: number[] = [];
    const walk = (p: number) => {
      for (const [child, parent] of map)
        if (parent === p) {
          found.push(child);
          walk(child);
        }
    };
    walk(pid);
    return found;
  }
  /** Still running: there, and not a zombie waiting to be reaped. */
  const alive = (pid: number) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
    } catch {
      return false;
    }
  };

  // As an editor stops it (Ctrl-C: SIGINT), as a tool stops it (SIGTERM), and through npm, which
  // passes SIGTERM to the shell running the script (that shell ends without passing it on).
  it.each([
    ["scripts/dev.ts", "SIGTERM"],
    ["scripts/dev.ts", "SIGINT"],
    ["npm run dev", "SIGTERM"],
  ] as const)(
    "%s stopped by %s leaves no wrangler or workerd running",
    async (how, signal) => {
      const root = await fixtureProject({ build: true });
      const port = await freePort();
      const env = { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" };
      const dev =
        how === "npm run dev"
          ? spawn("npm", ["run", "dev", "--", "--port", String(port)], {
              cwd: root,
              stdio: ["ignore", "pipe", "pipe"],
              env,
            })
          : spawn(process.execPath, ["--experimental-strip-types", "scripts/dev.ts", "--port", String(port)], {
              cwd: root,
              stdio: ["ignore", "pipe", "pipe"],
              env,
            });
      let output = "";
      dev.stdout.on("data", (c: Buffer) => (output += c.toString()));
      dev.stderr.on("data", (c: Buffer) => (output += c.toString()));
      let children: number[] = [];
      try {
        // Up when the site answers through the desk, with workerd running behind wrangler.
        const until = Date.now() + 90_000;
        for (;;) {
          const status = await raw(port, "/").then(
            (a) => a.status,
            () => 0,
          );
          if (status === 200) break;
          if (Date.now() > until || dev.exitCode !== null) throw new Error(`npm run dev did not start:\n${output}`);
          await new Promise((r) => setTimeout(r, 500));
        }
        children = await descendants(dev.pid!);
        const names = await Promise.all(children.map((p) => readFile(`/proc/${p}/comm`, "utf8").catch(() => "")));
        expect(names.join(" ")).toMatch(/workerd/);
        const exited = new Promise((r) => dev.once("exit", r));
        dev.kill(signal);
        await exited;
        // wrangler is given 5 s to stop workerd before its group is killed.
        await new Promise((r) => setTimeout(r, 7000));
        expect(children.filter(alive)).toEqual([]);
      } finally {
        for (const pid of children.filter(alive)) process.kill(pid, "SIGKILL");
        if (dev.exitCode === null) dev.kill("SIGKILL");
        await rm(root, { recursive: true, force: true });
      }
    },
    150_000,
  );
});
