/**
 * What the tests' own site (test/fixtures/site/, described in its README) holds, for worker and
 * Node tests alike (no Node imports: the worker tests' types see this file). Tests never read the
 * repository's content/, which editors change every day.
 */
export const SEED_SLUG = "chancheng-2018-reform-four-towns";
export const SEED_TITLE = "佛山禅城全面深化改革,四镇街以何为破口?听镇街书记怎么说";
/** The newest published article of the fixture site. */
export const NEWEST_SLUG = "member-congress-2026";
export const NEWEST_TITLE = "协会召开第五届会员大会";
