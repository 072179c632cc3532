import { execFile } from "node:child_process";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import sharp from "sharp";
import { ROOT } from "../support/project.ts";

export const SITE_YAML = `id: 99999999-9999-4999-8999-999999999999
name: 测试站点
origin: https://news.example.org
language: zh-CN
timeZone: Asia/Shanghai
description: 测试用站点。
categories:
  - { slug: news, name: 协会动态 }
  - { slug: outlook, name: 行业前瞻 }
copyright: Copyright 测试
icp: { number: 粤ICP备00000000号, url: "https://beian.miit.gov.cn/" }
`;

export const VALID_ARTICLE = `---
id: 11111111-1111-4111-8111-111111111111
title: 第一篇
category: 协会动态
date: 2026-01-05
---

正文第一段。
`;

/**
 * A temporary project root holding content/ with the given files (paths relative to content/).
 * site.yaml is SITE_YAML unless given; a file given as null is left out.
 */
export async function fixture(files: Record<string, string | Uint8Array | null>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "content-fixture-"));
  const all = { "site.yaml": SITE_YAML, ...files };
  for (const [path, text] of Object.entries(all)) {
    if (text === null) continue;
    const full = join(root, "content", path);
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, text);
  }
  return root;
}

/** Front matter lines → a complete article file. */
export function article(frontMatter: string, body = "正文。\n"): string {
  return `---\n${frontMatter.trim()}\n---\n\n${body}`;
}

/** Three square frames of different colours, for an animated picture. */
export function frames(size: number): Promise<Buffer[]> {
  return Promise.all(
    ["#8a2c1c", "#336699", "#e0b040"].map((background) =>
      sharp({ create: { width: size, height: size, channels: 3, background } })
        .png()
        .toBuffer(),
    ),
  );
}

/** One of scripts/ run as an editor runs it, on the project at `root`: its exit code and output. */
export async function runScript(
  script: string,
  root: string,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ["--experimental-strip-types", join(ROOT, "scripts", script), "--root", root, ...args],
      { encoding: "utf8" },
    );
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}
