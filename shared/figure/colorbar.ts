/** Vector colorbars: the ramp as thin rectangles, ticks, threshold marks and units as text. */
import { colourAt, hex, type OverlayColours } from './colormaps';
import type { DrawItem } from './draw';
import type { Box } from './layout';

export interface ColorbarSpec {
  title: string;
  colours: OverlayColours;
  /** Values marked with a tick and a label under the ramp (the thresholds among them). */
  thresholds: number[];
}

const STEPS = 48;
export const fmtTick = (v: number): string => {
  const a = Math.abs(v);
  const s = a >= 100 ? a.toFixed(0) : a >= 10 ? a.toFixed(1) : a.toFixed(2);
  return v < 0 ? `−${s}` : s;
};

/** Draws a colorbar into `box`: title line, ramp, ticks with labels. Two-sided maps leave a gap between the cuts. */
export function drawColorbar(spec: ColorbarSpec, outer: Box, fontPt: number, ink: string): DrawItem[] {
  const items: DrawItem[] = [];
  // Inset so the end labels stay inside the panel.
  const pad = fontPt * 1.3;
  const box: Box = { ...outer, x: outer.x + pad, w: Math.max(fontPt * 4, outer.w - 2 * pad) };
  const c = spec.colours;
  const titleSize = fontPt;
  items.push({ type: 'text', x: box.x + box.w / 2, y: box.y + titleSize * 1.1, text: spec.title, sizePt: titleSize, fill: ink, anchor: 'middle' });
  const rampY = box.y + titleSize * 1.6;
  const rampH = fontPt * 1.2;
  const twoSided = c.negMap !== null && c.neg !== null;
  const gap = twoSided ? Math.max(box.w * 0.1, fontPt * 3) : 0;
  const partW = twoSided ? (box.w - gap) / 2 : box.w;
  const parts: { x: number; map: string; reverse: boolean; lo: number; hi: number }[] = twoSided
    ? [
        { x: box.x, map: c.negMap!, reverse: true, lo: c.min, hi: c.neg! },
        { x: box.x + partW + gap, map: c.posMap, reverse: false, lo: c.pos, hi: c.max },
      ]
    : [{ x: box.x, map: c.posMap, reverse: false, lo: c.pos, hi: c.max }];
  const ticks: { x: number; v: number; a: 'start' | 'middle' | 'end' }[] = [];
  for (const p of parts) {
    const step = partW / STEPS;
    for (let s = 0; s < STEPS; s++) {
      const f = (s + 0.5) / STEPS;
      items.push({ type: 'rect', x: p.x + s * step, y: rampY, w: s === STEPS - 1 ? step : step + 0.35, h: rampH, fill: hex(colourAt(p.map, p.reverse ? 1 - f : f)) });
    }
    items.push({ type: 'rect', x: p.x, y: rampY, w: partW, h: rampH, fill: null, stroke: ink, strokeWidth: 0.3 });
    ticks.push({ x: p.x, v: p.lo, a: twoSided && p.lo > 0 ? 'start' : 'middle' }, { x: p.x + partW, v: p.hi, a: twoSided && p.hi < 0 ? 'end' : 'middle' });
  }
  for (const t of ticks) {
    items.push({ type: 'line', points: [[t.x, rampY + rampH], [t.x, rampY + rampH + fontPt * 0.35]], stroke: ink, width: 0.4 });
    items.push({ type: 'text', x: t.x, y: rampY + rampH + fontPt * 1.3, text: fmtTick(t.v), sizePt: fontPt * 0.9, fill: ink, anchor: t.a });
  }
  // Threshold marks: a short bar above the ramp at each cut, so the cut is seen, not only read.
  for (const v of spec.thresholds) {
    const tk = ticks.find((t) => Math.abs(t.v - v) < 1e-9);
    if (!tk) continue;
    items.push({ type: 'line', points: [[tk.x, rampY - fontPt * 0.3], [tk.x, rampY + rampH]], stroke: ink, width: 0.8 });
  }
  return items;
}
