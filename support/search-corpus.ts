/** The search test corpus (test/fixtures/search/) and its labelled queries, built in Node. */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { ContentModel } from "../src/content/model.ts";
import { buildContent, newestFirst } from "../scripts/content/index.ts";
import type { Labelled } from "./search-quality.ts";

const FIXTURE = join(import.meta.dirname, "../test/fixtures/search");

/** The corpus built like content/, with the seed article added (newest first), and its queries. */
export async function loadSearchCorpus(seed: ContentModel): Promise<{ corpus: ContentModel; queries: Labelled[] }> {
  const { model, issues } = await buildContent(FIXTURE);
  if (!model) throw new Error(`the search corpus does not build: ${JSON.stringify(issues)}`);
  const corpus = { ...model, articles: [...model.articles, ...seed.articles].sort(newestFirst) };
  const queries = (JSON.parse(await readFile(join(FIXTURE, "queries.json"), "utf8")) as { queries: Labelled[] })
    .queries;
  return { corpus, queries };
}
