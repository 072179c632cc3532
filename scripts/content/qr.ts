/**
 * QR codes for WeChat sharing, encoded at build time with uqr (zero-dependency, maintained by
 * unjs). Stored as packed bits (~200 bytes) rather than SVG (~2 KB) so thousands of articles stay
 * small in the bundle; the worker only draws the modules (src/render/html/qr.ts).
 */
import { encode } from "uqr";
import type { QrCode } from "../../src/content/model.ts";

/**
 * A fixed mask pattern: every one of the eight decodes (ISO/IEC 18004 §7.8); choosing the one
 * with the lowest penalty score encodes the symbol eight times, which made QR codes the largest
 * cost of a 1,000-article build for no difference to a phone reading a short URL.
 */
const MASK = 2;

export function encodeQr(text: string): QrCode {
  const { data, size } = encode(text, { ecc: "M", border: 0, maskPattern: MASK });
  const bytes = new Uint8Array(Math.ceil((size * size) / 8));
  // Row by row, without flattening: this runs once per article.
  let i = 0;
  for (const row of data) {
    for (const dark of row) {
      if (dark) bytes[i >> 3]! |= 0x80 >> (i & 7);
      i++;
    }
  }
  return { size, bits: Buffer.from(bytes).toString("base64") };
}
