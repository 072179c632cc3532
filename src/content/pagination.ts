/**
 * Page math for every paged list (HTML lists, feeds, the API): one rule for how many pages a list
 * has, what a page holds, and which pages it links to. Page 1 always exists, even when empty;
 * any page past the last does not (each route answers that with its own 404).
 */

export interface Page<T> {
  items: T[];
  /** 1-based. */
  page: number;
  pages: number;
  total: number;
}

export function pageCount(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / size));
}

/** The `page`-th page of `items`, `size` to a page; undefined past the last page. */
export function paginate<T>(items: readonly T[], page: number, size: number): Page<T> | undefined {
  const pages = pageCount(items.length, size);
  if (page < 1 || page > pages) return undefined;
  return { items: items.slice((page - 1) * size, page * size), page, pages, total: items.length };
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
