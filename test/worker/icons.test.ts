/**
 * Icons drawn at build time from the SVG mark: in RSS <image>, Atom <icon>/<logo>, JSON Feed
 * icon/favicon, the HTML head (apple-touch-icon, manifest) and the web app manifest; each a PNG of
 * the size its place asks for, served from its fingerprinted URL with a validator.
 */
import { describe, expect, it } from "vitest";
import { parseXml } from "../support/xml.ts";
import { harness } from "./harness.ts";
import { content } from "./model.ts";

const ORIGIN = "https://www.chancheng-ceramics.example";
const site = harness({ content });
const ATOM = "http://www.w3.org/2005/Atom";

/** Status, type and the PNG's pixel size (IHDR, PNG §11.2.2) of an icon URL. */
async function png(url: string) {
  expect(url.startsWith(`${ORIGIN}/assets/`), url).toBe(true);
  const res = await site.fetch(url.replace(ORIGIN, ""));
  const bytes = new Uint8Array(await res.arrayBuffer());
  const view = new DataView(bytes.buffer);
  return {
    status: res.status,
    type: res.headers.get("content-type"),
    signature: [...bytes.subarray(0, 8)],
    size: [view.getUint32(16), view.getUint32(20)],
    etag: res.headers.get("etag"),
    cache: res.headers.get("cache-control"),
  };
}
const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe("icons", () => {
  it("RSS carries a 144 px <image> with the channel's title and link", async () => {
    const channel = parseXml(await (await site.fetch("/feed.xml")).text()).children[0]!;
    const image = channel.children.find((e) => e.name === "image")!;
    const field = (name: string) => image.children.find((e) => e.name === name)!.text;
    expect(field("title")).toBe(channel.children.find((e) => e.name === "title")!.text);
    expect(field("link")).toBe(`${ORIGIN}/`);
    expect([field("width"), field("height")]).toEqual(["144", "144"]);
    expect(await png(field("url"))).toMatchObject({
      status: 200,
      type: "image/png",
      signature: SIGNATURE,
      size: [144, 144],
    });
  });

  it("Atom carries a square <icon> and a 2:1 <logo>", async () => {
    const feed = parseXml(await (await site.fetch("/atom.xml")).text());
    const text = (name: string) => feed.children.find((e) => e.name === `${ATOM} ${name}`)!.text;
    expect((await png(text("icon"))).size).toEqual([64, 64]);
    expect((await png(text("logo"))).size).toEqual([400, 200]);
  });

  it("JSON Feed carries a 512 px icon and a small favicon", async () => {
    const feed = (await (await site.fetch("/feed.json")).json()) as { icon: string; favicon: string };
    expect((await png(feed.icon)).size).toEqual([512, 512]);
    expect((await png(feed.favicon)).size).toEqual([64, 64]);
  });

  it("pages name an apple-touch-icon and the web app manifest, which lists the icons", async () => {
    const html = await (await site.fetch("/")).text();
    const touch = /<link rel="apple-touch-icon" href="([^"]+)">/.exec(html)![1]!;
    expect((await png(ORIGIN + touch)).size).toEqual([180, 180]);
    expect(html).toContain('<link rel="manifest" href="/manifest.webmanifest">');
    const res = await site.fetch("/manifest.webmanifest");
    expect(res.headers.get("content-type")).toBe("application/manifest+json; charset=utf-8");
    const manifest = (await res.json()) as { name: string; icons: { src: string; sizes: string; type: string }[] };
    expect(manifest.name).toBe(content.site.name);
    expect(manifest.icons.map((i) => i.sizes)).toEqual(["192x192", "512x512"]);
    for (const i of manifest.icons) expect((await png(ORIGIN + i.src)).size.join("x")).toBe(i.sizes);
  });

  it("serves an icon immutable, with an ETag, and 304 when it matches", async () => {
    const feed = (await (await site.fetch("/feed.json")).json()) as { icon: string };
    const first = await png(feed.icon);
    expect(first.cache).toBe("public, max-age=31536000, immutable");
    const again = await site.fetch(feed.icon.replace(ORIGIN, ""), { headers: { "if-none-match": first.etag! } });
    expect(again.status).toBe(304);
  });
});
