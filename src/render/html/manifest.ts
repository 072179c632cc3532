/** The web app manifest (W3C Web Application Manifest): the site's name, colours and icons. Pure. */
import type { SiteSettings } from "../../content/model.ts";
import { ICONS } from "../../generated/assets.ts";

export function renderManifest(site: SiteSettings): string {
  const icon = (i: { path: string; width: number; height: number }) => ({
    src: i.path,
    sizes: `${i.width}x${i.height}`,
    type: "image/png",
  });
  return `${JSON.stringify({
    name: site.name,
    short_name: site.name.length > 12 ? site.name.replace(/^.*市/, "") : site.name,
    description: site.description,
    lang: site.language,
    start_url: "/",
    scope: "/",
    display: "browser",
    theme_color: "#8a2c1c",
    background_color: "#fdfbf7",
    icons: [icon(ICONS["icon-192.png"]), icon(ICONS["icon-512.png"])],
  })}\n`;
}
