/** The connectivity matrix as vectors: one rect per cell (nilearn's RdBu_r), node names as text, a colour key. */
import { divergingColour } from '../connectivity';
import { fmtTick } from './colorbar';
import { hex } from './colormaps';
import type { DrawItem } from './draw';
import type { Box } from './layout';
import type { PreparedMatrix } from './prepare';

export function drawMatrix(m: PreparedMatrix, box: Box, fontPt: number, ink: string): DrawItem[] {
  const items: DrawItem[] = [];
  const n = m.names.length;
  const key = fontPt * 3;
  const size = Math.max(4, Math.min(fontPt * 0.85, 200 / Math.max(1, n)));
  const longest = Math.max(...m.names.map((s) => s.length), 1);
  const labelW = Math.min(box.w * 0.35, longest * size * 0.55 + size);
  const side = Math.min(box.w - labelW, box.h - key - labelW);
  const cell = side / Math.max(1, n);
  const x0 = box.x + labelW;
  const y0 = box.y;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = m.values[i * n + j];
      if (!Number.isFinite(v)) continue;
      items.push({ type: 'rect', x: x0 + j * cell, y: y0 + i * cell, w: cell + 0.02, h: cell + 0.02, fill: hex(divergingColour(v, m.limit)) });
    }
  }
  items.push({ type: 'rect', x: x0, y: y0, w: side, h: side, fill: null, stroke: ink, strokeWidth: 0.3 });
  m.names.forEach((name, i) => {
    items.push({ type: 'text', x: x0 - size * 0.3, y: y0 + (i + 0.5) * cell + size * 0.35, text: name, sizePt: size, fill: ink, anchor: 'end' });
    items.push({ type: 'text', x: x0 + (i + 0.5) * cell + size * 0.35, y: y0 + side + size * 0.3, text: name, sizePt: size, fill: ink, anchor: 'end', rotate: 90 });
  });
  // Colour key: −limit … 0 … +limit under the matrix.
  const ky = y0 + side + labelW + fontPt * 1.3;
  const kw = Math.min(side, fontPt * 14);
  const kx = x0 + (side - kw) / 2;
  const steps = 40;
  for (let s = 0; s < steps; s++) {
    const v = -m.limit + ((s + 0.5) / steps) * 2 * m.limit;
    items.push({ type: 'rect', x: kx + (s * kw) / steps, y: ky, w: kw / steps + 0.3, h: fontPt * 0.9, fill: hex(divergingColour(v, m.limit)) });
  }
  items.push({ type: 'text', x: kx, y: ky + fontPt * 2, text: fmtTick(-m.limit), sizePt: fontPt * 0.9, fill: ink, anchor: 'middle' });
  items.push({ type: 'text', x: kx + kw / 2, y: ky - fontPt * 0.3, text: m.what, sizePt: fontPt * 0.9, fill: ink, anchor: 'middle' });
  items.push({ type: 'text', x: kx + kw, y: ky + fontPt * 2, text: fmtTick(m.limit), sizePt: fontPt * 0.9, fill: ink, anchor: 'middle' });
  return items;
}
