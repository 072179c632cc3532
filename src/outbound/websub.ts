/**
 * A WebSub publish request (W3C WebSub §7 leaves its form to the hub; every public hub takes this
 * one, from PubSubHubbub 0.4): `hub.mode=publish` and the topic's URL, form-encoded. Resolves when
 * the hub took it (2xx); throws otherwise, a timeout included. The cron (src/scheduled/) and the
 * deploy (scripts/deploy/websub.ts) both send it through here.
 */
const HUB_TIMEOUT_MS = 10_000;

export async function publishToHub(
  post: (url: string, init: RequestInit) => Promise<Response>,
  hub: string,
  topic: string,
): Promise<void> {
  const res = await post(hub, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ "hub.mode": "publish", "hub.url": topic }),
    signal: AbortSignal.timeout(HUB_TIMEOUT_MS),
  });
  await res.body?.cancel();
  if (!res.ok) throw new Error(`hub answered ${res.status}`);
}
