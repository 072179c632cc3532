/**
 * Reads what the scripts need from wrangler.toml for one environment: its vars, its KV namespace
 * id, and its canonical origin (SITE_ORIGIN, else content/site.yaml's origin).
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "yaml";

export interface WranglerEnv {
  name?: string;
  vars: Record<string, string>;
  kvId?: string;
  origin: string;
}

export async function readWranglerEnv(root: string, env?: string): Promise<WranglerEnv> {
  const { experimental_readRawConfig } = await import("wrangler");
  const { rawConfig } = experimental_readRawConfig({ config: join(root, "wrangler.toml") });
  const raw = rawConfig as Record<string, any>;
  const scope = env ? raw.env?.[env] : raw;
  if (env && !scope) throw new Error(`wrangler.toml has no [env.${env}]`);
  const vars: Record<string, string> = { ...(scope.vars ?? {}) };
  const kvId = (scope.kv_namespaces as { binding: string; id?: string }[] | undefined)?.find(
    (k) => k.binding === "RENDER_CACHE",
  )?.id;
  const site = parse(await readFile(join(root, "content/site.yaml"), "utf8")) as { origin: string };
  return { name: scope.name ?? raw.name, vars, kvId, origin: vars.SITE_ORIGIN || site.origin };
}
