/** Types `env` and `exports` from "cloudflare:workers" (what `wrangler types` would generate). */
type ProjectEnv = import("./env.ts").Env;

declare namespace Cloudflare {
  interface GlobalProps {
    mainModule: typeof import("./index.ts");
  }
  interface Env extends ProjectEnv {}
}
