/** What test/setup/worker-content.ts provides to the worker tests (vitest's inject). */
import type { ContentModel } from "../../src/content/model.ts";
import type { Labelled } from "../../support/search-quality.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** The tests' own site (test/fixtures/site/) as the build makes it. */
    site: ContentModel;
    /** The search test corpus (test/fixtures/search/) with the fixture's seed article, newest first. */
    searchCorpus: ContentModel;
    /** Its labelled queries (test/fixtures/search/queries.json). */
    searchQueries: Labelled[];
  }
}
