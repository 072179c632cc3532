/**
 * The desk's round trip (issue 33, part 1): every article the build accepts, read by the desk,
 * sent back as Decap CMS sends it and saved, is the same file byte for byte; one field changed
 * changes only that field's lines. Over every article of the fixture site and a synthetic corpus,
 * through the desk backend itself (getEntry, then persistEntry with the version it gave).
 */
import { readdir, readFile } from "node:fs/promises";
import fc from "fast-check";
import { join } from "node:path";
import { isMap, isScalar, parseDocument } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { createDesk, type Desk } from "../../scripts/desk/backend.ts";
import { fromDecap, readArticle, toDecap, writeArticle, type ArticleText } from "../../scripts/desk/article.ts";
import { deskConfig } from "../../scripts/desk/config.ts";
import { splitFrontMatter } from "../../scripts/content/frontmatter.ts";
import { writeCorpus } from "../../support/corpus.ts";
import { fixtureProject } from "../support/project.ts";

const NOW = Date.parse("2026-12-06T12:00:00+08:00");
const SEED = "chancheng-2018-reform-four-towns.md";

let root: string;
let desk: Desk;
let names: string[];
beforeAll(async () => {
  root = await fixtureProject();
  await writeCorpus(join(root, "content"), 6);
  desk = createDesk(root, { now: () => NOW });
  names = (await readdir(join(root, "content/articles"))).filter((n) => n.endsWith(".md")).sort();
});

const file = (name: string) => readFile(join(root, "content/articles", name), "utf8");
const FIELDS = (
  deskConfig({ name: "站", timeZone: "Asia/Shanghai", categories: [{ slug: "x", name: "协会动态" }] }).collections as {
    fields: { name: string; widget: string; fields?: { name: string; widget: string }[] }[];
  }[]
)[0]!.fields;

/** What Decap's widgets hold for a field the file leaves out, or a sub-field an entry leaves out. */
function untouched(widget: string, fields?: { name: string; widget: string }[]): unknown {
  if (widget === "list" || widget === "desk-tags") return [];
  if (widget === "boolean") return false;
  if (widget === "object") return Object.fromEntries((fields ?? []).map((f) => [f.name, untouched(f.widget)]));
  return "";
}

/**
 * What Decap sends back for an entry opened and saved as it is: every configured field, the ones
 * the file leaves out as their widget's empty value, each list entry with all its sub-fields, the
 * list's own columns (_date, _state) still in.
 */
function asDecapSends(data: Record<string, unknown>): Record<string, unknown> {
  const out = { ...data };
  for (const field of FIELDS) {
    if (field.name === "body") continue;
    if (!(field.name in out)) out[field.name] = untouched(field.widget, field.fields);
    if (field.widget === "list" && field.fields && Array.isArray(out[field.name]))
      out[field.name] = (out[field.name] as Record<string, unknown>[]).map((entry) => ({
        ...(untouched("object", field.fields) as object),
        ...entry,
      }));
  }
  return out;
}

/** The desk's open and save of `name`, with `change` applied to what it opened. */
async function openAndSave(name: string, change: (a: ArticleText) => ArticleText = (a) => a) {
  const path = `content/articles/${name}`;
  const opened = (await desk.handle("getEntry", { path })).body as { file: { deskVersion: string }; data: string };
  const article = fromDecap(opened.data)!;
  const sent = change({ data: asDecapSends(article.data), body: article.body });
  return desk.handle("persistEntry", {
    dataFiles: [{ path, raw: toDecap(sent) }],
    assets: [],
    options: { newEntry: false },
    base: opened.file.deskVersion,
  });
}

/** The 1-based lines `key` spans in the front matter of `text` (its value's lines included). */
function fieldLines(text: string, key: string): [number, number] {
  const split = splitFrontMatter(text) as { yaml: string };
  const doc = parseDocument(split.yaml);
  const pair = isMap(doc.contents) ? doc.contents.items.find((p) => isScalar(p.key) && p.key.value === key) : undefined;
  const line = (offset: number) => split.yaml.slice(0, offset).split("\n").length + 1;
  const value = pair!.value as { range: number[] };
  return [line((pair!.key as { range: number[] }).range[0]!), line(value.range[1]! - 1)];
}

/** The lines of `before` that `after` does not keep: [first, last], 1-based, by common prefix and suffix. */
function changedLines(before: string, after: string): [number, number] | undefined {
  if (before === after) return undefined;
  const a = before.split("\n");
  const b = after.split("\n");
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  return [head + 1, a.length - tail];
}

describe("the desk's round trip over the fixture site and a synthetic corpus", () => {
  it("covers every article: the fixture's six (the seed among them) and six synthetic ones", () => {
    expect(names).toHaveLength(12);
    expect(names).toContain(SEED);
  });

  it("writes every article opened and saved untouched back byte for byte", async () => {
    for (const name of names) {
      const before = await file(name);
      const answer = await openAndSave(name);
      expect(answer.status, `${name}: ${JSON.stringify(answer.body)}`).toBe(200);
      expect(await file(name), name).toBe(before);
    }
  });

  it("changes only the title's line when the title changes", async () => {
    for (const name of names) {
      const before = await file(name);
      const title = `${readArticle(before)!.data.title as string}(修订)`;
      const answer = await openAndSave(name, (a) => ({ ...a, data: { ...a.data, title } }));
      expect(answer.status, name).toBe(200);
      const after = await file(name);
      const [line] = fieldLines(before, "title");
      expect(changedLines(before, after), name).toEqual([line, line]);
      expect(readArticle(after)!.data).toEqual({ ...readArticle(before)!.data, title });
    }
  });

  it("changes only the tags' lines when a tag is added", async () => {
    for (const name of names) {
      const before = await file(name);
      const tags = [...((readArticle(before)!.data.tags as string[] | undefined) ?? []), "新标签"];
      expect((await openAndSave(name, (a) => ({ ...a, data: { ...a.data, tags } }))).status, name).toBe(200);
      const after = await file(name);
      const changed = changedLines(before, after)!;
      if (readArticle(before)!.data.tags) {
        const [first, last] = fieldLines(before, "tags");
        expect(changed[0]).toBeGreaterThanOrEqual(first);
        expect(changed[1]).toBeLessThanOrEqual(last);
      } else expect(changed[1]).toBe(changed[0] - 1); // one line inserted, none removed
      expect(readArticle(after)!.data).toEqual({ ...readArticle(before)!.data, tags });
    }
  });

  it("changes only the changed word's line when the body changes", async () => {
    for (const name of names) {
      const before = await file(name);
      const opened = readArticle(before)!;
      const word = opened.body.match(/[\u4e00-\u9fff]{2}/)![0];
      const body = opened.body.replace(word, "某某");
      expect((await openAndSave(name, (a) => ({ ...a, body }))).status, name).toBe(200);
      const after = await file(name);
      const changed = changedLines(before, after)!;
      expect(changed[0]).toBe(changed[1]);
      expect(after.split("\n")[changed[0] - 1]).toBe(before.split("\n")[changed[0] - 1]!.replace(word, "某某"));
    }
  });
});

describe("the seed article (issue 33: its save was refused, then lost its comments)", () => {
  it("saves with one word changed and keeps its comments, its lost pictures' empty alt and all else", async () => {
    const before = await file(SEED);
    const answer = await openAndSave(SEED, (a) => ({ ...a, body: a.body.replace("今天", "当天") }));
    expect(answer.status).toBe(200);
    expect(await file(SEED)).toBe(before.replace("今天", "当天"));
  });

  it("keeps the other entries as they are when one lost picture gets a description", async () => {
    const before = await file(SEED);
    const answer = await openAndSave(SEED, (a) => ({
      ...a,
      data: {
        ...a.data,
        images: (a.data.images as Record<string, unknown>[]).map((i, n) => (n === 2 ? { ...i, alt: "张槎街道" } : i)),
      },
    }));
    expect(answer.status).toBe(200);
    expect(await file(SEED)).toBe(
      before.replace(
        '{ file: 3.jpg, alt: "", unavailable: true }',
        "{ file: 3.jpg, alt: 张槎街道, unavailable: true }",
      ),
    );
  });
});

describe("the round trip as a property", () => {
  /** One-line text an editor might type: any characters but line breaks, YAML's indicators among them. */
  const typed = fc
    .string({
      unit: fc.constantFrom(
        "甲",
        "乙",
        " ",
        "#",
        ":",
        "-",
        "'",
        '"',
        "[",
        "]",
        "{",
        "}",
        ",",
        "&",
        "*",
        "!",
        "|",
        ">",
        "%",
        "@",
        "a",
        "1",
        "—",
      ),
      minLength: 1,
      maxLength: 12,
    })
    .filter((v) => v.trim() !== "");
  const edits = fc.oneof(
    fc.record({ key: fc.constant("title"), value: typed }),
    fc.record({ key: fc.constant("summary"), value: typed }),
    fc.record({ key: fc.constant("author"), value: typed }),
    fc.record({ key: fc.constant("tags"), value: fc.array(typed, { minLength: 1, maxLength: 3 }) }),
  );

  it("any one field of any article set to any value: it reads back so, and only its lines (or one new field's) differ", async () => {
    const texts = await Promise.all(names.map(file));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: texts.length - 1 }), edits, (n, { key, value }) => {
        const before = texts[n]!;
        const opened = readArticle(before)!;
        const trimmed = Array.isArray(value) ? value.map((v) => v.trim()) : value.trim();
        const after = writeArticle({ data: asDecapSends({ ...opened.data, [key]: value }), body: opened.body }, before);
        expect(readArticle(after)!.data).toEqual({ ...opened.data, [key]: trimmed });
        expect(readArticle(after)!.body).toBe(opened.body);
        const changed = changedLines(before, after);
        if (!changed) return;
        if (key in opened.data) {
          const [first, last] = fieldLines(before, key);
          expect(changed[0]).toBeGreaterThanOrEqual(first);
          expect(changed[1]).toBeLessThanOrEqual(last);
        } else expect(changed[1]).toBe(changed[0] - 1);
      }),
      { numRuns: 300 },
    );
  });
});

describe("writeArticle on its own", () => {
  const FILE = "---\r\n# 注释\r\nid: x\r\ntitle: 旧\r\nsummary: ''\r\n---\r\n\r\n正文\r\n";
  it("keeps Windows line ends, a comment and an empty value when one field changes", () => {
    expect(writeArticle({ data: { id: "x", title: "新", summary: "" }, body: "正文" }, FILE)).toBe(
      FILE.replace("旧", "新"),
    );
  });

  it("keeps each comment once, where it was, when the field around it changes", () => {
    const before =
      '---\nid: x\ntitle: a # why\n\n# about the pictures\nimages:\n  - { file: a.jpg, alt: "" }\n  # after the last picture\ntags: [x] # tags\n---\n\nb\n';
    const data = { id: "x", title: "新", images: [{ file: "a.jpg", alt: "描述" }], tags: ["x", "z"] };
    expect(writeArticle({ data, body: "b" }, before)).toBe(
      before.replace("a # why", "新 # why").replace('alt: ""', "alt: 描述").replace("[x]", "[x, z]"),
    );
  });

  it("adds a new field after the one before it in the schema's order, and removes a cleared one", () => {
    const before = "---\nid: x\ntitle: 旧\ncategory: 甲\nsummary: 摘要\n---\n\n正文\n";
    const data = { id: "x", title: "旧", summary: "", author: "记者" };
    expect(writeArticle({ data, body: "正文" }, before)).toBe(
      "---\nid: x\ntitle: 旧\ncategory: 甲\nauthor: 记者\n---\n\n正文\n",
    );
  });
});
