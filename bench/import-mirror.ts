/**
 * A synthetic mirror of an old site for `npm run bench:import` (bench/import.ts): a wget-style
 * folder (`old.example.cn/`) in a DedeCMS-style template: articles of about 1,500 characters
 * under /a/<yyyy>/<mmdd>/<n>.html (every tenth one dynamic, plus/view.php?aid=<n>.html; every
 * fifth one in GB2312 declared by http-equiv; some with a picture in the mirror, some with one
 * missing), one list page per 50 articles and the home page. The same mirror every run.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

const root = join(import.meta.dirname, "..");

/** GBK's two-byte area as TextDecoder maps it, reversed: enough to write GB2312 pages. */
const gbkTable = new Map<string, number[]>();
const decoder = new TextDecoder("gbk");
for (let lead = 0x81; lead <= 0xfe; lead++)
  for (let trail = 0x40; trail <= 0xfe; trail++)
    if (trail !== 0x7f) {
      const char = decoder.decode(Uint8Array.of(lead, trail));
      if (!gbkTable.has(char)) gbkTable.set(char, [lead, trail]);
    }
const gbk = (text: string) =>
  Uint8Array.from([...text].flatMap((c) => (c.charCodeAt(0) < 0x80 ? [c.charCodeAt(0)] : (gbkTable.get(c) ?? [0x3f]))));

const WORDS =
  "陶瓷 行业 协会 禅城 企业 出口 转型 升级 品牌 建设 创新 展会 会员 石湾 南庄 产值 技术 标准 市场 发展".split(" ");
/** Deterministic text: the same mirror every run. */
function sentence(seed: number): string {
  let s = "";
  for (let i = 0; i < 18; i++) s += WORDS[(seed * 7 + i * 13 + ((seed >> 3) % 5)) % WORDS.length];
  return `${s},${WORDS[seed % WORDS.length]}${WORDS[(seed + 3) % WORDS.length]}持续推进。`;
}
const SIDE = `<div class="right"><h3>热点新闻</h3><ul>${Array.from({ length: 8 }, (_, i) => `<li><a href="/a/${i + 1}.html">热点第${i + 1}号新闻的标题</a></li>`).join("")}</ul></div>
<div class="links"><h3>友情链接</h3><a href="http://www.ceramic.example/">佛山陶瓷网</a></div>
<div class="bottom">Copyright 禅城陶协 版权所有 粤ICP备11050138号</div>`;

function article(n: number, charset: string): string {
  const day = `2018-${String((n % 12) + 1).padStart(2, "0")}-${String((n % 28) + 1).padStart(2, "0")}`;
  const picture =
    n % 20 === 0
      ? `<p><img src="/uploads/p${n % 100}.png" alt="现场"></p>`
      : n % 20 === 1
        ? `<p><img src="/uploads/missing${n}.jpg" alt="现场"></p>`
        : "";
  const body = Array.from({ length: 8 }, (_, i) => `<p>${sentence(n * 8 + i)}</p>`).join("\n");
  return `<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=${charset}">
<title>第${n}号协会新闻_协会动态_禅城陶协</title><meta name="keywords" content="陶瓷,禅城"><script>var a=1;</script></head><body>
<div class="header"><ul class="menu"><li><a href="/">首页</a></li><li><a href="/a/xhdt/">协会动态</a></li></ul></div>
<div class="place">当前位置:<a href="/">主页</a> &gt; <a href="/a/xhdt/">协会动态</a> &gt;</div>
<div class="article"><h1>第${n}号协会新闻</h1><div class="info">发布时间:${day} 10:30 来源:佛山日报 点击:<script src="/plus/count.php?aid=${n}"></script>次</div>
<div class="content">${body}${picture}<p>另见<a href="/a/2018/0101/${Math.max(1, n - 1)}.html">上一条新闻</a>。</p></div>
<div class="fx">分享到:<a href="#">微信</a></div><ul class="pn"><li>上一篇:<a href="#">旧文</a></li><li>下一篇:<a href="#">新文</a></li></ul></div>
${SIDE}</body></html>`;
}

/** Writes the mirror of `pages` article pages into `mirror` (a folder named after the old host). */
export async function writeMirror(mirror: string, pages: number): Promise<void> {
  const put = async (rel: string, data: string | Uint8Array) => {
    await mkdir(dirname(join(mirror, rel)), { recursive: true });
    await writeFile(join(mirror, rel), data);
  };
  const png = await readFile(join(root, "test/fixtures/site/content/media/huiyi.png"));
  for (let p = 0; p < 100; p += 20) await put(`uploads/p${p}.png`, png);
  await put(
    "index.html",
    `<html><head><meta charset="utf-8"><title>禅城陶协</title></head><body>${SIDE}</body></html>`,
  );
  for (let n = 1; n <= pages; n++) {
    const rel = n % 10 === 0 ? `plus/view.php?aid=${n}.html` : `a/2018/0101/${n}.html`;
    if (n % 5 === 0) await put(rel, gbk(article(n, "gb2312")));
    else await put(rel, article(n, "utf-8"));
    if (n % 50 === 0)
      await put(
        `a/xhdt/list_1_${n / 50}.html`,
        `<html><head><meta charset="utf-8"><title>协会动态_禅城陶协</title></head><body><ul>${Array.from({ length: 20 }, (_, i) => `<li><a href="/a/2018/0101/${n - i}.html">第${n - i}号协会新闻</a><span>2018-01-01</span></li>`).join("")}</ul></body></html>`,
      );
  }
}
