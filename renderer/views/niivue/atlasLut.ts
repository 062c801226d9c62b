/**
 * Label colours for the atlas. niivue's outline mode only makes the border opaque; the inside
 * keeps the label's own alpha. Outlines alone therefore need a table whose alpha is 0. niivue's
 * outline is 3D, so the views draw their own per-plane outlines (planeOutlines.ts) in these colours.
 */
import type { LabelTable } from '../../../shared/atlas';

export interface LabelColormap {
  R: number[];
  G: number[];
  B: number[];
  A: number[];
  I: number[];
  labels: string[];
}

export function atlasColormap(table: LabelTable, fillAlpha: number): LabelColormap {
  const cm: LabelColormap = { R: [0], G: [0], B: [0], A: [0], I: [0], labels: [''] };
  const indices = [...table.entries.keys()].filter((i) => i > 0).sort((a, b) => a - b);
  indices.forEach((index, n) => {
    const e = table.entries.get(index)!;
    const [r, g, b] = e.color ?? hueColor(n);
    cm.R.push(r);
    cm.G.push(g);
    cm.B.push(b);
    cm.A.push(fillAlpha);
    cm.I.push(index);
    cm.labels.push(e.name);
  });
  return cm;
}

/** Well-separated bright colours by the golden angle, so neighbouring regions differ. */
function hueColor(n: number): [number, number, number] {
  const h = (n * 137.508) % 360;
  const s = 0.75;
  const l = 0.6;
  const k = (m: number) => (m + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (m: number) => l - a * Math.max(-1, Math.min(k(m) - 3, 9 - k(m), 1));
  return [Math.round(255 * f(0)), Math.round(255 * f(8)), Math.round(255 * f(4))];
}

const outlineColours = new WeakMap<LabelTable, Map<number, Uint32Array>>();

/** The label colours for the per-plane outlines (planeOutlines.ts), one table per opacity. */
export function atlasOutlineColours(table: LabelTable, alpha: number): Uint32Array {
  let byAlpha = outlineColours.get(table);
  if (!byAlpha) outlineColours.set(table, (byAlpha = new Map()));
  let c = byAlpha.get(alpha);
  if (!c) {
    const cm = atlasColormap(table, 255);
    c = colourTable(cm.I.map((index, n): [number, [number, number, number]] => [index, [cm.R[n], cm.G[n], cm.B[n]]]), alpha);
    byAlpha.set(alpha, c);
  }
  return c;
}

/** Packs colours by label value for `OutlineSource.colours`; `alpha` is 0..1. */
export function colourTable(entries: Iterable<[number, [number, number, number]]>, alpha: number): Uint32Array {
  const list = [...entries];
  const max = list.reduce((m, [i]) => Math.max(m, i), 0);
  const out = new Uint32Array(max + 1);
  const a = Math.max(0, Math.min(255, Math.round(255 * alpha)));
  for (const [i, [r, g, b]] of list) if (i > 0 && Number.isInteger(i)) out[i] = ((a << 24) | (b << 16) | (g << 8) | r) >>> 0;
  return out;
}
