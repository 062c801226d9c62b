/** PNG files from RGBA pixels, with the resolution (pHYs) a journal's DPI check reads. */
import { zlibSync } from 'fflate';
import { dpiToPixelsPerMetre } from './units';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array, start: number, end: number): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const v = new DataView(out.buffer);
  v.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  v.setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

function physData(dpi: number): Uint8Array {
  const d = new Uint8Array(9);
  const v = new DataView(d.buffer);
  const ppm = dpiToPixelsPerMetre(dpi);
  v.setUint32(0, ppm);
  v.setUint32(4, ppm);
  d[8] = 1; // unit: metre
  return d;
}

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Encodes RGBA (or RGB with `channels` 3) pixels; `dpi` adds a pHYs chunk. Deterministic bytes. */
export function encodePng(pixels: Uint8Array, width: number, height: number, options: { dpi?: number; channels?: 3 | 4; level?: number } = {}): Uint8Array {
  const ch = options.channels ?? 4;
  if (pixels.length !== width * height * ch) throw new Error(`PNG: ${pixels.length} bytes for ${width}x${height}x${ch}`);
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, width);
  v.setUint32(4, height);
  ihdr[8] = 8;
  ihdr[9] = ch === 4 ? 6 : 2;
  const stride = width * ch;
  // Filter "up" per row: brain images are smooth vertically, so this packs them much smaller.
  const raw = new Uint8Array((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const o = y * (stride + 1);
    raw[o] = 2;
    const row = y * stride;
    if (y === 0) raw.set(pixels.subarray(row, row + stride), o + 1);
    else for (let i = 0; i < stride; i++) raw[o + 1 + i] = (pixels[row + i] - pixels[row - stride + i]) & 0xff;
  }
  const parts = [Uint8Array.from(SIGNATURE), chunk('IHDR', ihdr)];
  if (options.dpi) parts.push(chunk('pHYs', physData(options.dpi)));
  parts.push(chunk('IDAT', zlibSync(raw, { level: (options.level ?? 4) as 4 })), chunk('IEND', new Uint8Array(0)));
  return concat(parts);
}

/** Puts (or replaces) the pHYs chunk of an existing PNG, right after IHDR. */
export function setPngDpi(png: Uint8Array, dpi: number): Uint8Array {
  for (let i = 0; i < 8; i++) if (png[i] !== SIGNATURE[i]) throw new Error('not a PNG file');
  const v = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const parts: Uint8Array[] = [png.subarray(0, 8)];
  let o = 8;
  while (o < png.length) {
    const len = v.getUint32(o);
    const type = String.fromCharCode(...png.subarray(o + 4, o + 8));
    const end = o + 12 + len;
    if (type !== 'pHYs') parts.push(png.subarray(o, end));
    if (type === 'IHDR') parts.push(chunk('pHYs', physData(dpi)));
    o = end;
  }
  return concat(parts);
}

/** Reads width, height and the pHYs DPI (null when absent) of a PNG: tests and the CLI's report use it. */
export function pngInfo(png: Uint8Array): { width: number; height: number; dpiX: number | null; dpiY: number | null } {
  const v = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const width = v.getUint32(16);
  const height = v.getUint32(20);
  let o = 8;
  while (o < png.length) {
    const len = v.getUint32(o);
    const type = String.fromCharCode(...png.subarray(o + 4, o + 8));
    if (type === 'pHYs' && png[o + 16] === 1) return { width, height, dpiX: v.getUint32(o + 8) * 0.0254, dpiY: v.getUint32(o + 12) * 0.0254 };
    if (type === 'IDAT') break;
    o += 12 + len;
  }
  return { width, height, dpiX: null, dpiY: null };
}
