/**
 * How the scripts run wrangler: its own bin script under this Node (process.execPath), or the
 * executable the WRANGLER environment variable names (a wrangler installed elsewhere, or a
 * stand-in that records the calls). One place, so `npm run deploy` and the desk's 部署 panel run
 * the same wrangler at every step (check's dry run and startup profile, the upload, warm's KV
 * write, whoami), and the tests' `wrangler dev` too.
 *
 * Never `npx wrangler`: under the README's `npx -y -p node@24 -c 'npm test'` (a machine whose Node
 * is older than "engines"), npm leaves npm_config_call in the environment and every nested npx
 * stops with EUSAGE (issue 31 part 5); and npx is one process more between a script and wrangler.
 */
import { join } from "node:path";

export const WRANGLER_BIN = join(import.meta.dirname, "../../node_modules/wrangler/bin/wrangler.js");

export function wranglerCommand(
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): { command: string; args: string[] } {
  const bin = env.WRANGLER?.trim();
  return bin ? { command: bin, args: [...args] } : { command: process.execPath, args: [WRANGLER_BIN, ...args] };
}
