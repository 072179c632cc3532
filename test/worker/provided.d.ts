/** What test/setup/worker-content.ts provides to the worker tests (vitest's inject). */
import type { ContentModel } from "../../src/content/model.ts";

declare module "vitest" {
  export interface ProvidedContext {
    content: ContentModel;
  }
}
