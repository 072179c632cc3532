/**
 * A synthetic corpus for benchmarks and tests, and only for them: N articles of realistic length
 * (~3,200 CJK characters: a lead, four sections with sub-headings) recombined deterministically from
 * the seed article's sentences. Every title starts with 【合成】 and every article is tagged 合成数据,
 * so nothing generated can pass for real news.
 */
import { readFile, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

// The fixture site's copy of the seed (test/fixtures/site/), not content/, which editors change.
const SEED = join(import.meta.dirname, "../test/fixtures/site/content/articles/chancheng-2018-reform-four-towns.md");
const CATEGORIES = ["协会概况", "协会动态", "行业前瞻", "慈善公益", "法律咨询", "会员企业", "联系我们"];
const TOWNS = ["南庄", "石湾", "张槎", "祖庙"];

/** mulberry32: a tiny seeded PRNG, so every run writes the same corpus. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function sentences(): Promise<{ sentences: string[]; subheads: string[] }> {
  const text = (await readFile(SEED, "utf8")).split("\n---\n")[1]!;
  const lines = text.split("\n").filter((l) => l && !l.startsWith("!["));
  const subheads = lines.filter((l) => l.startsWith("### ")).map((l) => l.slice(4));
  const body = lines.filter((l) => !l.startsWith("#")).join("");
  return { sentences: body.split(/(?<=[。;])/).filter((s) => s.length > 8), subheads };
}

export function uuidFor(i: number): string {
  const hex = (0x5e00_0000 + i).toString(16).padStart(12, "0");
  return `00000000-0000-4000-8000-${hex}`;
}

export function slugFor(i: number): string {
  return `synthetic-${String(i).padStart(5, "0")}`;
}

export async function writeCorpus(contentDir: string, count: number): Promise<void> {
  const { sentences: pool, subheads } = await sentences();
  await mkdir(join(contentDir, "articles"), { recursive: true });
  const random = rng(20180620);
  const pick = () => pool[Math.floor(random() * pool.length)]!;
  const paragraph = (n: number) => Array.from({ length: n }, pick).join("");
  const start = Date.UTC(2019, 0, 1);
  // One article every ~6 hours, oldest first, closer together for large corpora so that every date
  // stays in the past (before November 2026): a synthetic archive has nothing scheduled.
  const step = Math.min(6 * 3600 * 1000, Math.floor((Date.UTC(2026, 10, 1) - start) / (count + 1)));
  for (let i = 1; i <= count; i++) {
    const jitter = Math.floor(random() * Math.min(3600_000, step / 2));
    const date = new Date(start + i * step + jitter).toISOString().slice(0, 16);
    const sections = TOWNS.map(
      (town) =>
        `## ${town}\n\n### ${subheads[Math.floor(random() * subheads.length)]}\n\n${paragraph(5)}\n\n${paragraph(5)}\n`,
    );
    const text = `---
id: ${uuidFor(i)}
title: 【合成】禅城陶瓷行业动态第${i}期:${pick().slice(0, 18)}
category: ${CATEGORIES[i % CATEGORIES.length]}
date: ${date}
tags: [合成数据]
---

${paragraph(3)}

${sections.join("\n")}`;
    await writeFile(join(contentDir, "articles", `${slugFor(i)}.md`), text);
  }
}
