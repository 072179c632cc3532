/** Lookups in the site settings: one place that maps a category slug to its section. */
import type { NavCategory, SiteSettings } from "./model.ts";

const indexes = new WeakMap<SiteSettings, Map<string, NavCategory>>();

/** The section with this slug, or undefined. */
export function findCategory(site: SiteSettings, slug: string): NavCategory | undefined {
  let index = indexes.get(site);
  if (!index) {
    index = new Map(site.categories.map((c) => [c.slug, c]));
    indexes.set(site, index);
  }
  return index.get(slug);
}

/** The display name of a category slug (the slug itself if the site has no such section). */
export function categoryName(site: SiteSettings, slug: string): string {
  return findCategory(site, slug)?.name ?? slug;
}
