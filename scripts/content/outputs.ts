/**
 * What the store's writer needs of each article besides its summary: its record in an article pack
 * (its JSON, as bytes), the bytes it adds to a feed document and its search-index key. Made where
 * the article was compiled (a build thread, threads.ts), so the writer, in the build's one main
 * thread, only copies them. An article whose HTML the checks across articles rewrote (links
 * between articles, build.ts) drops them, and the writer makes them itself, the same way.
 */
import { createHash } from "node:crypto";
import type { Article, SiteSettings } from "../../src/content/model.ts";
import { feedItemBytes } from "../../src/render/feeds/size.ts";
import { packRecord } from "./pack.ts";

export interface ArticleOutputs {
  record: Uint8Array;
  feedBytes: number;
  indexKey: string;
  /**
   * The article is the manifest of sources' (manifest.ts): the model holds it without its body,
   * and `record` (read when asked) is the only whole form of it.
   */
  stored?: true;
}

/**
 * An article's key in the search index's cached blocks (search-index.ts `IndexBlocks.keyOf`): a
 * hash of its record, which holds everything its terms come from (texts, tags, section, date).
 * The record is bytes already, so this costs one pass of SHA-1, not another serialisation.
 */
export function indexKeyOf(record: Uint8Array): string {
  return createHash("sha1").update(record).digest("base64url");
}

export function articleOutputs(article: Article, site: SiteSettings): ArticleOutputs {
  const record = packRecord(article);
  return { record, feedBytes: feedItemBytes(article, site), indexKey: indexKeyOf(record) };
}
