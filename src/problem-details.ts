/**
 * RFC 9457 problem details: the JSON Schema of the body every API and oEmbed error carries, the one
 * definition of it. src/http/problem.ts derives its type from this schema and sends it; the OpenAPI
 * document (src/render/api/openapi.ts) publishes the same schema as its `Problem` component.
 *
 * A leaf module, like src/mime.ts (which holds its media type, RFC 9457 §3), because both layers
 * need it: renderers are pure and may not import src/http/ (rule render-is-pure in
 * .dependency-cruiser.mjs), and the HTTP layer, though it sits above the renderers, should not
 * depend on the API renderer for its own wire format. The type is derived with json-schema-to-ts,
 * which is types only: nothing of it reaches the worker.
 */
export const PROBLEM_SCHEMA = {
  type: "object",
  required: ["type", "title", "status", "detail"],
  // No additionalProperties: false: RFC 9457 §3.2 lets a problem type add extension members
  // (invalid_params is one) and tells clients to ignore those they do not know.
  properties: {
    /** §3.1.1: a URI reference naming the problem type; "about:blank" when only the status says it. */
    type: { type: "string" },
    /** §3.1.3. */
    title: { type: "string" },
    /** §3.1.2: the response's status code, repeated for the reader of the body. */
    status: { type: "integer", minimum: 400, maximum: 599 },
    /** §3.1.4. */
    detail: { type: "string" },
    /** §3.1.5. */
    instance: { type: "string" },
    /** An extension member (§3.2), after RFC 7807 §3's "invalid-params" example: which query parameter was wrong. */
    invalid_params: {
      type: "array",
      items: {
        type: "object",
        required: ["name", "reason"],
        properties: {
          name: { type: "string" },
          reason: { type: "string" },
          allowed: { type: "array", items: { type: "string" } },
        },
      },
    },
  },
} as const;
