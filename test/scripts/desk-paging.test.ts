/**
 * The desk's list a page at a time (issue 30, the desk at archive size): entriesPage searches,
 * filters, sorts and pages on the server, so the browser receives one page and a total whatever
 * the archive holds. Each test adds its own synthetic articles to a copy of the fixture site.
 */
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createDesk } from "../../scripts/desk/backend.ts";
import { startDeskServer } from "../../scripts/desk/server.ts";
import { fixtureProject } from "../support/project.ts";

const NOW = Date.parse("2026-12-06T12:00:00+08:00");
const SECTIONS = ["协会动态", "行业前瞻", "慈善公益"];
const roots: string[] = [];
afterEach(async () => {
  await Promise.all(roots.splice(0).map((r) => rm(r, { recursive: true, force: true })));
});

const pad = (i: number) => String(i).padStart(5, "0");
/** Article i of a synthetic archive: an hour older than i-1, from 2026-12-06 16:00 (Shanghai). */
function synthetic(i: number): string {
  const at = new Date(Date.UTC(2026, 11, 6, 16) - i * 3_600_000).toISOString().slice(0, 16);
  // Every tenth from the fourth is a draft; 0–2 are after NOW (scheduled); a section of three.
  return [
    "---",
    `title: 第${pad(i)}号 ${i % 7 === 0 ? "陶瓷展会" : "行业简讯"}`,
    `category: ${i % 6 === 5 ? "news" : SECTIONS[i % 3]}`,
    `date: ${at}`,
    ...(i % 10 === 3 ? ["draft: true"] : []),
    "---",
    "",
    `正文${"。".repeat(400)}`,
    "",
  ].join("\n");
}

async function archive(n: number) {
  return createDesk(await archiveRoot(n), { now: () => NOW });
}

async function archiveRoot(n: number) {
  const root = await fixtureProject();
  roots.push(root);
  await mkdir(join(root, "content/articles"), { recursive: true });
  for (let i = 0; i < n; i++) await writeFile(join(root, `content/articles/a-${pad(i)}.md`), synthetic(i));
  return root;
}

interface Page {
  entries: { path: string; slug: string; title: string; category: string; date: string; state: string }[];
  total: number;
  cursor: number;
  size: number;
  next: number | null;
  prev: number | null;
  last: number;
}
const page = async (desk: ReturnType<typeof createDesk>, params: Record<string, unknown> = {}) => {
  const answer = await desk.handle("entriesPage", params);
  expect(answer.status).toBe(200);
  return answer.body as Page;
};

describe("entriesPage", () => {
  it("sends the newest 50 first, each row's summary only, with the total", async () => {
    const desk = await archive(120);
    const first = await page(desk);
    expect([first.total, first.cursor, first.size, first.prev, first.next, first.last]).toEqual([
      126,
      0,
      50,
      null,
      50,
      100,
    ]);
    expect(first.entries).toHaveLength(50);
    // The fixture's 2099 article is scheduled, so newest; then the synthetic ones hour by hour.
    expect(first.entries[0]).toEqual({
      path: "content/articles/ceramics-expo-2099.md",
      slug: "ceramics-expo-2099",
      title: "第九十九届佛山陶瓷博览会开幕",
      category: "协会动态",
      date: "2099-09-01 09:00",
      state: "定时发布(2099-09-01 09:00)",
    });
    expect(first.entries[1]).toEqual({
      path: "content/articles/a-00000.md",
      slug: "a-00000",
      title: "第00000号 陶瓷展会",
      category: "协会动态",
      date: "2026-12-06 16:00",
      state: "定时发布(2026-12-06 16:00)",
    });
    expect(first.entries.slice(1).map((e) => e.slug)).toEqual(Array.from({ length: 49 }, (_, i) => `a-${pad(i)}`));
  });

  it("goes to the next page, back, and to the last, never overlapping", async () => {
    const desk = await archive(120);
    const second = await page(desk, { cursor: 50 });
    expect([second.cursor, second.prev, second.next]).toEqual([50, 0, 100]);
    expect(second.entries.map((e) => e.slug)).toEqual(Array.from({ length: 50 }, (_, i) => `a-${pad(i + 49)}`));
    const back = await page(desk, { cursor: second.prev });
    expect(back.entries[1]!.slug).toBe("a-00000");
    const last = await page(desk, { cursor: 100 });
    expect([last.cursor, last.next, last.entries.length]).toEqual([100, null, 26]);
    // The fixture's five older articles end the list, the one without a known date last.
    expect(last.entries.slice(-5).map((e) => e.slug)).toEqual([
      "member-congress-2026",
      "annual-report-draft",
      "tile-exports-2025",
      "school-books-2025",
      "chancheng-2018-reform-four-towns",
    ]);
    // Past the end: the last page, not an empty one.
    expect((await page(desk, { cursor: 5000 })).cursor).toBe(100);
  });

  it("filters by state", async () => {
    const desk = await archive(120);
    const drafts = await page(desk, { state: "草稿" });
    // 3, 13, …, 113 and the fixture's annual report.
    expect(drafts.total).toBe(13);
    expect(new Set(drafts.entries.map((e) => e.state))).toEqual(new Set(["草稿"]));
    const scheduled = await page(desk, { state: "定时发布" });
    expect(scheduled.entries.map((e) => e.slug)).toEqual(["ceramics-expo-2099", "a-00000", "a-00001", "a-00002"]);
    expect((await page(desk, { state: "已发布" })).total).toBe(126 - 13 - 4);
  });

  it("searches titles, every word", async () => {
    const desk = await archive(120);
    const found = await page(desk, { query: "陶瓷展会" });
    // i % 7 === 0 for i < 120: 18 articles.
    expect(found.total).toBe(18);
    expect(found.entries.map((e) => e.slug).slice(0, 3)).toEqual(["a-00000", "a-00007", "a-00014"]);
    expect((await page(desk, { query: "第00014号 陶瓷" })).entries.map((e) => e.slug)).toEqual(["a-00014"]);
    expect((await page(desk, { query: "没有这样的标题" })).total).toBe(0);
  });

  it("filters by section, named by name or slug, and shows the section's name", async () => {
    const desk = await archive(120);
    const charity = await page(desk, { section: "慈善公益" });
    expect(charity.entries.every((e) => e.category === "慈善公益")).toBe(true);
    // i % 6 === 2 (i % 3 === 2 but not i % 6 === 5, which name news by slug): 20; + school-books.
    expect(charity.total).toBe(21);
    expect(charity.entries.map((e) => e.slug).slice(-2)).toEqual(["a-00116", "school-books-2025"]);
    const news = await page(desk, { section: "news", size: 200 });
    expect(news.entries.every((e) => e.category === "协会动态")).toBe(true);
    // i % 3 === 0 (40) + i % 6 === 5 (20) + three fixture articles.
    expect(news.total).toBe(63);
  });

  it("sorts oldest first, by title, and by section", async () => {
    const desk = await archive(30);
    expect((await page(desk, { sort: "oldest", size: 3 })).entries.map((e) => e.slug)).toEqual([
      "chancheng-2018-reform-four-towns",
      "school-books-2025",
      "tile-exports-2025",
    ]);
    const byTitle = (await page(desk, { sort: "title", size: 200 })).entries.map((e) => e.title);
    expect(byTitle).toEqual([...byTitle].sort((a, b) => a.localeCompare(b, "zh")));
    expect(byTitle[0]).toBe("2025年佛山陶瓷出口形势分析");
    const bySection = (await page(desk, { sort: "section", size: 200 })).entries.map((e) => e.category);
    expect(bySection).toEqual([...bySection].sort((a, b) => a.localeCompare(b, "zh")));
  });

  it("refuses a bad page size, cursor, state or sort with a 400 naming it", async () => {
    const desk = await archive(0);
    for (const [params, named] of [
      [{ size: 0 }, "每页条数(size)"],
      [{ size: 201 }, "每页条数(size)"],
      [{ cursor: -1 }, "翻页位置(cursor)"],
      [{ cursor: "10" }, "翻页位置(cursor)"],
      [{ state: "published" }, "状态(state)"],
      [{ sort: "date" }, "排序(sort)"],
    ] as const) {
      const answer = await desk.handle("entriesPage", params);
      expect(answer.status).toBe(400);
      expect((answer.body as { error: string }).error).toContain(named);
    }
  });

  it("sends a first page whose size does not grow with the archive: under 40 KB at 2,000 articles", async () => {
    const small = await archive(100);
    const large = await archive(2000);
    const bytes = async (desk: ReturnType<typeof createDesk>) =>
      Buffer.byteLength(JSON.stringify((await desk.handle("entriesPage", {})).body));
    const [at100, at2000] = [await bytes(small), await bytes(large)];
    // The same 50 newest rows; only the total (106 → 2006) and the last page (100 → 2000) are
    // a digit longer each.
    expect(at2000 - at100).toBe(2);
    // 200 KB at 10,000 scaled to 2,000; the page itself is a fraction of it.
    expect(at2000).toBeLessThan(40_000);
  });

  it("lists Decap's first rows only when asked with a size, none for size 0", async () => {
    const desk = await archive(120);
    expect(((await desk.handle("entriesByFolder", { size: 50 })).body as unknown[]).length).toBe(50);
    expect((await desk.handle("entriesByFolder", { size: 0 })).body).toEqual([]);
    expect(((await desk.handle("entriesByFolder", {})).body as unknown[]).length).toBe(126);
  });

  it("is answered through the desk server's checks: its own origin only", async () => {
    const server = await startDeskServer({
      root: await archiveRoot(60),
      upstream: "http://127.0.0.1:9",
      now: () => NOW,
    });
    try {
      const post = (origin: string) =>
        fetch(`${server.url}/admin/api/v1`, {
          method: "POST",
          headers: { origin, "content-type": "application/json" },
          body: JSON.stringify({ action: "entriesPage", params: { size: 10 } }),
        });
      const own = await post(server.url);
      expect(own.status).toBe(200);
      expect(((await own.json()) as Page).entries).toHaveLength(10);
      const other = await post("http://127.0.0.1:1");
      expect(other.status).toBe(403);
      expect(await other.text()).toContain("编辑台只接受来自它自己页面");
    } finally {
      await server.close();
    }
  });
});
