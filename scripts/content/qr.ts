/**
 * QR codes for WeChat sharing, encoded at build time with uqr (zero-dependency, maintained by
 * unjs). Stored as packed bits (~200 bytes) rather than SVG (~2 KB) so thousands of articles stay
 * small in the bundle; the worker only draws the modules (src/render/html/qr.ts).
 */
import { encode } from "uqr";
import type { QrCode } from "../../src/content/model.ts";

export function encodeQr(text: string): QrCode {
  const { data, size } = encode(text, { ecc: "M", border: 0 });
  const bytes = new Uint8Array(Math.ceil((size * size) / 8));
  data.flat().forEach((dark, i) => {
    if (dark) bytes[i >> 3]! |= 0x80 >> (i & 7);
  });
  return { size, bits: Buffer.from(bytes).toString("base64") };
}
