/**
 * Every example of docs/embedding.md, extracted from the document and run against the fixture
 * site (issue 31 part 1): a fenced block tagged `<language> example=<name>` is an example; the
 * site's address in it becomes the test server's. `sh` runs in bash (curl), `js` in Chromium from a
 * page on another origin (console.log is its output), `php` with php-cli, `html` in a page on another
 * origin. The fixture site is built with its origin set to the worker's own address, so the URLs the
 * API answers with (Link, oEmbed) are the ones the examples follow. An example that stops working,
 * or one added without an expectation here, fails.
 */
import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../../scripts/browser/chromium.ts";
import { freePort, startDevServer, type DevServer } from "../../scripts/wrangler/dev-server.ts";
import { fixtureProject, ROOT } from "../support/project.ts";
import { NEWEST_TITLE, SEED_SLUG, SEED_TITLE } from "../support/site.ts";

/** The site's address as the guide writes it (content/site.yaml's placeholder origin). */
const PLACEHOLDER = "https://www.chancheng-ceramics.example";
const GUIDE = readFileSync(join(ROOT, "docs/embedding.md"), "utf8");

interface Example {
  lang: string;
  name: string;
  code: string;
}
/** The fenced blocks whose info string is `<language> example=<name>` (CommonMark §4.5). */
function examples(markdown: string): Example[] {
  return [...markdown.matchAll(/^```(\w+) example=([\w-]+)\n([\s\S]*?)^```$/gm)].map(
    ([, lang = "", name = "", code = ""]) => ({
      lang,
      name,
      code,
    }),
  );
}
const EXAMPLES = examples(GUIDE);
const example = (name: string): Example => {
  const found = EXAMPLES.find((e) => e.name === name);
  if (!found) throw new Error(`docs/embedding.md has no example=${name}`);
  return found;
};

// The fixture's published articles, newest first (a draft and a scheduled one are not listed).
const TILE_TITLE = "2025年佛山陶瓷出口形势分析";
const SCHOOL_TITLE = "协会向山区学校捐赠图书";
const ALL_PUBLISHED = [NEWEST_TITLE, TILE_TITLE, SCHOOL_TITLE, SEED_TITLE];

let worker: DevServer;
let origin: string;
let project: string;
let other: { url: string; server: Server };
let browser: Browser;
let work: string;

beforeAll(async () => {
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  project = await fixtureProject();
  const siteYaml = join(project, "content/site.yaml");
  await writeFile(siteYaml, (await readFile(siteYaml, "utf8")).replace(`origin: ${PLACEHOLDER}`, `origin: ${origin}`));
  await promisify(execFile)(process.execPath, ["--experimental-strip-types", "scripts/build-content.ts"], {
    cwd: project,
  });
  worker = await startDevServer(project, [], 60_000, port);
  // "Another site": a page on its own origin, whose body is whatever a test puts in `hostBody`.
  const otherPort = await freePort();
  const server = createServer((req, res) => {
    if (req.url !== "/") return void res.writeHead(404).end();
    res
      .writeHead(200, { "content-type": "text/html; charset=utf-8" })
      .end(`<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>会员企业</title><body>${hostBody}</body>`);
  });
  await new Promise<void>((resolve) => server.listen(otherPort, "127.0.0.1", resolve));
  other = { url: `http://127.0.0.1:${otherPort}/`, server };
  browser = await launchChromium();
  work = await mkdtemp(join(tmpdir(), "embed-guide-"));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => other?.server.close(r));
  await worker?.stop();
  if (project) await rm(project, { recursive: true, force: true });
  if (work) await rm(work, { recursive: true, force: true });
});

let hostBody = "";
/** A header line with its name in lower case: HTTP/1.1 keeps the server's case, HTTP/2 lowers it. */
const headerNameLowered = (line: string) => line.replace(/^[^:]+/, (name) => name.toLowerCase());
/** The example's code with the site's address replaced by the test server's. */
const local = (e: Example) => e.code.replaceAll(PLACEHOLDER, origin);

async function shell(name: string): Promise<string> {
  const e = example(name);
  expect(e.lang).toBe("sh");
  const { stdout } = await promisify(execFile)("bash", ["-o", "pipefail", "-c", local(e)], { timeout: 20_000 });
  return stdout;
}

async function php(name: string): Promise<string> {
  const e = example(name);
  expect(e.lang).toBe("php");
  const file = join(work, `${name}.php`);
  await writeFile(file, local(e));
  const { stdout } = await promisify(execFile)("php", [file], {
    env: { ...process.env, TMPDIR: work },
    timeout: 20_000,
  });
  return stdout;
}

/** Runs a `js` example as a module in a page of another origin; its console.log lines. */
async function inBrowser(name: string): Promise<string[]> {
  const e = example(name);
  expect(e.lang).toBe("js");
  hostBody = "";
  const page: Page = await browser.newPage();
  const logs: string[] = [];
  const errors: string[] = [];
  page.on("console", (m) => (m.type() === "error" ? errors.push(m.text()) : logs.push(m.text())));
  page.on("pageerror", (err) => errors.push(err.message));
  try {
    await page.goto(other.url);
    await page.addScriptTag({ type: "module", content: `try {\n${local(e)}\n} finally { console.log("(done)"); }` });
    await expect.poll(() => logs.at(-1), { timeout: 15_000 }).toBe("(done)");
    expect(errors).toEqual([]);
    return logs.slice(0, -1);
  } finally {
    await page.close();
  }
}

describe("docs/embedding.md", () => {
  it("has an expectation here for every example, and every example here is in the guide", () => {
    expect(EXAMPLES.map((e) => e.name).sort()).toEqual(
      [
        "element",
        "oembed-discovery",
        "oembed",
        "list-curl",
        "link-curl",
        "list-fetch",
        "list-php",
        "category-php",
        "article-curl",
        "article-fetch",
        "article-php",
        "search-curl",
        "search-fetch",
        "search-php",
        "cors",
        "etag-curl",
        "etag-php",
      ].sort(),
    );
  });

  it("is what the README shows: its snippet is the guide's first example", () => {
    expect(readFileSync(join(ROOT, "README.md"), "utf8")).toContain("```html\n" + example("element").code + "```\n");
  });

  it("says the site's address only as the placeholder the tests replace", () => {
    for (const e of EXAMPLES) expect(e.code, e.name).toContain(PLACEHOLDER);
  });
});

describe("the <ceramics-news> snippet", () => {
  it("shows the latest articles and a tag's articles on a page of another origin", async () => {
    const e = example("element");
    expect(e.lang).toBe("html");
    hostBody = local(e);
    const page = await browser.newPage();
    try {
      await page.goto(other.url);
      const latest = page.locator("ceramics-news[limit='5']:not([tag])").locator("li a");
      await expect.poll(() => latest.allTextContents(), { timeout: 15_000 }).toEqual(ALL_PUBLISHED);
      const tagged = page.locator("ceramics-news[tag]").locator("li a");
      await expect
        .poll(() => tagged.allTextContents(), { timeout: 15_000 })
        .toEqual([NEWEST_TITLE, SCHOOL_TITLE, SEED_TITLE]);
    } finally {
      await page.close();
    }
  });
});

describe("oEmbed", () => {
  it("discovery: the article page links its oEmbed endpoint", async () => {
    const articleUrl = `${origin}/articles/${SEED_SLUG}`;
    expect(await shell("oembed-discovery")).toBe(
      `<link rel="alternate" type="application/json+oembed" href="${origin}/oembed?url=${encodeURIComponent(articleUrl)}&amp;format=json" title="${SEED_TITLE} - 佛山市禅城区陶瓷行业协会">\n`,
    );
  });

  it("the endpoint answers a rich card of the article within maxwidth", async () => {
    const card = JSON.parse(await shell("oembed"));
    expect(card).toMatchObject({ version: "1.0", type: "rich", title: SEED_TITLE, width: 400 });
    expect(card.html).toContain(`src="${origin}/embed/articles/${SEED_SLUG}"`);
  });
});

describe("the list", () => {
  it("curl: a section's articles, two of them", async () => {
    const list = JSON.parse(await shell("list-curl"));
    expect(list.data.map((a: { title: string }) => a.title)).toEqual([NEWEST_TITLE, SEED_TITLE]);
    expect(list.meta).toEqual({ page: 1, limit: 2, total: 2, pages: 1 });
  });

  it("curl: the Link header names the first, last and next pages", async () => {
    const page = (n: number) => `<${origin}/api/v1/articles?page=${n}&limit=2>`;
    expect(headerNameLowered(await shell("link-curl"))).toBe(
      `link: ${page(1)}; rel="first", ${page(2)}; rel="last", ${page(2)}; rel="next"\r\n`,
    );
  });

  it("fetch, from another origin: following Link's next gives every published article once", async () => {
    expect(await inBrowser("list-fetch")).toEqual(ALL_PUBLISHED);
  });

  it("PHP: following Link's next gives every published article once", async () => {
    expect(await php("list-php")).toBe(ALL_PUBLISHED.map((t) => `${t}\n`).join(""));
  });

  it("PHP: a section's articles as an escaped HTML list", async () => {
    expect(await php("category-php")).toBe(
      "<ul>\n" +
        `  <li><a href="${origin}/articles/member-congress-2026">${NEWEST_TITLE}</a> 2026-03-18</li>\n` +
        `  <li><a href="${origin}/articles/${SEED_SLUG}">${SEED_TITLE}</a> 日期不详</li>\n` +
        "</ul>\n",
    );
  });
});

describe("one article", () => {
  it("curl", async () => {
    const article = JSON.parse(await shell("article-curl"));
    expect(article).toMatchObject({ slug: SEED_SLUG, title: SEED_TITLE, published: { known: false } });
  });

  it("fetch, from another origin", async () => {
    expect(await inBrowser("article-fetch")).toEqual([SEED_TITLE, "协会动态 全面深化改革 禅城区 南庄 石湾 张槎 祖庙"]);
  });

  it("PHP", async () => {
    expect(await php("article-php")).toBe(`${SEED_TITLE}\n南方号~佛山市~城市方法论\n`);
  });
});

describe("search", () => {
  it("curl: Traditional characters find the Simplified article", async () => {
    const results = JSON.parse(await shell("search-curl"));
    expect(results.data.map((r: { title: string }) => r.title)).toEqual([SEED_TITLE]);
  });

  it("fetch, from another origin", async () => {
    expect(await inBrowser("search-fetch")).toEqual(["2", TILE_TITLE, NEWEST_TITLE]);
  });

  it("PHP", async () => {
    expect(await php("search-php")).toBe(`${NEWEST_TITLE}\n`);
  });
});

describe("CORS and caching", () => {
  it("any origin may read the API", async () => {
    expect(headerNameLowered(await shell("cors"))).toBe("access-control-allow-origin: *\r\n");
  });

  it("curl: the ETag sent back as If-None-Match gets a 304", async () => {
    expect(await shell("etag-curl")).toBe("304\n");
  });

  it("PHP: 200, then the kept copy within the minute, then a 304 once it is older", async () => {
    expect(await php("etag-php")).toBe(`200 ${NEWEST_TITLE}\n`);
    expect(await php("etag-php")).toBe(`fresh ${NEWEST_TITLE}\n`);
    // A minute passes: the kept copy's time, 61 s earlier.
    const kept = readdirSync(work).find((f) => f.startsWith("ceramics-news-")) ?? "(no kept copy)";
    const state = JSON.parse(await readFile(join(work, kept), "utf8"));
    await writeFile(join(work, kept), JSON.stringify({ ...state, time: state.time - 61 }));
    expect(await php("etag-php")).toBe(`304 ${NEWEST_TITLE}\n`);
  });
});
