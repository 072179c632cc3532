/** Types `env` and `exports` from "cloudflare:workers" (what `wrangler types` would generate). */
declare namespace Cloudflare {
  interface GlobalProps {
    mainModule: typeof import("./index.ts");
  }
  interface Env extends import("./env.ts").Env {}
}
