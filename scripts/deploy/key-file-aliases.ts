/**
 * Old URLs (front matter `aliases:`) against IndexNow's key file (issue 29): the worker answers
 * `/<key>.txt` with the key (src/routes/crawlers.ts) before it looks for an old URL, so an alias on
 * that path could never redirect; any other name of that shape goes on to the aliases. The key is
 * a deploy setting, not content (wrangler.toml `vars.INDEXNOW_KEY` per environment, or the shell's
 * INDEXNOW_KEY, as scripts/deploy/indexing.ts `deployIndexing` reads it; docs/deploy.md), so
 * `npm run check` compares every key a deploy may use with the built aliases.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { aliasKey, splitAliasKey } from "../../src/content/aliases.ts";
import type { ContentModel } from "../../src/content/model.ts";
import { paths } from "../../src/content/urls.ts";
import { indexingConfig } from "../../src/outbound/indexing.ts";
import { issue } from "../content/catalogue.ts";
import { parseYaml, splitFrontMatter } from "../content/frontmatter.ts";
import type { ContentIssue } from "../content/issues.ts";
import { ENVIRONMENTS } from "./readiness.ts";
import { readWranglerEnv } from "../wrangler/config.ts";

/** A key a deploy may serve, and where it is set (named in the problem an editor reads). */
export interface KeySource {
  key: string;
  source: string;
}

/** Every well-formed IndexNow key of wrangler.toml (top level and each environment) and of the shell. */
export async function indexNowKeys(root: string, shell: { INDEXNOW_KEY?: string } = process.env): Promise<KeySource[]> {
  const found: KeySource[] = [];
  const add = (value: string | undefined, source: string) => {
    const key = indexingConfig({ INDEXNOW_KEY: value }).indexNowKey;
    if (key) found.push({ key, source });
  };
  add((await readWranglerEnv(root)).vars.INDEXNOW_KEY, "wrangler.toml");
  for (const env of ENVIRONMENTS) {
    const config = await readWranglerEnv(root, env).catch(() => undefined);
    add(config?.vars.INDEXNOW_KEY, `wrangler.toml [env.${env}]`);
  }
  add(shell.INDEXNOW_KEY, "环境变量");
  return found;
}

/** An `alias-key-file` error for each alias whose path is one of `keys`' files, at its line. */
export async function keyFileAliases(
  root: string,
  model: Pick<ContentModel, "articles">,
  keys: readonly KeySource[],
): Promise<ContentIssue[]> {
  const issues: ContentIssue[] = [];
  if (keys.length === 0) return issues;
  for (const article of model.articles) {
    const hits = (article.aliases ?? []).flatMap((alias) => {
      const path = splitAliasKey(alias).path;
      return keys.filter((k) => path === paths.keyFile(k.key)).map((k) => ({ alias, source: k.source }));
    });
    if (hits.length === 0) continue;
    // The model keeps each alias's normal form; its line is that of the entry written so.
    const split = splitFrontMatter(await readFile(join(root, article.file), "utf8"));
    const yaml = "error" in split ? undefined : parseYaml(split.yaml ?? "", article.file, split.yamlLine);
    const written = (yaml?.data as { aliases?: unknown } | undefined)?.aliases;
    const list = Array.isArray(written) ? written : [];
    for (const { alias, source } of hits) {
      const i = list.findIndex((a) => typeof a === "string" && aliasKey(a) === alias);
      const at = yaml ? yaml.locate(i < 0 ? ["aliases"] : ["aliases", i]) : { line: 1, column: 1 };
      issues.push(
        issue(
          "alias-key-file",
          { file: article.file, ...at, field: "aliases" },
          { alias: i < 0 ? alias : list[i], source },
        ),
      );
    }
  }
  return issues;
}
