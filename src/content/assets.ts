/**
 * What the build writes of src/assets/ into the generated module (scripts/content/assets.ts and
 * icons.ts make them; src/generated/assets.ts holds them): fingerprinted, so each URL can be
 * cached for a year.
 */

/** A stylesheet, script or SVG, as text. */
export interface Asset {
  /** Fingerprinted URL path, e.g. /assets/site.3f2a1b9c.css */
  path: string;
  type: string;
  body: string;
}

/** A PNG icon drawn from the SVG mark. */
export interface Icon {
  /** Fingerprinted URL path, e.g. /assets/icon-512.3f2a1b9c.png */
  path: string;
  type: "image/png";
  width: number;
  height: number;
  /** The PNG, base64. */
  base64: string;
  /** Strong validator: a hash of the bytes. */
  etag: string;
}
