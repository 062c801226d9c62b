/**
 * Vertex colours of the surface views, with the slice panes' colour maps and thresholds:
 * the contrast is warm above the cut and cool below minus the cut (two-sided), the condition
 * means use their one shared window and are drawn only where the contrast survives, so no
 * view fills the cortex with sub-threshold colour. Elsewhere: grey shaded by sulcal depth.
 */
import { lut } from '../../colour/ramp';

export interface RowColouring {
  kind: 'stat' | 'mean';
  /** projected values of this row (the statistic, or the condition mean) */
  values: Float32Array;
  /** the projected statistic, which decides where anything is drawn */
  stat: Float32Array;
  cut: number;
  top: number;
  twoSided: boolean;
  meanRange: { min: number; max: number; signed: boolean };
}

const luts = new Map<string, Float32Array>();
/** niivue's colour table as 256 RGB triples in 0..1. */
function table(name: string): Float32Array {
  let t = luts.get(name);
  if (!t) {
    const src = lut(name);
    t = new Float32Array(256 * 3);
    for (let i = 0; i < 256; i++) for (let c = 0; c < 3; c++) t[3 * i + c] = src[4 * i + c] / 255;
    luts.set(name, t);
  }
  return t;
}

const greys = new WeakMap<Float32Array, Float32Array>();
/** Light grey on gyri, darker in sulci (like FreeSurfer's sulc shading), once per hemisphere. */
function greyOf(sulc: Float32Array): Float32Array {
  let g = greys.get(sulc);
  if (!g) {
    g = new Float32Array(sulc.length * 3);
    for (let v = 0; v < sulc.length; v++) g.fill(sulc[v] > 0 ? 0.78 : 0.52, 3 * v, 3 * v + 3);
    greys.set(sulc, g);
  }
  return g;
}

/** Writes RGB (0..1) per vertex into `out`; sulc > 0 on gyral crowns, < 0 in sulci. */
export function colourVertices(c: RowColouring | null, sulc: Float32Array, out: Float32Array): void {
  const n = sulc.length;
  // Grey first (one copy), then only the vertices that pass are coloured: a drag stays cheap.
  out.set(greyOf(sulc));
  if (!c) return;
  const warm = table('warm');
  const winter = table('winter');
  const viridis = table('viridis');
  const pick = (t: Float32Array, f: number, v: number) => {
    const i = (f >= 1 ? 255 : f <= 0 ? 0 : (f * 255 + 0.5) | 0) * 3;
    out[3 * v] = t[i];
    out[3 * v + 1] = t[i + 1];
    out[3 * v + 2] = t[i + 2];
  };
  const cut = Number.isFinite(c.cut) ? c.cut : Infinity;
  const span = Math.max(1e-9, c.top - cut);
  const low = c.twoSided ? -cut : -Infinity;
  const stat = c.stat;
  for (let v = 0; v < n; v++) {
    const s = stat[v];
    if (!(s >= cut || s <= low)) continue;
    if (c.kind === 'stat') {
      pick(s > 0 ? warm : winter, (Math.abs(s) - cut) / span, v);
      continue;
    }
    const m = c.values[v];
    if (m !== m) continue;
    const r = c.meanRange;
    if (r.signed) pick(m >= 0 ? warm : winter, Math.abs(m) / Math.max(1e-9, m >= 0 ? r.max : -r.min), v);
    else pick(viridis, (m - r.min) / Math.max(1e-9, r.max - r.min), v);
  }
}

/** A diverging colour for an ROI's effect size dz in [-range, range]: blue (lower) .. white .. red (higher). */
export function effectColour(dz: number, range = 1.5): [number, number, number] {
  const f = Math.max(-1, Math.min(1, dz / range));
  if (f >= 0) return [1, 1 - 0.8 * f, 1 - 0.85 * f];
  return [1 + 0.85 * f, 1 + 0.6 * f, 1];
}
