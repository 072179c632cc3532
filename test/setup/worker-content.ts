/**
 * Runs in Node before the worker tests: builds content/ the way `npm run build` does and hands the
 * model to the tests (vitest's provide/inject), so they can pack it, or variants of it, into an
 * in-memory content store. The deployed path (the store in public/_store/ read through ASSETS) is
 * what `npm run build` wrote, exercised by the tests that go through the worker's own fetch.
 * Also builds the search test corpus (test/fixtures/search/), with the seed among its articles.
 */
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { loadSearchCorpus } from "../../support/search-corpus.ts";
import { buildContent } from "../../scripts/content/index.ts";
import "../worker/provided.d.ts";

export default async function setup(project: TestProject): Promise<void> {
  const { model, issues } = await buildContent(join(import.meta.dirname, "../.."));
  if (!model) throw new Error(`content/ does not build: ${JSON.stringify(issues)}`);
  project.provide("content", model);
  const { corpus, queries } = await loadSearchCorpus(model);
  project.provide("searchCorpus", corpus);
  project.provide("searchQueries", queries);
}
