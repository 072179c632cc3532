/**
 * The desk's 部署 panel, server side: runs `npm run deploy:staging` / `npm run deploy`'s own script
 * (scripts/deploy.ts: check → upload → warm → announce) as a child process with the editor's own
 * wrangler login, and reports its progress, its result with the live address, and what is saved on
 * this machine but not yet deployed (scripts/deploy/deployed.ts). One deploy at a time.
 *
 * wrangler is the one the scripts run (scripts/wrangler/bin.ts: its own bin script under this Node,
 * or the WRANGLER executable): its `whoami` decides, before anything runs, whether the editor is logged in.
 */
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { ENVIRONMENTS } from "../deploy/readiness.ts";
import { contentSnapshot, notDeployed, readDeployed } from "../deploy/deployed.ts";
import { wranglerCommand } from "../wrangler/bin.ts";
import { readWranglerEnv } from "../wrangler/config.ts";
import { paths, url } from "../../src/content/urls.ts";
import { readArticle } from "./article.ts";

/** The steps scripts/deploy.ts prints (`deploy [n/4] name: …`), as the panel names them. */
export const DEPLOY_STEPS = [
  { name: "check", label: "检查内容与配置" },
  { name: "upload", label: "上传到 Cloudflare" },
  { name: "warm", label: "预热缓存" },
  { name: "announce", label: "通知订阅与搜索引擎" },
] as const;

export const ENV_LABELS: Record<(typeof ENVIRONMENTS)[number], string> = {
  staging: "试运行网站(staging)",
  production: "正式网站(production)",
};

/** How an editor with no wrangler login sets one up (shown in the panel). */
export const LOGIN_HELP = [
  "这台电脑还没有登录 Cloudflare,不能部署。",
  "设置方法(只需一次):",
  "1. 打开“终端”,进入网站文件夹,运行 npx wrangler login;",
  "2. 浏览器会打开 Cloudflare 的登录页:用协会的 Cloudflare 账号登录,点“Allow”(允许);",
  "3. 终端显示 Successfully logged in 后,回到这里再点“开始部署”。",
  "没有账号或没有权限时,请联系网站管理员。",
];

export type DeployState = "idle" | "running" | "done" | "failed" | "login";

export interface DeployProgress {
  state: DeployState;
  env?: string;
  /** The step running or reached (1-4), 0 before the first. */
  step: number;
  steps: { name: string; label: string }[];
  /** The script's output, last lines first-to-last. */
  log: string[];
  /** Where the site is live (the environment's canonical origin), once deployed. */
  url?: string;
  /** In Chinese: what stopped it, or how to log in. */
  message?: string[];
  startedAt?: string;
  finishedAt?: string;
}

export interface DeployerOptions {
  root: string;
  /** The environment the deploy's script and wrangler run with (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** The clock (tests fix it). */
  now?: () => Date;
}

const LOG_LINES = 400;

/** An article path's title, for the list of what is not yet deployed. */
async function titleOf(root: string, path: string): Promise<string | undefined> {
  const text = await readFile(join(root, path), "utf8").catch(() => undefined);
  const title = text === undefined ? undefined : readArticle(text)?.data.title;
  return typeof title === "string" ? title : undefined;
}

export function createDeployer({ root, env = process.env, now = () => new Date() }: DeployerOptions) {
  let progress: DeployProgress = { state: "idle", step: 0, steps: [...DEPLOY_STEPS], log: [] };

  // The deploy's check refuses CONTENT_PREVIEW (npm run dev sets it for the preview build).
  const childEnv = () => {
    const e: NodeJS.ProcessEnv = { ...env, WRANGLER_SEND_METRICS: "false" };
    delete e.CONTENT_PREVIEW;
    return e;
  };

  /** wrangler whoami: logged in (with the account it names), not logged in, or not known (offline). */
  function whoami(): Promise<{ loggedIn: boolean | undefined; who?: string; output: string }> {
    const { command, args } = wranglerCommand(["whoami"], env);
    return new Promise((resolve) => {
      const child = spawn(command, args, { cwd: root, env: childEnv(), stdio: ["ignore", "pipe", "pipe"] });
      let output = "";
      child.stdout.on("data", (c: Buffer) => (output += c.toString()));
      child.stderr.on("data", (c: Buffer) => (output += c.toString()));
      child.once("error", (e) => resolve({ loggedIn: undefined, output: e.message }));
      child.once("close", () => {
        // wrangler 4 exits 0 either way: its words decide.
        if (/not authenticated|wrangler login/i.test(output) && !/You are logged in/i.test(output))
          resolve({ loggedIn: false, output });
        else if (/You are logged in/i.test(output))
          resolve({ loggedIn: true, who: /associated with the email (\S+?)\.?\s*$/m.exec(output)?.[1], output });
        else resolve({ loggedIn: undefined, output });
      });
    });
  }

  /** What is saved here but not in the environment's last deploy from this machine. */
  async function pending(envName: string) {
    const record = await readDeployed(root, envName);
    const current = await contentSnapshot(root);
    const diff = notDeployed(record?.files ?? {}, current);
    const article = (p: string) => p.startsWith("content/articles/") && p.endsWith(".md");
    const describe = async (paths: string[], gone = false) =>
      Promise.all(
        paths.filter(article).map(async (path) => ({ path, title: gone ? undefined : await titleOf(root, path) })),
      );
    return {
      env: envName,
      label: ENV_LABELS[envName as keyof typeof ENV_LABELS] ?? envName,
      lastDeploy: record ? { at: record.at, origin: record.origin } : undefined,
      added: await describe(diff.added),
      changed: await describe(diff.changed),
      removed: await describe(diff.removed, true),
      // Pictures, site settings, the id ledger: counted, not listed one by one.
      otherFiles: [...diff.added, ...diff.changed, ...diff.removed].filter((p) => !article(p)).length,
    };
  }

  async function status() {
    return {
      progress,
      environments: await Promise.all(ENVIRONMENTS.map((e) => pending(e))),
    };
  }

  /**
   * Starts a deploy to `envName` (answers at once; the panel polls `status`). Refused while one runs.
   */
  async function start(envName: unknown): Promise<{ status: number; body: unknown }> {
    if (typeof envName !== "string" || !(ENVIRONMENTS as readonly string[]).includes(envName))
      return { status: 422, body: { error: `没有这个部署环境:${String(envName)}(可选:${ENVIRONMENTS.join("、")})` } };
    if (progress.state === "running")
      return { status: 409, body: { error: "正在部署中,请等这次部署结束。", progress } };
    const startedAt = now().toISOString();
    progress = { state: "running", env: envName, step: 0, steps: [...DEPLOY_STEPS], log: [], startedAt };
    const login = await whoami();
    if (login.loggedIn === false) {
      progress = { ...progress, state: "login", message: LOGIN_HELP, finishedAt: now().toISOString() };
      return { status: 200, body: { progress } };
    }
    if (login.loggedIn === undefined) {
      progress = {
        ...progress,
        state: "failed",
        message: [
          "无法确认这台电脑是否已登录 Cloudflare(wrangler whoami 没有回答):请检查网络后再试。",
          ...login.output.trim().split("\n").slice(-3),
        ],
        finishedAt: now().toISOString(),
      };
      return { status: 200, body: { progress } };
    }
    const origin = await readWranglerEnv(root, envName)
      .then((c) => c.origin)
      .catch(() => undefined);
    progress.log.push(`已登录 Cloudflare${login.who ? `:${login.who}` : ""}`);
    const child = spawn(process.execPath, ["--experimental-strip-types", "scripts/deploy.ts", "--env", envName], {
      cwd: root,
      env: childEnv(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    const run = progress;
    let partial = "";
    const onData = (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split(/\r?\n/);
      partial = lines.pop() ?? "";
      for (const line of lines) {
        if (!line.trim()) continue;
        run.log.push(line);
        const step = /^deploy \[(\d)\/4\]/.exec(line);
        if (step) run.step = Number(step[1]);
      }
      if (run.log.length > LOG_LINES) run.log.splice(0, run.log.length - LOG_LINES);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("error", (e) => {
      run.state = "failed";
      run.message = [`部署没有开始:${e.message}`];
      run.finishedAt = now().toISOString();
    });
    child.once("close", (code) => {
      if (partial.trim()) run.log.push(partial);
      run.finishedAt = now().toISOString();
      if (code === 0) {
        run.state = "done";
        if (origin) run.url = url({ origin }, paths.home);
        run.message = [`已部署到${ENV_LABELS[envName as keyof typeof ENV_LABELS]}:读者现在看到的是这次保存的内容。`];
      } else {
        run.state = "failed";
        const stepLabel = run.step ? DEPLOY_STEPS[run.step - 1]!.label : "开始";
        run.message = [
          `部署在“${stepLabel}”这一步停止,网站上仍是上一次部署的内容。`,
          run.step <= 1
            ? "请按下面记录中列出的问题修改文章(编辑台保存时也会显示在字段下),然后再部署。"
            : "请把下面的记录发给网站管理员。",
        ];
      }
    });
    return { status: 202, body: { progress } };
  }

  return { status, start, whoami };
}

export type Deployer = ReturnType<typeof createDeployer>;
