/** A drawing as SVG: text as <text>, vectors as rects and polylines, brain pictures as embedded PNG. */
import type { Drawing, DrawItem } from './draw';
import { ptToMm } from './units';

export const FONT_FAMILY = 'DejaVu Sans';

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function base64(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += B64[n >> 18] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63] + B64[n & 63];
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i] << 16;
    out += B64[n >> 18] + B64[(n >> 12) & 63] + '==';
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += B64[n >> 18] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63] + '=';
  }
  return out;
}

const f = (n: number): string => (Math.round(n * 1000) / 1000).toString();

function item(it: DrawItem): string {
  switch (it.type) {
    case 'rect':
      return `<rect x="${f(it.x)}" y="${f(it.y)}" width="${f(it.w)}" height="${f(it.h)}" fill="${it.fill ?? 'none'}"${it.stroke ? ` stroke="${it.stroke}" stroke-width="${f(it.strokeWidth ?? 0.5)}"` : ''}/>`;
    case 'line': {
      const pts = it.points.map(([x, y]) => `${f(x)},${f(y)}`).join(' ');
      const tag = it.closed ? 'polygon' : 'polyline';
      return `<${tag} points="${pts}" fill="${it.fill ?? 'none'}" stroke="${it.stroke}" stroke-width="${f(it.width)}"${it.opacity !== undefined ? ` opacity="${f(it.opacity)}"` : ''} stroke-linecap="round" stroke-linejoin="round"/>`;
    }
    case 'circle':
      return `<circle cx="${f(it.cx)}" cy="${f(it.cy)}" r="${f(it.r)}" fill="${it.fill}"${it.stroke ? ` stroke="${it.stroke}" stroke-width="${f(it.strokeWidth ?? 0.5)}"` : ''}/>`;
    case 'text': {
      const rot = it.rotate ? ` transform="rotate(${f(-it.rotate)} ${f(it.x)} ${f(it.y)})"` : '';
      return `<text x="${f(it.x)}" y="${f(it.y)}" font-size="${f(it.sizePt)}" fill="${it.fill}" text-anchor="${it.anchor}"${it.bold ? ' font-weight="bold"' : ''}${rot}>${escapeXml(it.text)}</text>`;
    }
    case 'image':
      return `<image x="${f(it.x)}" y="${f(it.y)}" width="${f(it.w)}" height="${f(it.h)}" preserveAspectRatio="none" href="data:image/png;base64,${base64(it.png)}"/>`;
  }
}

/** The SVG document: width and height in mm, user units in points. */
export function drawingToSvg(d: Drawing, title = 'ContrastScope figure', pixels?: { width: number; height: number }): string {
  const body = d.items.map(item).join('\n');
  // For rasterising: the exact pixel size, so the PNG is width_mm / 25.4 x DPI whatever the rounding.
  const size = pixels ? `width="${pixels.width}" height="${pixels.height}" preserveAspectRatio="none"` : `width="${f(ptToMm(d.widthPt))}mm" height="${f(ptToMm(d.heightPt))}mm"`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" ${size} viewBox="0 0 ${f(d.widthPt)} ${f(d.heightPt)}" font-family="${FONT_FAMILY}, sans-serif">
<title>${escapeXml(title)}</title>
<rect x="0" y="0" width="${f(d.widthPt)}" height="${f(d.heightPt)}" fill="${d.background}"/>
${body}
</svg>
`;
}
