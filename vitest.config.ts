import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        // The worker, inside workerd, with wrangler.toml's bindings (real local KV).
        plugins: [cloudflareTest({ wrangler: { configPath: "./wrangler.toml" } })],
        test: { name: "worker", include: ["test/worker/**/*.test.ts"], globalSetup: ["test/setup/worker-content.ts"] },
      },
      {
        // The build step and editor commands, in Node. Many tests run a whole build or a CLI as
        // a process: 30 s is a hang guard, not a speed target (those live in `npm run bench`).
        test: { name: "scripts", include: ["test/scripts/**/*.test.ts"], environment: "node", testTimeout: 30_000 },
      },
      {
        // Real browser against `wrangler dev`: Debian's Chromium through playwright-core.
        test: {
          name: "browser",
          include: ["test/browser/**/*.test.ts"],
          environment: "node",
          testTimeout: 30_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
