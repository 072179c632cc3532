/** The machine and versions a result was measured with. */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import type { Machine } from "./results.ts";

export function machine(root: string): Machine {
  const pkg = (name: string) => {
    try {
      return (JSON.parse(readFileSync(join(root, "node_modules", name, "package.json"), "utf8")) as { version: string })
        .version;
    } catch {
      return "?";
    }
  };
  const tool = (cmd: string, args: string[], re: RegExp) => {
    try {
      return re.exec(execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }))?.[1] ?? "?";
    } catch (e) {
      return re.exec(String((e as { stdout?: string }).stdout ?? ""))?.[1] ?? "not installed";
    }
  };
  return {
    date: new Date().toISOString().slice(0, 10),
    cpu: cpus()[0]?.model ?? "?",
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    versions: {
      wrangler: pkg("wrangler"),
      workerd: pkg("workerd"),
      miniflare: pkg("miniflare"),
      hono: pkg("hono"),
      wrk: tool("wrk", ["-v"], /wrk (?:debian\/)?([\d.]+)/),
      hugo: tool("hugo", ["version"], /hugo v?([\d.]+)/),
    },
  };
}
