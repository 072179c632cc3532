/** An article with every part the WeChat rendering keeps, written into a fixture project's content/. */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";

export const SAMPLE_SLUG = "expo-wechat";
export const SAMPLE_FILE = `content/articles/${SAMPLE_SLUG}.md`;

/** The fixture site's origin (test/fixtures/site/content/site.yaml). */
export const ORIGIN = "https://www.chancheng-ceramics.example";

export const SAMPLE = `---
id: 7a0c3f0e-5b7d-4c1e-9a2b-0c1d2e3f4a5b
title: 陶瓷展会观察
category: 行业前瞻
date: 2026-02-01T09:00
author: 李明
summary: 今年的陶瓷展会规模是历年之最。
source: { name: 中国陶瓷网, url: "https://www.ceramics.example/expo" }
tags: [展会]
---

展会由[中国陶瓷工业协会](https://www.ccia.example/)主办,详见[会员大会报道](/articles/member-congress-2026)与[协会网站](https://www.ccia.example/)。

![会员大会会场](huiyi.png "开幕式现场")

## 参展企业

1. 东鹏
2. 蒙娜丽莎

- 瓷砖
- 卫浴

### 数据

| 企业 | 展位 |
| :--- | ---: |
| 东鹏 | 120 |

> 今年的展会规模是历年之最。

**注意**与*提示*。
`;

export async function writeSample(root: string, text = SAMPLE): Promise<void> {
  await writeFile(join(root, SAMPLE_FILE), text);
}
