/**
 * Workers limits that bound a deploy (developers.cloudflare.com/workers/platform/limits/ and
 * /workers/static-assets/, as of November 2026): the script size is measured uncompressed on every
 * plan (the 3 MiB / 10 MiB compressed limits were removed in September 2026); the global scope
 * must start within 1 s; Static Assets allow 20,000 files per version on Free, 100,000 on Paid, at
 * most 25 MiB each.
 */
export const LIMITS = {
  scriptBytes: 64 * 1024 * 1024,
  startupMs: 1000,
  assetFiles: { free: 20_000, paid: 100_000 },
  assetFileBytes: 25 * 1024 * 1024,
};
