/**
 * `npm run deploy` (production) / `npm run deploy:staging`: check → wrangler deploy → warm. Each
 * step must succeed before the next starts, so broken content or a half-configured environment is
 * never deployed, and a deployed version is warmed before readers arrive.
 */
import { spawn } from "node:child_process";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { env: { type: "string", default: "production" } } });
const env = values.env;

function run(label: string, command: string, args: string[]): Promise<void> {
  console.error(`\ndeploy ${label}: ${command} ${args.join(" ")}`);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit" });
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${label} failed (exit ${code})`))));
  });
}

try {
  await run("[1/3] check", process.execPath, ["--experimental-strip-types", "scripts/check.ts", "--env", env]);
  await run("[2/3] upload", "npx", ["wrangler", "deploy", "--env", env]);
  await run("[3/3] warm", process.execPath, ["--experimental-strip-types", "scripts/warm.ts", "--env", env]);
  console.error(`\ndeploy: ${env} is live and warm. Roll back with: npx wrangler rollback --env ${env}`);
} catch (e) {
  console.error(`\ndeploy: stopped — ${(e as Error).message}. Nothing after that step ran.`);
  process.exit(1);
}
