/** Lookups in the site settings: one place that maps a section's slug to its section. */
import type { Section, SiteSettings } from "./model.ts";

const indexes = new WeakMap<SiteSettings, Map<string, Section>>();

/** The section with this slug, or undefined. */
export function findSection(site: SiteSettings, slug: string): Section | undefined {
  let index = indexes.get(site);
  if (!index) {
    index = new Map(site.categories.map((c) => [c.slug, c]));
    indexes.set(site, index);
  }
  return index.get(slug);
}

/** The display name of a section's slug (the slug itself if the site has no such section). */
export function sectionName(site: SiteSettings, slug: string): string {
  return findSection(site, slug)?.name ?? slug;
}
