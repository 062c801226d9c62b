// Reads an 8-bit RGB/RGBA PNG (as the figure export writes) into RGBA pixels, for pixel checks of
// exported files; and counts warm, cool and grey pixels of the brain pictures in it.
import { inflateSync } from 'node:zlib';

export function decodePng(png: Buffer): { w: number; h: number; rgba: Uint8Array } {
  const w = png.readUInt32BE(16);
  const h = png.readUInt32BE(20);
  const depth = png[24];
  const type = png[25];
  if (depth !== 8 || (type !== 2 && type !== 6)) throw new Error(`decodePng: only 8-bit RGB/RGBA (got depth ${depth}, type ${type})`);
  const ch = type === 6 ? 4 : 3;
  const parts: Buffer[] = [];
  for (let o = 8; o < png.length; ) {
    const len = png.readUInt32BE(o);
    if (png.toString('latin1', o + 4, o + 8) === 'IDAT') parts.push(png.subarray(o + 8, o + 8 + len));
    o += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(parts));
  const stride = w * ch;
  const cur = new Uint8Array(stride);
  const prev = new Uint8Array(stride);
  const rgba = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) {
    const f = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= ch ? cur[i - ch] : 0;
      const b = prev[i];
      const c = i >= ch ? prev[i - ch] : 0;
      const p = a + b - c;
      const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
      const pred = f === 0 ? 0 : f === 1 ? a : f === 2 ? b : f === 3 ? (a + b) >> 1 : pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      cur[i] = (line[i] + pred) & 255;
    }
    for (let x = 0; x < w; x++) for (let k = 0; k < 4; k++) rgba[4 * (y * w + x) + k] = k < ch ? cur[x * ch + k] : 255;
    prev.set(cur);
  }
  return { w, h, rgba };
}

/**
 * Warm (red/orange/yellow), cool (blue) and grey (the cortex) pixels in the bands of rows that show
 * cortex (more than 5 % grey), so the colorbar under the picture is not counted.
 */
export function surfacePixels(img: { w: number; h: number; rgba: Uint8Array }, band = 20): { warm: number; cool: number; grey: number; bands: number } {
  const out = { warm: 0, cool: 0, grey: 0, bands: 0 };
  for (let y0 = 0; y0 < img.h; y0 += band) {
    let warm = 0, cool = 0, grey = 0, n = 0;
    for (let y = y0; y < Math.min(img.h, y0 + band); y++) {
      for (let x = 0; x < img.w; x++) {
        const i = 4 * (y * img.w + x);
        const r = img.rgba[i], g = img.rgba[i + 1], b = img.rgba[i + 2];
        n++;
        if (r > 150 && r > b + 80 && g < r) warm++;
        else if (b > 120 && b > r + 60) cool++;
        else if (Math.abs(r - g) < 10 && Math.abs(g - b) < 10 && r > 80 && r < 215) grey++;
      }
    }
    if (grey > 0.05 * n) {
      out.bands++;
      out.warm += warm;
      out.cool += cool;
      out.grey += grey;
    }
  }
  return out;
}
