/**
 * Pictures from content/media/ are Static Assets served by the worker at /media/<file> (wrangler
 * dev), with nosniff and a sandboxing CSP: an SVG opened on its own runs no script. A photo is
 * published as its derived variants only (scripts/content/images.ts).
 */
import { cp, mkdtemp, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HtmlValidate } from "html-validate";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { startDevServer } from "../../scripts/wrangler/dev-server.ts";
import { FIXTURE_SITE, ROOT } from "../support/project.ts";

describe("media", () => {
  it("serves a picture placed in content/media/ at /media/<file>, shown in its article", async () => {
    const root = await mkdtemp(join(tmpdir(), "media-"));
    await cp(join(FIXTURE_SITE, "content"), join(root, "content"), { recursive: true });
    for (const entry of ["src", "scripts", "wrangler.toml", "package.json"]) {
      await cp(join(ROOT, entry), join(root, entry), { recursive: true, filter: (p) => !p.includes("src/generated") });
    }
    await symlink(join(ROOT, "node_modules"), join(root, "node_modules"));
    await cp(join(ROOT, "test/fixtures/pixel-3x2.png"), join(root, "content/media/photo.png"));
    await writeFile(
      join(root, "content/media/drawing.svg"),
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><path d="M0 0h4v4z"/></svg>\n',
    );
    await writeFile(
      join(root, "content/media/stand.jpg"),
      await sharp({ create: { width: 2000, height: 1500, channels: 3, background: "#8a6c3c" } })
        .jpeg()
        .toBuffer(),
    );
    await writeFile(
      join(root, "content/articles/with-photo-set.md"),
      '---\nid: 7e2b8f0a-1111-4111-8111-00000000000b\ntitle: 展位\ncategory: news\ndate: 2026-01-02\n---\n\n开头。\n\n![展位全景](stand.jpg "展位全景（摄影：协会）")\n\n![会场](photo.png)\n\n文中小图![展位](stand.jpg)与图标![点](photo.png)。\n',
    );
    await writeFile(
      join(root, "content/articles/with-photo.md"),
      "---\nid: 7e2b8f0a-1111-4111-8111-00000000000a\ntitle: 有图\ncategory: news\ndate: 2026-01-01\n---\n\n![会场](photo.png)\n",
    );
    const dev = await startDevServer(root);
    try {
      // The article shows the derived picture; the original is not published.
      const page = await (await fetch(`${dev.url}/articles/with-photo`)).text();
      const src = /<img src="(\/media\/photo-3\.[0-9a-f]{10}\.png)"[^>]* alt="会场" width="3" height="2"/.exec(
        page,
      )?.[1];
      expect(src).toBeDefined();
      const picture = await fetch(`${dev.url}${src}`);
      expect(picture.status).toBe(200);
      expect(picture.headers.get("content-type")).toBe("image/png");
      expect(picture.headers.get("x-content-type-options")).toBe("nosniff");
      // Its name carries its source's hash: cached for a year.
      expect(picture.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect((await fetch(`${dev.url}/media/photo.png`)).status).toBe(404);
      const svg = await fetch(`${dev.url}/media/drawing.svg`, { method: "HEAD" });
      expect(svg.status).toBe(200);
      expect(svg.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
      expect(svg.headers.get("x-content-type-options")).toBe("nosniff");
      expect(svg.headers.get("cache-control")).toBe("public, max-age=86400");
      expect(svg.headers.get("content-security-policy")).toBe(
        "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox",
      );
      expect((await fetch(`${dev.url}/media/missing.png`)).status).toBe(404);

      // A photo's page: <picture> with its sources, valid HTML by the standard's content model.
      const photoPage = await (await fetch(`${dev.url}/articles/with-photo-set`)).text();
      expect(photoPage).toMatch(/<picture><source type="image\/avif" srcset="[^"]+ 480w, [^"]+ 800w, [^"]+ 1600w"/);
      const report = await new HtmlValidate({
        extends: ["html-validate:standard"],
        rules: { "wcag/h37": "error" },
      }).validateString(photoPage);
      expect(report.results.flatMap((r) => r.messages.map((m) => `${m.line}: ${m.ruleId} ${m.message}`))).toEqual([]);
    } finally {
      await dev.stop();
    }
  }, 60_000);
});
