/** workerd processes started by a benchmark and their resident memory (Linux /proc). */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

export function workerdPids(): number[] {
  try {
    return execFileSync("pgrep", ["-f", "workerd serve"], { encoding: "utf8" }).split("\n").filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** Resident set of these processes together, MiB (undefined when none is known). */
export function rssMiB(pids: readonly number[]): number | undefined {
  if (!pids.length) return undefined;
  let kib = 0;
  for (const pid of pids) {
    try {
      kib += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      // the process is gone
    }
  }
  return kib / 1024;
}
