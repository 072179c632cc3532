/**
 * Page math for every paged list (HTML lists, feeds, the API): one rule for how many pages a list
 * has, what a page holds, and which pages it links to. Page 1 always exists, even when empty;
 * any page past the last does not (each route answers that with its own 404).
 */

export interface Page {
  /** 1-based. */
  page: number;
  pages: number;
  total: number;
  /** Newest-first offset and length of the page's window into the list. */
  offset: number;
  limit: number;
}

export function pageCount(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / size));
}

/**
 * The window of page `page`, `size` to a page: the one rule for offsets. paginate() uses it; a
 * search, whose total is known only once it has ranked, asks for its window before paginating.
 */
export function pageWindow(page: number, size: number): { offset: number; limit: number } {
  return { offset: (page - 1) * size, limit: size };
}

/** Page `page` of a list of `total` items, `size` to a page; undefined past the last page. */
export function paginate(total: number, page: number, size: number): Page | undefined {
  const pages = pageCount(total, size);
  if (page < 1 || page > pages) return undefined;
  return { page, pages, total, ...pageWindow(page, size) };
}

/** The pages one page links to (RFC 8288 / RFC 5005 §3 / HTML rel=prev,next): first, last, neighbours. */
export interface PageLinks {
  first: 1;
  last: number;
  prev?: number;
  next?: number;
}

export function pageLinks({ page, pages }: { page: number; pages: number }): PageLinks {
  return {
    first: 1,
    last: pages,
    ...(page > 1 ? { prev: page - 1 } : {}),
    ...(page < pages ? { next: page + 1 } : {}),
  };
}

/**
 * A whole number as written in a URL (a path segment or a query value) within [min, max], in
 * canonical form only: digits, no sign, no leading zero, at most nine of them. Every number a
 * route reads (page, part, limit, year, month, oEmbed sizes) goes through this one rule.
 */
export function parseWhole(value: string, min: number, max: number): number | undefined {
  if (!/^(0|[1-9][0-9]{0,8})$/.test(value)) return undefined;
  const n = Number(value);
  return n >= min && n <= max ? n : undefined;
}

/** The largest page number a URL may name. */
export const MAX_PAGE = 999_999_999;

/** A page number as written in a URL: a positive integer in canonical form (no sign, no leading zero). */
export function parsePageNumber(value: string): number | undefined {
  return parseWhole(value, 1, MAX_PAGE);
}

/**
 * Feeds hold at most this many bytes per document: some services refuse feeds over 1 MB
 * (FeedBurner among them), so a document stays well under it. A page of a feed whose items would
 * exceed it is split into parts, and every part is linked (RFC 5005 §3), so nothing is lost.
 */
export const FEED_DOCUMENT_BYTES = 512 * 1024;
/** What a feed document spends besides its items: the channel's metadata and links. */
export const FEED_HEAD_BYTES = 16 * 1024;

/**
 * The parts of a feed page: consecutive runs of its items whose sizes (bytes each adds to a
 * document, an upper bound) fit the budget together, as [start, end) indices. Greedy from the
 * newest, at least one item each, so the split of a page never depends on any other page.
 */
export function feedParts(
  sizes: readonly number[],
  budget = FEED_DOCUMENT_BYTES - FEED_HEAD_BYTES,
): [number, number][] {
  const parts: [number, number][] = [];
  let start = 0;
  let used = 0;
  sizes.forEach((size, i) => {
    if (i > start && used + size > budget) {
      parts.push([start, i]);
      start = i;
      used = 0;
    }
    used += size;
  });
  parts.push([start, sizes.length]);
  return parts;
}

/** A document of a paged feed: page `page` (fixed windows of the feed size), part `part` of it. */
export interface FeedPageRef {
  page: number;
  part: number;
}

/** Where a feed document sits in its series and the documents it links to (RFC 5005 §3). */
export interface FeedPaging {
  self: FeedPageRef;
  first: FeedPageRef;
  last: FeedPageRef;
  prev?: FeedPageRef;
  next?: FeedPageRef;
  /** The document holds the whole feed (RFC 5005 §2 fh:complete). */
  complete: boolean;
}

/**
 * The paging of part `part` of page `page` out of `pages`, knowing how many parts this page, the
 * previous page and the last page have.
 */
export function feedPaging(
  { page, part }: FeedPageRef,
  pages: number,
  parts: { here: number; previous: number; last: number },
): FeedPaging {
  const last = { page: pages, part: parts.last };
  return {
    self: { page, part },
    first: { page: 1, part: 1 },
    last,
    ...(part > 1
      ? { prev: { page, part: part - 1 } }
      : page > 1
        ? { prev: { page: page - 1, part: parts.previous } }
        : {}),
    ...(part < parts.here
      ? { next: { page, part: part + 1 } }
      : page < pages
        ? { next: { page: page + 1, part: 1 } }
        : {}),
    complete: pages === 1 && parts.here === 1,
  };
}
