/**
 * The front matter fast path (frontmatter.ts `simpleYaml`) against the YAML parser
 * (`documentYaml`): whatever it accepts, it reads to the same data and the same positions; what it
 * cannot be sure of, it leaves to the parser.
 */
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { documentYaml, simpleYaml, splitFrontMatter } from "../../scripts/content/frontmatter.ts";
import { writeCorpus } from "../../support/corpus.ts";
import { FIXTURE_SITE } from "../support/project.ts";

const EDGES = [
  "title: 第一篇\ncategory: 协会动态\ndate: 2026-01-05",
  "title: a:b https://x.example/y?z=1\ntags: [甲, 乙,丙 ,  丁]",
  "tags: []\naliases: [ ]\ntitle: x",
  "title: 他说\"好\"'吧'\nsummary: a [b] {c} - d ~e",
  "count: 12\ntitle: x",
  "ratio: 1.5e3\ntitle: x",
  "flag: true\ntitle: x",
  "empty: ~\ntitle: x",
  "title: x\ntitle: y",
  "title: x # comment",
  "title: 'quoted'",
  'title: "quoted"',
  "title: a: b",
  "title: ends with colon:",
  "title: trailing ",
  "title:  two spaces",
  "tags: [a, [b]]",
  "tags: [a, 1]",
  "tags: [a,]",
  "tags: [a, b] ",
  "tags:\n  - a\n  - b",
  "source:\n  name: 佛山日报\n  url: https://example.org",
  "true: x",
  "title: \u3000全角空格",
  "title: -dash",
  "title: *alias",
  "date: 2019-01-01 06:07",
  "title: x\n\nslug: y",
  "title: \ttab",
];

/** Every path the build asks positions of, and some it never finds. */
function paths(data: Record<string, unknown>): PropertyKey[][] {
  const out: PropertyKey[][] = [[], ["missing"], ["missing", 0], ["title", 0], ["tags", 99]];
  for (const [key, value] of Object.entries(data)) {
    out.push([key], [key, "x"], [key, 0, "x"]);
    if (Array.isArray(value)) value.forEach((_, i) => out.push([key, i]));
  }
  return out;
}

function expectSame(text: string, firstLine = 2): boolean {
  const fast = simpleYaml(text, firstLine);
  if (!fast) return false;
  const full = documentYaml(text, "x.md", firstLine);
  expect(full.issues, text).toEqual([]);
  expect(fast.issues).toEqual([]);
  expect(fast.data, text).toEqual(full.data);
  expect(Object.keys(fast.data as object)).toEqual(Object.keys(full.data as object));
  for (const path of paths(full.data as Record<string, unknown>)) {
    expect(fast.locate(path), `${text} ${String(path)}`).toEqual(full.locate(path));
  }
  for (const key of [...Object.keys(full.data as object), "missing"]) {
    expect(fast.locateKey(key), `${text} ${key}`).toEqual(full.locateKey(key));
  }
  return true;
}

describe("front matter without the YAML parser", () => {
  it("reads what it accepts as the parser does, and leaves the rest to it", () => {
    const taken = EDGES.filter((text) => expectSame(text));
    expect(taken).toEqual([EDGES[0], EDGES[1], EDGES[2], EDGES[3], EDGES[26]]);
  });

  it("takes the fixture site's and the synthetic corpus's articles, with the same data and positions", async () => {
    const dir = await mkdtemp(join(tmpdir(), "frontmatter-"));
    await writeCorpus(dir, 30);
    const files = [
      ...(await readdir(join(dir, "articles"))).map((n) => join(dir, "articles", n)),
      ...(await readdir(join(FIXTURE_SITE, "content/articles"))).map((n) => join(FIXTURE_SITE, "content/articles", n)),
    ];
    let taken = 0;
    for (const file of files) {
      const split = splitFrontMatter(await readFile(file, "utf8"));
      if ("error" in split) continue;
      if (expectSame(split.yaml ?? "", split.yamlLine)) taken++;
    }
    expect(taken).toBeGreaterThanOrEqual(30);
  });
});
