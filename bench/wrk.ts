/** Drives a local URL with wrk (Debian's package) for a bounded time; loopback only. */
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";

export interface WrkResult {
  rps: number;
  /** Mean latency in ms. */
  latencyMs: number;
  p99Ms: number;
  non2xx3xx: number;
  requests: number;
}

/** Installs wrk (Debian's package) when it is missing. */
export function ensureWrk(): void {
  try {
    execFileSync("wrk", ["-v"], { stdio: "ignore" });
  } catch (e) {
    if ((e as { code?: string }).code !== "ENOENT") return; // wrk -v exits 1 but exists
    console.error("bench: installing wrk (Debian package)");
    execFileSync("apt-get", ["install", "-y", "-qq", "wrk"], { stdio: "inherit" });
  }
}

export async function wrk(
  url: string,
  seconds: number,
  headers: Record<string, string> = {},
  connections = 16,
): Promise<WrkResult> {
  if (!/^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(url))
    throw new Error(`refusing to load a non-loopback address: ${url}`);
  const args = [
    "-t1",
    `-c${connections}`,
    `-d${seconds}s`,
    "--latency",
    ...Object.entries(headers).flatMap(([k, v]) => ["-H", `${k}: ${v}`]),
    url,
  ];
  const { stdout } = await promisify(execFile)("wrk", args, { timeout: (seconds + 30) * 1000 });
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1]);
  const requests = Number(/(\d+) requests in/.exec(stdout)?.[1]);
  const non = Number(/Non-2xx or 3xx responses: (\d+)/.exec(stdout)?.[1] ?? 0);
  return {
    rps,
    latencyMs: toMs(/Latency\s+([\d.]+\w+)/.exec(stdout)?.[1]),
    p99Ms: toMs(/\s99%\s+([\d.]+\w+)/.exec(stdout)?.[1]),
    non2xx3xx: non,
    requests,
  };
}

function toMs(value: string | undefined): number {
  const m = /^([\d.]+)(us|ms|s)$/.exec(value ?? "");
  if (!m) return Number.NaN;
  const n = Number(m[1]);
  return m[2] === "us" ? n / 1000 : m[2] === "s" ? n * 1000 : n;
}
