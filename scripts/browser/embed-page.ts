/**
 * A page of "another site" (a member company's) that embeds our news with the two-line snippet,
 * served from its own local origin. Used by the cross-origin browser test and the screenshots.
 */
import { createServer, type Server } from "node:http";
import { freePort } from "../wrangler/dev-server.ts";

export const SEED_SLUG = "chancheng-2018-reform-four-towns";

export function embedPageHtml(workerUrl: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>某陶瓷企业官网 — 行业新闻</title>
<link rel="icon" href="data:,">
<style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;background:#f4f6f8;color:#222}header{border-bottom:3px solid #1c5d8a;margin-bottom:1.5rem}h1{font-size:1.4rem;color:#1c5d8a}h2{font-size:1.05rem}</style>
</head>
<body>
<header><h1>某陶瓷企业官网</h1><p>这是另一个网站(另一个源),用两行代码嵌入协会新闻:</p></header>
<h2>协会最新文章</h2>
<script src="${workerUrl}/embed.js" async></script>
<ceramics-news limit="5"></ceramics-news>
<h2>推荐阅读</h2>
<ceramics-news article="${SEED_SLUG}"></ceramics-news>
<h2>关于禅城</h2>
<ceramics-news query="禪城 改革" limit="3"></ceramics-news>
<h2>南庄</h2>
<ceramics-news tag="南庄" limit="3"></ceramics-news>
</body>
</html>
`;
}

export interface EmbedSite {
  url: string;
  stop(): Promise<void>;
}

export async function serveEmbedPage(workerUrl: string): Promise<EmbedSite> {
  const port = await freePort();
  const server: Server = createServer((req, res) => {
    if (req.url !== "/") {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(embedPageHtml(workerUrl));
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${port}/`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
