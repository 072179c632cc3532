/**
 * The incremental build (scripts/content/manifest.ts, issue 30): after any sequence of edits,
 * additions, deletions, renames, drafts turning public (and back) and date changes, a build that
 * keeps its manifest writes exactly what a build from nothing writes in a fresh copy: the store,
 * the generated module, the id ledger and the pictures, and the same problems. A build that
 * changes nothing (last-build.ts) is part of the sequences, at a clock that moves on.
 */
import { createHash } from "node:crypto";
import { cp, mkdtemp, readdir, readFile, rename, rm, unlink, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../scripts/content/builder.ts";
import { formatIssue, sortIssues } from "../../scripts/content/issues.ts";
import { formatLedger, LEDGER_FILE, type Ledger } from "../../scripts/content/ledger.ts";
import { MANIFEST_DIR } from "../../scripts/content/manifest.ts";
import { LAST_BUILD } from "../../scripts/content/last-build.ts";
import { INDEX_BLOCKS_DIR } from "../../scripts/content/write.ts";
import { frame, unframe } from "../../src/content/store/framing.ts";
import { FIXTURE_SITE, ROOT } from "../support/project.ts";

const BUILT_AT = Date.parse("2026-12-01T00:00:00Z");
const SECTIONS = ["协会动态", "行业前瞻", "慈善公益"];
const TITLES = ["新的标题", "陶瓷出口: 一季度", "协会动态简报", "“引号”与#号", "第九十九届佛山陶瓷博览会开幕"];

let work: string;
/** src/ once (the build hashes it and reads its assets), copied into every project. */
let srcCopy: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "incremental-test-"));
  srcCopy = join(work, "src-template");
  await cp(join(ROOT, "src"), srcCopy, { recursive: true, filter: (p) => !p.includes("generated") });
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

let projects = 0;
/**
 * A project root holding `content` (a folder to copy) and src/. Its pictures are dated an hour
 * back, as a checkout's are by the time anyone builds: a picture written within the second the
 * build looks at it keeps any build from being taken as the last one (last-build.ts).
 */
async function project(content: string): Promise<string> {
  const root = join(work, `p${projects++}`);
  await cp(content, join(root, "content"), { recursive: true });
  await cp(srcCopy, join(root, "src"), { recursive: true });
  const hourAgo = Date.now() / 1000 - 3600;
  for (const f of await readdir(join(root, "content/media")))
    await utimes(join(root, "content/media", f), hourAgo, hourAgo);
  return root;
}

/** A small site: the fixture site (a picture, a draft, an unknown date) and a few short articles, one linking to another. */
async function smallSite(): Promise<string> {
  const root = await project(join(FIXTURE_SITE, "content"));
  for (let n = 1; n <= 4; n++)
    await writeFile(join(root, "content/articles", `s-${n}.md`), newArticle(n, n === 3 ? 1 : undefined));
  return root;
}

function newArticle(n: number, linkTo?: number, draft = false): string {
  const id = `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
  const lines = [
    "---",
    `id: ${id}`,
    `title: ${JSON.stringify(`短文${n}`)}`,
    `category: ${SECTIONS[n % SECTIONS.length]}`,
    `date: 2026-0${1 + (n % 9)}-1${n % 10}`,
    `tags: [标签${n % 3}]`,
    ...(draft ? ["draft: true"] : []),
    "---",
    "",
    `第${n}篇的正文。`,
    ...(linkTo === undefined ? [] : ["", `见[另一篇](s-${linkTo}.md)。`]),
    "",
  ];
  return lines.join("\n");
}

/** A front matter field set to `value` (a YAML scalar), added before the end when absent. */
function setField(text: string, key: string, value: string): string {
  const end = text.indexOf("\n---", 4);
  const head = text.slice(0, end);
  const line = new RegExp(`^${key}: .*$`, "m");
  const next = line.test(head) ? head.replace(line, `${key}: ${value}`) : `${head}\n${key}: ${value}`;
  return next + text.slice(end);
}

type Op =
  | { kind: "title"; at: number; title: string }
  | { kind: "body"; at: number; text: string }
  | { kind: "add"; linkTo: number; draft: boolean }
  | { kind: "delete"; at: number; forget: boolean }
  | { kind: "rename"; at: number }
  | { kind: "publish"; at: number }
  | { kind: "unpublish"; at: number }
  | { kind: "date"; at: number; day: number }
  | { kind: "link"; at: number; to: number }
  | { kind: "touch"; at: number }
  | { kind: "schedule"; at: number; day: number }
  | { kind: "later"; hours: number }
  | { kind: "none" };

const at = fc.nat({ max: 50 });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("title" as const), at, title: fc.constantFrom(...TITLES) }),
  fc.record({
    kind: fc.constant("body" as const),
    at,
    text: fc.constantFrom("新增一段。", "**加粗**的一段。", "# 一级标题"),
  }),
  fc.record({ kind: fc.constant("add" as const), linkTo: at, draft: fc.boolean() }),
  fc.record({ kind: fc.constant("delete" as const), at, forget: fc.boolean() }),
  fc.record({ kind: fc.constant("rename" as const), at }),
  fc.record({ kind: fc.constant("publish" as const), at }),
  fc.record({ kind: fc.constant("unpublish" as const), at }),
  fc.record({ kind: fc.constant("date" as const), at, day: fc.integer({ min: 1, max: 28 }) }),
  fc.record({ kind: fc.constant("link" as const), at, to: at }),
  fc.record({ kind: fc.constant("touch" as const), at }),
  // Dated after the build's clock (BUILT_AT, then moved on by "later"): pending, until it passes.
  fc.record({ kind: fc.constant("schedule" as const), at, day: fc.integer({ min: 1, max: 9 }) }),
  fc.record({ kind: fc.constant("later" as const), hours: fc.integer({ min: 1, max: 72 }) }),
  fc.constant({ kind: "none" as const }),
);

/**
 * Applies `op` to the content of `root`. Each file written gets a time of its own, seconds apart
 * and in the past, as an editor's saves have: the build trusts a file's size and time only when
 * they were taken well after the file was written (manifest.ts).
 */
async function apply(root: string, op: Op, clock: Clock): Promise<void> {
  const dir = join(root, "content/articles");
  const names = (await readdir(dir)).filter((n) => n.endsWith(".md")).sort();
  const pick = (i: number) => names[i % names.length];
  const write = async (name: string, text: string) => {
    await writeFile(join(dir, name), text);
    clock.t += 7;
    await utimes(join(dir, name), clock.t, clock.t);
  };
  const edit = async (i: number, change: (text: string) => string) => {
    const name = pick(i);
    if (name) await write(name, change(await readFile(join(dir, name), "utf8")));
  };
  switch (op.kind) {
    case "title":
      return edit(op.at, (t) => setField(t, "title", JSON.stringify(op.title)));
    case "body":
      return edit(op.at, (t) => `${t}\n${op.text}\n`);
    case "add": {
      const n = 100 + clock.n++;
      const target = pick(op.linkTo);
      const text = newArticle(n, undefined, op.draft);
      return write(`s-${n}.md`, target ? `${text}\n见[链接](${target})。\n` : text);
    }
    case "delete": {
      const name = pick(op.at);
      if (!name) return;
      const text = await readFile(join(dir, name), "utf8");
      await unlink(join(dir, name));
      // Deleted on purpose (as the desk deletes): its id leaves the ledger too.
      const id = /^id: (.*)$/m.exec(text)?.[1];
      const ledgerPath = join(root, LEDGER_FILE);
      const ledger = JSON.parse(await readFile(ledgerPath, "utf8")) as Ledger;
      if (op.forget && id && ledger[id]) {
        delete ledger[id];
        await writeFile(ledgerPath, formatLedger(ledger));
      }
      return;
    }
    case "rename": {
      const name = pick(op.at);
      if (!name) return;
      const to = `r-${clock.n++}.md`;
      await rename(join(dir, name), join(dir, to));
      return;
    }
    case "publish":
      return edit(op.at, (t) => setField(t, "draft", "false"));
    case "unpublish":
      return edit(op.at, (t) => setField(t, "draft", "true"));
    case "date":
      return edit(op.at, (t) =>
        /^date: \S/m.test(t) ? setField(t, "date", `2026-05-${String(op.day).padStart(2, "0")}`) : t,
      );
    case "link": {
      const target = pick(op.to);
      return edit(op.at, (t) => `${t}\n见[链接](${target})。\n`);
    }
    case "touch":
      return edit(op.at, (t) => t);
    case "schedule":
      return edit(op.at, (t) => (/^date: \S/m.test(t) ? setField(t, "date", `2026-12-0${op.day}T10:00`) : t));
    case "later":
      clock.builtAt += op.hours * 3_600_000;
      return;
    case "none":
      return;
  }
}

/** Files' times (s), the next article's number, and the build's clock (ms). */
interface Clock {
  t: number;
  n: number;
  builtAt: number;
}

/** A build as `npm run build` runs it (preview or not), with what it printed. */
async function build(root: string, preview: boolean, builtAt = BUILT_AT): Promise<{ ok: boolean; problems: string[] }> {
  const lines: string[] = [];
  const built = await buildSite(root, {
    preview,
    builtAt,
    threads: 1,
    log: () => {},
    error: (l) => lines.push(l),
  });
  return { ok: built.ok, problems: sortIssues(built.issues).map((i) => formatIssue(i)) };
}

/** Every file the build writes under `root`: the store and pictures, the generated module, the ledger. */
async function output(root: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const dir of ["public", "src/generated"]) {
    const entries = await readdir(join(root, dir), { recursive: true, withFileTypes: true }).catch(() => []);
    for (const d of entries) {
      if (!d.isFile()) continue;
      const path = join(d.parentPath, d.name);
      out.set(relative(root, path), (await readFile(path)).toString("base64"));
    }
  }
  out.set(LEDGER_FILE, await readFile(join(root, LEDGER_FILE), "utf8"));
  return out;
}

/** The incremental build of `root` against a build from nothing of the same content in a fresh copy. */
async function compare(root: string, preview: boolean, builtAt = BUILT_AT): Promise<void> {
  const snapshot = join(work, `content-${projects++}`);
  await cp(join(root, "content"), snapshot, { recursive: true });
  const cold = await project(snapshot);
  const [a, b] = [await build(root, preview, builtAt), await build(cold, preview, builtAt)];
  expect(a).toEqual(b);
  // A build with errors writes nothing (what the last good build wrote stays): nothing to compare.
  if (a.ok) await sameOutput(root, cold);
  await rm(cold, { recursive: true, force: true });
  await rm(snapshot, { recursive: true, force: true });
}

async function sameOutput(root: string, cold: string): Promise<void> {
  const [x, y] = [await output(root), await output(cold)];
  expect([...x.keys()].sort()).toEqual([...y.keys()].sort());
  for (const [path, bytes] of y) expect(x.get(path), path).toBe(bytes);
}

describe("the incremental build", () => {
  it("writes what a build from nothing writes, after every step of any sequence of changes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 5 }), fc.boolean(), async (ops, preview) => {
        const root = await smallSite();
        const clock = { t: Math.floor(Date.parse("2026-06-01T00:00:00Z") / 1000), n: 0, builtAt: BUILT_AT };
        await build(root, preview);
        for (const o of ops) {
          await apply(root, o, clock);
          await compare(root, preview, clock.builtAt);
        }
        await rm(root, { recursive: true, force: true });
      }),
      { numRuns: 6 },
    );
  }, 180_000);
});

describe("a manifest of sources that does not check out", () => {
  /** A small site built once (its manifest written), then `spoil` applied to its manifest, then built again. */
  async function rebuiltAfter(spoil: (dir: string) => Promise<void>): Promise<{ lines: string[]; root: string }> {
    const root = await smallSite();
    await build(root, false);
    await writeFile(
      join(root, "content/articles/s-2.md"),
      setField(await readFile(join(root, "content/articles/s-2.md"), "utf8"), "title", '"改过的标题"'),
    );
    await spoil(join(root, MANIFEST_DIR));
    const lines: string[] = [];
    const built = await buildSite(root, { builtAt: BUILT_AT, threads: 1, log: (l) => lines.push(l), error: () => {} });
    expect(built.ok).toBe(true);
    // Every article compiled again, and the same bytes as a build from nothing.
    expect(built.compiled).toBe(10);
    const snapshot = join(work, `content-${projects++}`);
    await cp(join(root, "content"), snapshot, { recursive: true });
    const cold = await project(snapshot);
    await build(cold, false);
    await sameOutput(root, cold);
    return { lines: lines.filter((l) => !l.includes("article(s) →")), root };
  }
  const bucketFiles = async (dir: string, ext: string) => (await readdir(dir)).filter((f) => f.endsWith(ext)).sort();

  it("cut short: builds everything, saying the manifest does not match its checksum", async () => {
    const { lines } = await rebuiltAfter(async (dir) => {
      const head = await readFile(join(dir, "head.json"), "utf8");
      await writeFile(join(dir, "head.json"), head.slice(0, head.length - 20));
    });
    expect(lines).toEqual([
      "content: the manifest of sources does not match its checksum (edited or cut short); every article is compiled again",
    ]);
  });

  it("an entry edited by hand: builds everything, naming its bucket", async () => {
    const { lines } = await rebuiltAfter(async (dir) => {
      for (const file of await bucketFiles(dir, ".json")) {
        if (file === "head.json") continue;
        const text = await readFile(join(dir, file), "utf8");
        await writeFile(join(dir, file), text.replace(/"title":"[^"]*"/, '"title":"手改的标题"'));
      }
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^content: the manifest's bucket \d+ was changed since it was written; every article is compiled again$/,
    );
  });

  it("written by another version of the build: builds everything, saying so", async () => {
    const { lines } = await rebuiltAfter(async (dir) => {
      const text = await readFile(join(dir, "head.json"), "utf8");
      const body = text.slice(text.indexOf("\n") + 1).replace(/"code":"[0-9a-f]+"/, '"code":"0000000000000000"');
      await writeFile(join(dir, "head.json"), `${createHash("sha256").update(body).digest("hex")}\n${body}`);
    });
    expect(lines).toEqual([
      "content: the manifest of sources was written by another version of the build; every article is compiled again",
    ]);
  });

  it("a record damaged: builds everything again, naming the article, never packing the damaged bytes", async () => {
    const { lines } = await rebuiltAfter(async (dir) => {
      for (const file of await bucketFiles(dir, ".bin")) {
        const bytes = await readFile(join(dir, file));
        if (!bytes.length) continue;
        const at = bytes.indexOf(Buffer.from('"title":"')) + 9;
        bytes[at] = bytes[at]! ^ 1;
        await writeFile(join(dir, file), bytes);
      }
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^content: the manifest's record of [\w-]+\.md was changed since it was written; every article is compiled again$/,
    );
  });

  it("a front matter file edited by hand, needed to write its bucket again: builds everything, naming the file", async () => {
    const { lines } = await rebuiltAfter(async (dir) => {
      // Every front file edited, and every article touched (same text, a newer time): each bucket
      // is written again, so the stored front of each file is asked for.
      for (const file of await bucketFiles(dir, ".front.json")) {
        const text = await readFile(join(dir, file), "utf8");
        await writeFile(join(dir, file), text.replace(/"title":"[^"]*"/, '"title":"手改的标题"'));
      }
      const articles = join(dir, "../../content/articles");
      const later = Math.floor(Date.now() / 1000) - 60;
      for (const f of await readdir(articles)) if (f !== "s-2.md") await utimes(join(articles, f), later, later);
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^content: the manifest's front matter file \d+-[0-9a-f]{16}\.front\.json was changed since it was written; every article is compiled again$/,
    );
  });

  it("deleted: builds everything, with no line (there was simply none)", async () => {
    const { lines } = await rebuiltAfter((dir) => rm(dir, { recursive: true }));
    expect(lines).toEqual([]);
  });
});

describe("a file written while the build read it", () => {
  it("is read again by the next build even when its size and time are as recorded", async () => {
    const root = await smallSite();
    const file = join(root, "content/articles/s-2.md");
    const text = await readFile(file, "utf8");
    // Written just now, its time in whole seconds (as some file systems and tools keep it): the
    // build records a time it cannot tell from that of a write in the same second.
    const now = Math.floor(Date.now() / 1000);
    await writeFile(file, text);
    await utimes(file, now, now);
    await build(root, false);
    // The same length, written within the same second.
    await writeFile(file, text.replace("短文2", "长文2"));
    await utimes(file, now, now);
    const built = await buildSite(root, { builtAt: BUILT_AT, threads: 1, log: () => {}, error: () => {} });
    expect(built.compiled).toBe(1);
    let found = false;
    for (const f of await readdir(join(root, "public/_store"), { recursive: true })) {
      const bytes = await readFile(join(root, "public/_store", f)).catch(() => undefined);
      if (bytes?.includes(Buffer.from("长文2"))) found = true;
    }
    expect(found).toBe(true);
  });
});

describe("the search index's files", () => {
  /** The search blocks the build keeps (write.ts INDEX_BLOCKS_DIR), by name. */
  const blocks = async (root: string) =>
    (await readdir(join(root, INDEX_BLOCKS_DIR), { recursive: true }).catch(() => [] as string[]))
      .filter((f) => f.endsWith(".blk"))
      .sort();

  it("are kept from the memo when no document changed: no block is read or made, and the bytes are a cold build's", async () => {
    const root = await smallSite();
    await build(root, false);
    expect((await blocks(root)).length).toBe(1);
    await rm(join(root, INDEX_BLOCKS_DIR), { recursive: true });
    // Not the last build's answer (which reads no block either): the store's own memo.
    await rm(join(root, LAST_BUILD));
    await build(root, false);
    expect(await blocks(root)).toEqual([]);
    await compare(root, false);
  });

  it("are made again from blocks when one document changed", async () => {
    const root = await smallSite();
    await build(root, false);
    await rm(join(root, INDEX_BLOCKS_DIR), { recursive: true });
    const file = join(root, "content/articles/s-2.md");
    await writeFile(file, setField(await readFile(file, "utf8"), "title", '"改过的标题"'));
    await build(root, false);
    expect((await blocks(root)).length).toBe(1);
    await compare(root, false);
  });
});

describe("the search index patched", () => {
  const blockFiles = async (root: string) =>
    (await readdir(join(root, INDEX_BLOCKS_DIR), { recursive: true }).catch(() => [] as string[]))
      .filter((f) => f.endsWith(".blk"))
      .map((f) => join(root, INDEX_BLOCKS_DIR, f));

  it("after one title changed: its block is made anew and the one of before is gone; the bytes are a cold build's", async () => {
    const root = await smallSite();
    await build(root, false);
    const [before] = await blockFiles(root);
    const file = join(root, "content/articles/s-2.md");
    await writeFile(file, setField(await readFile(file, "utf8"), "title", '"改过的标题"'));
    await build(root, false);
    const after = await blockFiles(root);
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(before);
    await compare(root, false);
  });

  it("never from a block of before whose keys were edited by hand: the index is joined again, a cold build's bytes", async () => {
    const root = await smallSite();
    await build(root, false);
    const file = join(root, "content/articles/s-2.md");
    const changed = setField(await readFile(file, "utf8"), "title", '"改过的标题"');
    // The keys of the block the change makes (built in a copy), written into the block of
    // before: it then claims that no document changed.
    const copy = await project(join(root, "content"));
    await writeFile(join(copy, "content/articles/s-2.md"), changed);
    await build(copy, false);
    const [made] = await blockFiles(copy);
    const [before] = await blockFiles(root);
    const keys = unframe<{ keys: string[] }>(await readFile(made!)).header.keys;
    await writeFile(before!, frame({ keys }, [unframe(await readFile(before!)).body]));
    await writeFile(file, changed);
    await build(root, false);
    await compare(root, false);
  });
});

describe("a manifest already read by this process (npm run dev's warm build)", () => {
  it("is read again where a bucket file changed since: an entry edited by hand is still caught", async () => {
    const root = await smallSite();
    // Written long before the builds, so no file is read again for its time (files.ts `racy`)
    // and the second build writes no bucket anew: it holds the first one's, parsed.
    const hourAgo = Date.now() / 1000 - 3600;
    for (const f of await readdir(join(root, "content/articles")))
      await utimes(join(root, "content/articles", f), hourAgo, hourAgo);
    await build(root, false);
    // The manifest parsed by the second build, not the last build's answer (which parses none).
    await rm(join(root, LAST_BUILD));
    await build(root, false);
    await rm(join(root, LAST_BUILD));
    const dir = join(root, MANIFEST_DIR);
    for (const file of (await readdir(dir)).filter((f) => f.endsWith(".json") && f !== "head.json")) {
      const text = await readFile(join(dir, file), "utf8");
      await writeFile(join(dir, file), text.replace(/"title":"[^"]*"/, '"title":"手改的标题"'));
    }
    const lines: string[] = [];
    const built = await buildSite(root, { builtAt: BUILT_AT, threads: 1, log: (l) => lines.push(l), error: () => {} });
    expect(built.compiled).toBe(10);
    expect(lines.filter((l) => !l.includes("article(s) →"))).toEqual([
      expect.stringMatching(
        /^content: the manifest's bucket \d+ was changed since it was written; every article is compiled again$/,
      ),
    ]);
    await compare(root, false);
  });
});

describe("the store memo (.cache/store-memo.json)", () => {
  const MEMO = ".cache/store-memo.json";

  it("keeps no list whose entry changed though its feed size did not: the lists holding it are made again", async () => {
    const root = await smallSite();
    await build(root, false);
    // 短文2 → 长文2: the same length in UTF-8, so the article's size in a feed is unchanged.
    const file = join(root, "content/articles/s-2.md");
    await writeFile(file, (await readFile(file, "utf8")).replace("短文2", "长文2"));
    const past = Date.now() / 1000 - 60;
    await utimes(file, past, past);
    await build(root, false);
    expect(await readFile(join(root, "public/_store/l/all/0.json"), "utf8")).toContain("长文2");
    await compare(root, false);
  });

  it("keeps no slug index bucket when an article moved to another section: the buckets are made again", async () => {
    const root = await smallSite();
    await build(root, false);
    const file = join(root, "content/articles/s-2.md");
    const text = await readFile(file, "utf8");
    const section = /^category: (.*)$/m.exec(text)![1]!;
    await writeFile(
      file,
      setField(
        text,
        "category",
        SECTIONS.find((c) => c !== section)!,
      ),
    );
    const past = Date.now() / 1000 - 60;
    await utimes(file, past, past);
    await build(root, false);
    await compare(root, false);
  });

  it("cut short: makes every store file again, saying so in one line, and writes a cold build's bytes", async () => {
    const root = await smallSite();
    await build(root, false);
    // Nothing changed: the store's own memo, not the last build's answer (which reads no memo).
    await rm(join(root, LAST_BUILD));
    const text = await readFile(join(root, MEMO), "utf8");
    await writeFile(join(root, MEMO), text.slice(0, text.length - 20));
    const lines: string[] = [];
    const built = await buildSite(root, { builtAt: BUILT_AT, threads: 1, log: (l) => lines.push(l), error: () => {} });
    expect(built.ok).toBe(true);
    expect(lines.filter((l) => !l.includes("article(s) →"))).toEqual([
      "content: the store memo does not match its checksum (edited or cut short); every store file is made again",
    ]);
    await compare(root, false);
  });

  it("written by another version of the build: makes every store file again, saying so in one line", async () => {
    const root = await smallSite();
    await build(root, false);
    await rm(join(root, LAST_BUILD));
    const text = await readFile(join(root, MEMO), "utf8");
    const body = text.slice(text.indexOf("\n") + 1).replace(/"code":"[0-9a-f]+"/, '"code":"0000000000000000"');
    await writeFile(join(root, MEMO), `${createHash("sha256").update(body).digest("hex")}\n${body}`);
    const lines: string[] = [];
    await buildSite(root, { builtAt: BUILT_AT, threads: 1, log: (l) => lines.push(l), error: () => {} });
    expect(lines.filter((l) => !l.includes("article(s) →"))).toEqual([
      "content: the store memo was written by another version of the build; every store file is made again",
    ]);
    await compare(root, false);
  });
});

describe("a build that changes nothing (last-build.ts)", () => {
  /** `npm run build` with nothing to say but its result. */
  const quiet = (root: string, builtAt: number) =>
    buildSite(root, { builtAt, threads: 1, log: () => {}, error: () => {} });
  const DAY = 86_400_000;

  it("reads nothing again and writes the generated module with its own clock: a cold build's bytes", async () => {
    const root = await smallSite();
    expect((await quiet(root, BUILT_AT)).unchanged).toBeUndefined();
    const again = await quiet(root, BUILT_AT + DAY);
    expect(again.unchanged).toBe(true);
    expect(again.compiled).toBe(0);
    expect(again.written?.manifest.builtAt).toBe(BUILT_AT + DAY);
    await compare(root, false, BUILT_AT + DAY);
  });

  it("makes a store file again when it was deleted or edited since", async () => {
    const root = await smallSite();
    await quiet(root, BUILT_AT);
    const store = join(root, "public/_store");
    const files = (await readdir(store, { recursive: true, withFileTypes: true })).filter((d) => d.isFile());
    await rm(join(files[0]!.parentPath, files[0]!.name));
    await writeFile(join(files[1]!.parentPath, files[1]!.name), "edited");
    const again = await quiet(root, BUILT_AT);
    expect(again.unchanged).toBeUndefined();
    expect(again.written?.written).toBe(2);
    await compare(root, false);
  });

  it("builds again when the clock passes an article's time", async () => {
    const root = await smallSite();
    const file = join(root, "content/articles/s-2.md");
    await writeFile(file, setField(await readFile(file, "utf8"), "date", "2026-12-03T10:00"));
    const first = await quiet(root, BUILT_AT);
    const pending = first.written!.manifest.pending;
    expect(pending.map(([at]) => at)).toContain(Date.parse("2026-12-03T10:00:00+08:00"));
    // Before its time: still pending, nothing to build.
    expect((await quiet(root, BUILT_AT + DAY)).unchanged).toBe(true);
    const after = await quiet(root, BUILT_AT + 3 * DAY);
    expect(after.unchanged).toBeUndefined();
    expect(after.written?.manifest.pending).toEqual(pending.filter(([at]) => at > BUILT_AT + 3 * DAY));
    await compare(root, false, BUILT_AT + 3 * DAY);
  });

  it("builds again when the clock goes back before the newest visible article", async () => {
    const root = await smallSite();
    await quiet(root, BUILT_AT);
    const before = await quiet(root, Date.parse("2026-01-01T00:00:00Z"));
    expect(before.unchanged).toBeUndefined();
    expect(before.written?.manifest.pending.length).toBeGreaterThan(0);
    await compare(root, false, Date.parse("2026-01-01T00:00:00Z"));
  });

  it("builds again when a picture, the site settings or the ledger changed", async () => {
    for (const change of [
      (root: string) => utimes(join(root, "content/media/huiyi.png"), 1_000_000, 1_000_000),
      async (root: string) =>
        writeFile(join(root, "content/site.yaml"), `${await readFile(join(root, "content/site.yaml"), "utf8")}\n`),
      async (root: string) =>
        writeFile(join(root, LEDGER_FILE), `${await readFile(join(root, LEDGER_FILE), "utf8")}\n`),
    ]) {
      const root = await smallSite();
      await quiet(root, BUILT_AT);
      await change(root);
      expect((await quiet(root, BUILT_AT)).unchanged).toBeUndefined();
    }
  });

  it("builds again when an absent ledger appears empty: a cold build finds it broken", async () => {
    const root = await smallSite();
    const dir = join(root, "content/articles");
    for (const name of await readdir(dir))
      await writeFile(join(dir, name), setField(await readFile(join(dir, name), "utf8"), "draft", "true"));
    await rm(join(root, LEDGER_FILE));
    expect((await quiet(root, BUILT_AT)).ok).toBe(true);
    await writeFile(join(root, LEDGER_FILE), "");
    const again = await quiet(root, BUILT_AT);
    expect(again.unchanged).toBeUndefined();
    expect(again.issues.map((i) => i.code)).toContain("ledger-invalid-json");
  });

  it("is no last build when its file was edited: the build runs as usual", async () => {
    const root = await smallSite();
    await quiet(root, BUILT_AT);
    const text = await readFile(join(root, LAST_BUILD), "utf8");
    await writeFile(join(root, LAST_BUILD), text.replace(/"files":\d+/, '"files":1'));
    const again = await quiet(root, BUILT_AT);
    expect(again.unchanged).toBeUndefined();
    expect(again.written?.files).not.toBe(1);
    await compare(root, false);
  });
});
