import { esc } from "./escape.ts";

/** Draws a build-time QR code (packed bits) as an inline SVG: one path, a run per row. */
import type { QrCode } from "../../content/model.ts";

export function qrSvg(qr: QrCode, label: string): string {
  const bytes = Uint8Array.from(atob(qr.bits), (c) => c.charCodeAt(0));
  const dark = (i: number) => (bytes[i >> 3]! & (0x80 >> (i & 7))) !== 0;
  let d = "";
  for (let y = 0; y < qr.size; y++) {
    for (let x = 0; x < qr.size;) {
      if (!dark(y * qr.size + x)) {
        x++;
        continue;
      }
      let run = 1;
      while (x + run < qr.size && dark(y * qr.size + x + run)) run++;
      d += `M${x + 4} ${y + 4}h${run}v1h-${run}z`;
      x += run;
    }
  }
  const box = qr.size + 8; // a quiet zone of four modules (ISO/IEC 18004 §6.3.8)
  return `<svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${box} ${box}" width="132" height="132" role="img" aria-label="${esc(label)}"><rect width="${box}" height="${box}" fill="#fff"/><path fill="#000" d="${d}"/></svg>`;
}
