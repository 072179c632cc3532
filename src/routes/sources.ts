/**
 * What a list shows, one shape for every list the site serves: the HTML list pages (pages.ts), the
 * feeds (feeds.ts) and the API's article list (api.ts) all read a `ListSource`: the latest
 * articles, a section, a tag, an archive year or month, or the API's combination of filters.
 * Counts come from the manifest (site, section) or the facets file (tag, month, year); when the
 * facets file is lost, from the postings (one read), and the count says which faults it met.
 */
import {
  facetCount,
  facetTerm,
  feedId,
  feedIdName,
  paths,
  type Content,
  type Listing,
  type Section,
  SLUG_RE,
  type Article,
  type StoreFault,
} from "../content/index.ts";
import { archiveCollection, sectionCollection, tagCollection, type Collection } from "../render/index.ts";
import type { Rendered } from "../cache/index.ts";
import { cacheTag, lastModifiedOf, type Degradable, type Representation } from "../serving/index.ts";
import type { RouteContext, RouteCtx } from "./context.ts";

export interface Counted {
  total: number;
  faults: StoreFault[];
}

export interface ListSource {
  /** The list's path, "" for the latest articles (content/urls.ts `paths.page`, `paths.feed`). */
  base: string;
  /** How the HTML list names itself; undefined for the latest articles. */
  collection?: Collection;
  /** How its feeds name themselves. */
  feed: { id: () => string | Promise<string>; title: string; description: string };
  /** Its Cache-Tags (serving/tags.ts): the lists it is drawn from. */
  tags: string[];
  /** The list's filters, named as the API's query parameters its links repeat (`category`: a section's slug). */
  filters: { category?: string; tag?: string; year?: number; month?: number };
  count(now: number): Counted | Promise<Counted>;
  list(now: number, window: { offset: number; limit: number }): Promise<Listing>;
}

export function listSources(content: Content) {
  const site = content.site;

  /** A list of the articles in every one of `terms` (facets), counted from the facets file when it can be. */
  const faceted = (
    terms: string[],
    counter: ((f: Parameters<typeof facetCount>[0]) => number) | undefined,
  ): Pick<ListSource, "count" | "list"> => ({
    async count(now) {
      const facets = counter ? await content.facetCounts(now) : undefined;
      if (facets?.ok) return { total: counter!(facets.value), faults: [] };
      const found = await content.facetArticles(terms, now, { offset: 0, limit: 0 });
      return { total: found.total, faults: [...(facets ? [facets.fault] : []), ...found.faults] };
    },
    list: (now, window) => content.facetArticles(terms, now, window),
  });

  const home = (): ListSource => ({
    base: "",
    feed: { id: () => site.feedIds.all!, title: site.name, description: site.description },
    tags: [cacheTag.list("")],
    filters: {},
    count: (now) => ({ total: content.count(now), faults: [] }),
    list: (now, window) => content.list(now, window),
  });

  const section = (found: Section): ListSource => ({
    base: paths.section(found.slug),
    collection: sectionCollection(found, site),
    feed: {
      id: () => site.feedIds[found.slug]!,
      title: `${site.name} - ${found.name}`,
      description: `${site.name}「${found.name}」栏目的文章。`,
    },
    tags: [cacheTag.list(paths.section(found.slug))],
    filters: { category: found.slug },
    count: (now) => ({ total: content.count(now, found.slug), faults: [] }),
    list: (now, window) => content.list(now, { section: found.slug, ...window }),
  });

  const tag = (name: string): ListSource => ({
    base: paths.tag(name),
    collection: tagCollection(name, site),
    feed: {
      id: () => feedId(site.id, feedIdName.tag(name)),
      title: `${site.name} - 标签:${name}`,
      description: `${site.name}标有「${name}」的文章。`,
    },
    tags: [cacheTag.list(paths.tag(name))],
    filters: { tag: name },
    ...faceted([facetTerm.tag(name)], (f) => facetCount(f, { tag: name })),
  });

  const archive = (year: number, month?: number): ListSource => ({
    base: paths.archive(year, month),
    collection: archiveCollection(year, month, site),
    feed: { id: () => site.feedIds.all!, title: site.name, description: site.description },
    tags: [cacheTag.list(paths.archive(year, month))],
    filters: { year, ...(month !== undefined ? { month } : {}) },
    ...faceted([month === undefined ? facetTerm.year(year) : facetTerm.month(year, month)], (f) =>
      facetCount(f, { year, ...(month !== undefined ? { month } : {}) }),
    ),
  });

  /**
   * The API's filters together: one alone is the list above; a section with a tag or a period
   * intersects their postings (counted from them).
   */
  const filtered = (filters: ListSource["filters"]): ListSource => {
    const { category: slug, tag: t, year, month } = filters;
    const facetTerms = [
      ...(t !== undefined ? [facetTerm.tag(t)] : []),
      ...(year !== undefined ? [month !== undefined ? facetTerm.month(year, month) : facetTerm.year(year)] : []),
    ];
    const found = slug === undefined ? undefined : content.section(slug);
    if (facetTerms.length === 0) return found ? section(found) : home();
    if (facetTerms.length === 1 && !found) return t !== undefined ? tag(t) : archive(year!, month);
    if (found) facetTerms.push(facetTerm.section(found.slug));
    // A combination changes when any of its lists does.
    const tags = [
      ...(found ? section(found).tags : []),
      ...(t !== undefined ? tag(t).tags : []),
      ...(year !== undefined ? archive(year, month).tags : []),
    ];
    return { ...home(), tags, filters, ...faceted(facetTerms, undefined) };
  };

  return {
    home,
    /** A section's list, or undefined when the site has no such section. */
    section: (slug: string) => {
      const found = content.section(slug);
      return found && section(found);
    },
    tag,
    archive,
    filtered,
  };
}

/**
 * One article's representations (the page, the embed card, oEmbed, the API's article), served
 * only while the article is published. Whether it is is asked twice: the slug rule first, before
 * a cache key is made of the slug (one that breaks it is no article, without touching the store);
 * then, when the representation is rendered, the store: the visible article, or nothing for a
 * slug that is unknown, a draft, not yet published, or whose record is lost. Either "no" is
 * "not found" in the route's surface (`c.var.fail`, src/http/fail.ts), never rendered or cached.
 */
export function articleFinder({ content, serve }: RouteContext) {
  return {
    /**
     * The representation `rep` of article `slug`, dated by the article (Last-Modified) and tagged
     * with it (Cache-Tag `cacheTag.article`, then `rep.tags`); `missing` is the not-found message.
     *
     * @example
     * return articles.serve(c, slug, "no such article", {
     *   policy: "page", format: "html", path: paths.article(slug), tags: [],
     *   render: (article) => ({ body: renderArticle(article, site), type: MIME.html }),
     * });
     */
    serve(c: RouteCtx, slug: string, missing: string, rep: ArticleRepresentation): Promise<Response> {
      if (!SLUG_RE.test(slug)) return c.var.fail.notFound(missing);
      const now = c.var.now;
      return serve(c, {
        ...rep,
        tags: [cacheTag.article(slug), ...rep.tags],
        render: async () => {
          const article = (await content.article(slug, now)) ?? c.var.fail.notFound(missing);
          return { ...(await rep.render(article)), lastModified: lastModifiedOf([article]) };
        },
      });
    },
  };
}

/** A representation of one article: rendered from it once it is known to be published. */
export interface ArticleRepresentation extends Omit<Representation, "render"> {
  render(article: Article): Rendered | Degradable | Promise<Rendered | Degradable>;
}
