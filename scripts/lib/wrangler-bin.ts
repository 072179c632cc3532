/**
 * How the scripts run wrangler: `npx wrangler …` from the project, or the executable the WRANGLER
 * environment variable names (a wrangler installed elsewhere, or a stand-in that records the calls).
 * One place, so `npm run deploy` and the desk's 部署 panel run the same wrangler at every step
 * (check's dry run and startup profile, the upload, warm's KV write, whoami).
 */
export function wranglerCommand(
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): { command: string; args: string[] } {
  const bin = env.WRANGLER?.trim();
  return bin ? { command: bin, args: [...args] } : { command: "npx", args: ["wrangler", ...args] };
}
