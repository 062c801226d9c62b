/** The ROI paired plot as vectors: one grey line per subject, the means with 95% CIs, the paired test. */
import { pToT } from '../stats';
import type { DrawItem } from './draw';
import type { Box } from './layout';
import type { PreparedRoi } from './prepare';
import { fmtTick } from './colorbar';

function niceTicks(lo: number, hi: number, n = 4): number[] {
  const span = hi - lo || 1;
  const raw = span / n;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-6; v += step) out.push(Math.round(v / step) * step);
  return out;
}

function meanCi(v: number[]): { mean: number; low: number; high: number } {
  const f = v.filter(Number.isFinite);
  const n = f.length;
  const mean = f.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(f.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, n - 1));
  const half = n > 1 ? pToT(0.05, n - 1, 2) * (sd / Math.sqrt(n)) : 0;
  return { mean, low: mean - half, high: mean + half };
}

export const fmtP = (p: number): string => (p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`);
const minus = (s: string) => s.replace(/^-/, '−');

export function drawRoiPlot(r: PreparedRoi, box: Box, fontPt: number, ink: string, faint: string): DrawItem[] {
  const items: DrawItem[] = [];
  const left = box.x + fontPt * 4.2;
  const right = box.x + box.w - fontPt * 0.5;
  const top = box.y + fontPt * 0.6;
  const bottom = box.y + box.h - fontPt * 4.6;
  const all = [...r.a, ...r.b].filter(Number.isFinite);
  let lo = Math.min(...all);
  let hi = Math.max(...all);
  const pad = (hi - lo) * 0.08 || 1;
  lo -= pad;
  hi += pad;
  const yOf = (v: number) => bottom - ((v - lo) / (hi - lo)) * (bottom - top);
  const xA = left + (right - left) * 0.28;
  const xB = left + (right - left) * 0.72;
  // axes
  items.push({ type: 'line', points: [[left, top], [left, bottom], [right, bottom]], stroke: ink, width: 0.5 });
  for (const t of niceTicks(lo, hi)) {
    const y = yOf(t);
    items.push({ type: 'line', points: [[left - fontPt * 0.35, y], [left, y]], stroke: ink, width: 0.5 });
    items.push({ type: 'text', x: left - fontPt * 0.5, y: y + fontPt * 0.32, text: fmtTick(t), sizePt: fontPt * 0.9, fill: ink, anchor: 'end' });
  }
  items.push({ type: 'text', x: box.x + fontPt * 0.9, y: (top + bottom) / 2, text: r.units, sizePt: fontPt * 0.9, fill: ink, anchor: 'middle', rotate: 90 });
  // subjects
  for (let i = 0; i < r.a.length; i++) {
    if (!Number.isFinite(r.a[i]) || !Number.isFinite(r.b[i])) continue;
    items.push({ type: 'line', points: [[xA, yOf(r.a[i])], [xB, yOf(r.b[i])]], stroke: faint, width: 0.35 });
    items.push({ type: 'circle', cx: xA, cy: yOf(r.a[i]), r: fontPt * 0.16, fill: faint });
    items.push({ type: 'circle', cx: xB, cy: yOf(r.b[i]), r: fontPt * 0.16, fill: faint });
  }
  // means and 95% CIs
  const cis = [meanCi(r.a), meanCi(r.b)];
  items.push({ type: 'line', points: [[xA, yOf(cis[0].mean)], [xB, yOf(cis[1].mean)]], stroke: ink, width: 1.2 });
  [xA, xB].forEach((x, k) => {
    const c = cis[k];
    const cap = fontPt * 0.45;
    items.push({ type: 'line', points: [[x, yOf(c.low)], [x, yOf(c.high)]], stroke: ink, width: 0.8 });
    items.push({ type: 'line', points: [[x - cap, yOf(c.low)], [x + cap, yOf(c.low)]], stroke: ink, width: 0.8 });
    items.push({ type: 'line', points: [[x - cap, yOf(c.high)], [x + cap, yOf(c.high)]], stroke: ink, width: 0.8 });
    items.push({ type: 'circle', cx: x, cy: yOf(c.mean), r: fontPt * 0.33, fill: ink });
    items.push({ type: 'text', x, y: bottom + fontPt * 1.2, text: r.conditions[k], sizePt: fontPt, fill: ink, anchor: 'middle' });
  });
  const s = r.summary;
  const stat = `paired t(${s.dof}) = ${minus(s.t.toFixed(2))}, ${fmtP(s.p)}, dz = ${minus(s.dz.toFixed(2))}`;
  const note = `lines: subjects; dots: means ± 95% CI (n = ${s.n})`;
  // Narrow columns get smaller text, never below 5 pt (journals' floor).
  const size = Math.max(5, Math.min(fontPt * 0.85, box.w / (Math.max(stat.length, note.length) * 0.55)));
  const mid = box.x + box.w / 2;
  items.push({ type: 'text', x: mid, y: bottom + fontPt * 2.5, text: stat, sizePt: size, fill: ink, anchor: 'middle' });
  items.push({ type: 'text', x: mid, y: bottom + fontPt * 2.5 + size * 1.3, text: note, sizePt: size, fill: ink, anchor: 'middle' });
  return items;
}
