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

/** Page `page` of a list of `total` items, `size` to a page; undefined past the last page. */
export function paginate(total: number, page: number, size: number): Page | undefined {
  const pages = pageCount(total, size);
  if (page < 1 || page > pages) return undefined;
  return { page, pages, total, offset: (page - 1) * size, limit: size };
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

/** A page number as written in a URL: a positive integer in canonical form (no sign, no leading zero). */
export function parsePageNumber(value: string): number | undefined {
  return /^[1-9][0-9]{0,8}$/.test(value) ? Number(value) : undefined;
}
