/**
 * What every import source (feed.ts, the mirror, a WordPress export) produces: one article as the
 * source states it, and nothing invented (no date where none is given). write.ts turns these into
 * the documented Markdown files.
 */

/** One article as a source states it. */
export interface Imported {
  /**
   * The old URL (absolute): the permanent id derives from it, and its path (with its query, for
   * dynamic pages such as /plus/view.php?aid=123) becomes an alias answered with a 301.
   */
  url: string;
  /** Where the source has it, for messages: `item 3` of a feed or an export, a mirror's page path. */
  position?: string;
  title: string;
  /** The body as HTML; its pictures' src are relative to `url` or absolute. */
  html: string;
  /** When the source states it: an instant (RFC 3339 or RFC 822 as written, parsed by Date). */
  published?: number;
  updated?: number;
  /**
   * The date as the page writes it, when it gives no offset: wall time in the site's time zone
   * (`YYYY-MM-DD`, or with `THH:MM[:SS]`), written as it is (a day stays a day: no invented time).
   * `published` is then the same instant.
   */
  publishedLocal?: string;
  updatedLocal?: string;
  tags: string[];
  /** Section names as the source gives them (breadcrumb, column, category; matched later). */
  categories: string[];
  author?: string;
  /** The source says it is not published (a WordPress draft or pending post). */
  draft?: boolean;
  summary?: string;
  /** The original publisher (a 来源 line), with its link when given. */
  source?: { name: string; url?: string };
  /** Further old URLs of the same article (WordPress's /?p=123), each also an alias. */
  aliases?: string[];
  /**
   * What the source knows of the body's pictures (a mirror holds their files): each by its
   * `<img src>` resolved against `url`. A picture not listed here is on the old host only.
   */
  pictures?: ImportedPicture[];
}

/** A picture of an imported body, as its source has it. */
export interface ImportedPicture {
  /** Its URL: the `<img src>` resolved against the article's `url`. */
  src: string;
  /** The file holding it, with its base name (extension as its bytes say) and SHA-256 (hex). */
  file?: { path: string; name: string; digest: string };
  /** Why it cannot be brought in, when it cannot ("not in the mirror", "damaged: …"). */
  unavailable?: string;
  /** The extension its bytes say, when the source holds it but it cannot be brought in (`svg`). */
  type?: string;
}

/** A source read: its items, and what was skipped or noticed, each line naming the page or item. */
export interface SourceRead {
  /** For the summary line: "RSS feed", "mirror", "WordPress export". */
  kind: string;
  items: Imported[];
  skipped: string[];
  warnings: string[];
  /** What the reader decided that the editor should know (one line each), such as the folder it read. */
  notes?: string[];
  /** What one item of this source is, for the summary line ("page" for a mirror); "item" if not given. */
  unit?: string;
}
