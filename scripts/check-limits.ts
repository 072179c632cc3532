/** Workers limits (developers.cloudflare.com/workers/platform/limits/): compressed script size. */
export const LIMITS = { paidGzip: 10 * 1024 * 1024, freeGzip: 3 * 1024 * 1024 };
