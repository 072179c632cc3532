/**
 * The render cache against a hostile or broken KV (issue 25): a read that throws, however it
 * throws, is a miss; a key KV would refuse never reaches it; and the per-isolate write budget
 * bounds what any client can make this isolate write.
 */
import { describe, expect, it } from "vitest";
import { RenderCache } from "../../../src/cache/index.ts";

interface FakeKv {
  kv: KVNamespace;
  reads: string[];
  puts: string[];
}

/** A KV namespace whose reads do `read` and whose writes are recorded. */
function fakeKv(read: (key: string) => unknown = () => Promise.resolve({ value: null, metadata: null })): FakeKv {
  const reads: string[] = [];
  const puts: string[] = [];
  const kv = {
    getWithMetadata: (key: string) => {
      reads.push(key);
      return read(key);
    },
    put: (key: string) => {
      puts.push(key);
      return Promise.resolve();
    },
  } as unknown as KVNamespace;
  return { kv, reads, puts };
}

/** Request I/O that collects the deferred writes, to await them. */
function io(kv: KVNamespace) {
  const pending: Promise<unknown>[] = [];
  return { kv, write: true, waitUntil: (p: Promise<unknown>) => pending.push(p), settled: () => Promise.all(pending) };
}

const render = () => ({ body: "<p>x</p>", type: "text/html; charset=utf-8" });

describe("a KV read that fails is a miss", () => {
  const failures: [string, (key: string) => unknown][] = [
    [
      "throws synchronously (as for a key over 512 bytes)",
      () => {
        throw new TypeError("KV GET failed: 414 UTF-8 encoded length of 600 exceeds key length limit of 512.");
      },
    ],
    ["rejects", () => Promise.reject(new Error("KV GET failed: 500 Internal Server Error"))],
    ["answers nothing", () => undefined],
    ["answers a malformed value", () => Promise.resolve({ value: "x", metadata: { type: 1 } })],
  ];
  for (const [how, read] of failures) {
    it(`when it ${how}: the request renders and is served`, async () => {
      const logs: Record<string, unknown>[] = [];
      const cache = new RenderCache({ memoryBytes: 1 << 20 }, (e) => logs.push(e));
      const { kv, reads } = fakeKv(read);
      const r = io(kv);
      const lookup = await cache.get("render:r:c:0:html:/x", render, r);
      await r.settled();
      expect(lookup.tier).toBe("render");
      expect(lookup.entry.body).toBe("<p>x</p>");
      expect(reads).toEqual(["render:r:c:0:html:/x"]);
      expect((await cache.get("render:r:c:0:html:/x", render, r)).tier).toBe("memory");
    });
  }

  it("logs the failure once per failing read", async () => {
    const logs: Record<string, unknown>[] = [];
    const cache = new RenderCache({ memoryBytes: 0 }, (e) => logs.push(e));
    const { kv } = fakeKv(() => {
      throw new Error("boom");
    });
    await cache.get("k", render, { kv, write: false });
    expect(logs).toEqual([{ level: "error", msg: "kv read failed, rendering", key: "k", error: "Error: boom" }]);
  });

  it("never sends KV a key it would refuse (over 512 UTF-8 bytes, or not well-formed)", async () => {
    const cache = new RenderCache({ memoryBytes: 1 << 20 });
    const { kv, reads, puts } = fakeKv();
    for (const key of [`render:${"陶".repeat(200)}`, "render:\uD800"]) {
      const r = io(kv);
      expect((await cache.get(key, render, r)).tier).toBe("render");
      await r.settled();
      expect((await cache.get(key, render, r)).tier).toBe("memory");
    }
    expect(reads).toEqual([]);
    expect(puts).toEqual([]);
    // 512 bytes exactly is a KV key.
    const r = io(kv);
    await cache.get(`render:${"x".repeat(505)}`, render, r);
    await r.settled();
    expect(puts).toHaveLength(1);
  });
});

describe("the per-isolate KV write budget", () => {
  function budgeted(kvWritesPerMinute: number, memoryBytes = 1 << 20) {
    let now = 1_000_000;
    const logs: Record<string, unknown>[] = [];
    const cache = new RenderCache({ memoryBytes, kvWritesPerMinute, now: () => now }, (e) => logs.push(e));
    const fake = fakeKv();
    let n = 0;
    return {
      ...fake,
      cache,
      logs,
      advance: (ms: number) => (now += ms),
      /** Renders a new key, as a client asking for ever new URLs does. */
      async miss() {
        const r = io(fake.kv);
        const key = `k${n++}`;
        const lookup = await cache.get(key, render, r);
        await r.settled();
        return { key, lookup };
      },
    };
  }

  it("writes at most N in a minute; over it, serves the render and keeps it in memory", async () => {
    const b = budgeted(3);
    const misses = [];
    for (let i = 0; i < 5; i++) misses.push(await b.miss());
    expect(b.puts).toEqual(["k0", "k1", "k2"]);
    for (const { key, lookup } of misses) {
      expect(lookup.tier).toBe("render");
      expect(b.cache.peek(key)?.body).toBe("<p>x</p>");
    }
  });

  it("logs the skipped writes once a minute, with how many", async () => {
    const b = budgeted(1);
    for (let i = 0; i < 4; i++) await b.miss();
    expect(b.logs).toEqual([
      {
        level: "warn",
        msg: "kv write budget spent, render kept in memory only",
        key: "k1",
        budgetPerMinute: 1,
        skipped: 1,
      },
    ]);
    b.advance(30_000);
    await b.miss(); // k4: the window still holds k0's write
    expect(b.logs).toHaveLength(1);
    b.advance(30_000);
    await b.miss(); // k5: k0's write is a minute old, k5 is written
    expect(b.puts).toEqual(["k0", "k5"]);
    await b.miss(); // k6: over the budget again; a minute since the last line
    expect(b.logs).toHaveLength(2);
    expect(b.logs[1]).toMatchObject({ key: "k6", skipped: 4 }); // k2, k3, k4 and k6
  });

  it("is a rolling minute, not a calendar one", async () => {
    const b = budgeted(2);
    await b.miss(); // t
    b.advance(40_000);
    await b.miss(); // t + 40 s
    b.advance(19_999);
    await b.miss(); // t + 59.999 s: two writes in the last minute
    expect(b.puts).toEqual(["k0", "k1"]);
    b.advance(1);
    await b.miss(); // t + 60 s: k0's write has left the window
    expect(b.puts).toEqual(["k0", "k1", "k3"]);
  });

  it("writes a skipped key later, when the budget allows and the key is rendered again", async () => {
    const b = budgeted(1, 0); // no memory tier: every request for "late" renders
    await b.miss();
    const late = async () => {
      const r = io(b.kv);
      await b.cache.get("late", render, r);
      await r.settled();
    };
    await late(); // over the budget
    expect(b.puts).toEqual(["k0"]);
    b.advance(60_000);
    await late();
    expect(b.puts).toEqual(["k0", "late"]);
  });

  it("writes nothing with a budget of 0, and everything with Infinity", async () => {
    const none = budgeted(0);
    for (let i = 0; i < 3; i++) await none.miss();
    expect(none.puts).toEqual([]);
    const all = budgeted(Infinity);
    for (let i = 0; i < 100; i++) await all.miss();
    expect(all.puts).toHaveLength(100);
  });

  it("defaults to 30 a minute", async () => {
    expect(new RenderCache().options.kvWritesPerMinute).toBe(30);
    const cache = new RenderCache({ memoryBytes: 1 << 20 });
    const { kv, puts } = fakeKv();
    for (let i = 0; i < 40; i++) {
      const r = io(kv);
      await cache.get(`d${i}`, render, r);
      await r.settled();
    }
    expect(puts).toHaveLength(30);
  });
});
