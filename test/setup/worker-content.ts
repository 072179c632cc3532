/**
 * Runs in Node before the worker tests: builds the tests' own site (test/fixtures/site/, never the
 * repository's content/, which editors change every day) the way `npm run build` does and hands
 * the model to the tests (vitest's provide/inject), so they can pack it, or variants of it, into an
 * in-memory content store. Also builds the search test corpus (test/fixtures/search/), with the
 * fixture's seed article among its articles.
 */
import type { TestProject } from "vitest/node";
import { loadSearchCorpus } from "../../support/search-corpus.ts";
import { buildContent } from "../../scripts/content/index.ts";
import { FIXTURE_SITE } from "../support/project.ts";
import { SEED_SLUG } from "../support/site.ts";
import "../worker/provided.d.ts";

export default async function setup(project: TestProject): Promise<void> {
  const { model, issues } = await buildContent(FIXTURE_SITE);
  if (!model) throw new Error(`test/fixtures/site does not build: ${JSON.stringify(issues)}`);
  project.provide("site", model);
  const seedOnly = { ...model, articles: model.articles.filter((a) => a.slug === SEED_SLUG) };
  const { corpus, queries } = await loadSearchCorpus(seedOnly);
  project.provide("searchCorpus", corpus);
  project.provide("searchQueries", queries);
}
