/** Validates API responses against the served OpenAPI 3.1 document (JSON Schema 2020-12). */
import { Validator } from "@cfworker/json-schema";
import { expect } from "vitest";

type Doc = {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>
  >;
  components: object;
};

/**
 * Finds the schema the document promises for `path` (an OpenAPI path template under /api/v1),
 * `status` and `contentType`, and asserts that `body` satisfies it.
 */
export function expectMatchesContract(
  doc: Doc,
  path: string,
  status: number,
  contentType: string,
  body: unknown,
): void {
  const op = doc.paths[path]?.get;
  expect(op, `no GET ${path} in the OpenAPI document`).toBeDefined();
  const response = op!.responses[String(status)];
  expect(response, `GET ${path} does not document status ${status}`).toBeDefined();
  const mediaType = contentType.split(";")[0]!.trim();
  const media = response!.content?.[mediaType];
  expect(media, `GET ${path} ${status} does not document ${mediaType}`).toBeDefined();
  const validator = new Validator({ ...media!.schema, components: doc.components } as object, "2020-12", false);
  const result = validator.validate(body);
  expect(result.errors.map((e) => `${e.instanceLocation}: ${e.error}`)).toEqual([]);
}
