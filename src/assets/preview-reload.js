// Local preview only (npm run dev): reload the page when the worker restarts with new content or
// code. /__preview/version answers the build's versions; wrangler dev rebuilds on every change.
(() => {
  let current;
  async function poll() {
    try {
      const res = await fetch("/__preview/version", { cache: "no-store" });
      const version = await res.text();
      if (current !== undefined && version !== current) location.reload();
      current = version;
    } catch {
      // The worker is restarting: try again.
    }
    setTimeout(poll, 1000);
  }
  poll();
})();
