/** TIFF for journals' raster uploads: RGB, Deflate-compressed, with the DPI in the resolution tags (UTIF writes the tags). */
import { zlibSync } from 'fflate';
import UTIF from 'utif2';

export function encodeTiff(rgba: Uint8Array, width: number, height: number, dpi: number): Uint8Array {
  const rgbBytes = new Uint8Array(width * height * 3);
  for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
    rgbBytes[j] = rgba[i];
    rgbBytes[j + 1] = rgba[i + 1];
    rgbBytes[j + 2] = rgba[i + 2];
  }
  const packed = zlibSync(rgbBytes, { level: 6 });
  const ifd = (offset: number): Record<string, unknown> => ({
    t256: [width],
    t257: [height],
    t258: [8, 8, 8],
    t259: [8], // Adobe Deflate
    t262: [2], // RGB
    t273: [offset],
    t277: [3],
    t278: [height],
    t279: [packed.length],
    t282: [[dpi, 1]],
    t283: [[dpi, 1]],
    t284: [1],
    t296: [2], // inches
    t305: ['ContrastScope'],
  });
  // The header's length does not depend on the offset's value: write it once to measure, then for real.
  const probe = new Uint8Array(UTIF.encode([ifd(0) as unknown as UTIF.IFD]));
  const head = new Uint8Array(UTIF.encode([ifd(probe.length) as unknown as UTIF.IFD]));
  const out = new Uint8Array(head.length + packed.length);
  out.set(head, 0);
  out.set(packed, head.length);
  return out;
}
