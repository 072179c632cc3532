/**
 * What a deploy to an environment needs that local development does not: a real canonical origin,
 * its own KV namespace, and no preview mode. Problems are reported against wrangler.toml's lines.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { ContentIssue } from "../content/issues.ts";
import { readWranglerEnv } from "../wrangler/config.ts";

export const ENVIRONMENTS = ["staging", "production"] as const;

export async function deployReadiness(root: string, env: string): Promise<ContentIssue[]> {
  const toml = await readFile(join(root, "wrangler.toml"), "utf8");
  const lineOf = (needle: string) => Math.max(1, toml.split("\n").findIndex((l) => l.includes(needle)) + 1);
  const issue = (needle: string, field: string, message: string, hint: string): ContentIssue => ({
    severity: "error",
    file: "wrangler.toml",
    line: lineOf(needle),
    column: 1,
    field,
    message,
    hint,
  });
  const issues: ContentIssue[] = [];
  const config = await readWranglerEnv(root, env);
  if (!config.vars.SITE_ORIGIN) {
    issues.push(
      issue(
        `[env.${env}]`,
        `env.${env}.vars.SITE_ORIGIN`,
        "no canonical origin is configured",
        `add vars = { SITE_ORIGIN = "https://news.example.org" } under [env.${env}] (see docs/deploy.md)`,
      ),
    );
  } else if (!/^https:\/\/[^/?#\s]+$/.test(config.vars.SITE_ORIGIN) || /\.example$/.test(config.vars.SITE_ORIGIN)) {
    issues.push(
      issue(
        config.vars.SITE_ORIGIN,
        `env.${env}.vars.SITE_ORIGIN`,
        `"${config.vars.SITE_ORIGIN}" is not a real https origin (a .example placeholder?)`,
        `set the site's real address, e.g. SITE_ORIGIN = "https://news.your-domain.cn" (docs/deploy.md)`,
      ),
    );
  }
  if (!config.kvId || !/^[0-9a-f]{32}$/.test(config.kvId) || /^0{30}/.test(config.kvId)) {
    issues.push(
      issue(
        config.kvId ?? `[env.${env}]`,
        `env.${env}.kv_namespaces.RENDER_CACHE.id`,
        `the KV namespace id ${config.kvId ? `"${config.kvId}" is a placeholder` : "is missing"}`,
        `run \`npx wrangler kv namespace create RENDER_CACHE --env ${env}\` and put the id it prints here`,
      ),
    );
  }
  if (config.vars.PREVIEW) {
    issues.push(
      issue(
        "PREVIEW",
        `env.${env}.vars.PREVIEW`,
        "preview mode would show drafts to everyone",
        `remove PREVIEW from [env.${env}]; it belongs to npm run dev only`,
      ),
    );
  }
  const others = await Promise.all(
    ENVIRONMENTS.filter((e) => e !== env).map((e) => readWranglerEnv(root, e).catch(() => undefined)),
  );
  for (const other of others) {
    if (other?.kvId && other.kvId === config.kvId && !/^0{30}/.test(config.kvId)) {
      issues.push(
        issue(
          config.kvId,
          `env.${env}.kv_namespaces.RENDER_CACHE.id`,
          "shares its KV namespace with another environment",
          "each environment needs its own namespace: renders carry their origin",
        ),
      );
    }
  }
  return issues;
}
