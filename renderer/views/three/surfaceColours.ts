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

const luts = new Map<string, Uint8Array>();
/** niivue's colour table as 256 RGB byte triples. */
function table(name: string): Uint8Array {
  let t = luts.get(name);
  if (!t) {
    const src = lut(name);
    t = new Uint8Array(256 * 3);
    for (let i = 0; i < 256; i++) for (let c = 0; c < 3; c++) t[3 * i + c] = src[4 * i + c];
    luts.set(name, t);
  }
  return t;
}

/** What the grey underlay of a hemisphere is made of. */
export interface Underlay {
  /** sulcal depth proxy: > 0 on gyral crowns, < 0 in sulci */
  sulc: Float32Array;
  /** 1 on the medial wall (the flat cut at the midline): dark, and no map drawn on it */
  medialWall?: Uint8Array;
}

/** The grey of gyral crowns, of sulci, and of the medial wall (RGB bytes). */
export const GREYS = { gyrus: 199, sulcus: 133, wall: 82 } as const;

const greys = new WeakMap<Float32Array, Uint8Array>();
/** Light grey on gyri, darker in sulci (like FreeSurfer's sulc shading), once per hemisphere. */
function greyOf(u: Underlay): Uint8Array {
  let g = greys.get(u.sulc);
  if (!g) {
    const { sulc, medialWall } = u;
    g = new Uint8Array(sulc.length * 3);
    for (let v = 0; v < sulc.length; v++) g.fill(medialWall?.[v] ? GREYS.wall : sulc[v] > 0 ? GREYS.gyrus : GREYS.sulcus, 3 * v, 3 * v + 3);
    greys.set(sulc, g);
  }
  return g;
}

interface Order {
  /** vertices with a value, by |stat| from the largest down */
  vertices: Uint32Array;
  /** |stat| in that order */
  abs: Float32Array;
}
const orders = new WeakMap<Float32Array, Order>();
/** The vertices by |statistic|, once per projection: a threshold then names a prefix of them. */
function orderOf(stat: Float32Array): Order {
  let o = orders.get(stat);
  if (!o) {
    const list: number[] = [];
    for (let v = 0; v < stat.length; v++) if (stat[v] === stat[v]) list.push(v);
    const vertices = Uint32Array.from(list).sort((a, b) => Math.abs(stat[b]) - Math.abs(stat[a]) || a - b);
    const abs = new Float32Array(vertices.length);
    for (let k = 0; k < vertices.length; k++) abs[k] = Math.abs(stat[vertices[k]]);
    o = { vertices, abs };
    orders.set(stat, o);
  }
  return o;
}

/** How many of the sorted |values| are at least `cut` (binary search on the descending list). */
function countAtLeast(abs: Float32Array, cut: number): number {
  let lo = 0;
  let hi = abs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (abs[mid] >= cut) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * What one colour buffer was last painted from. A threshold change keeps the source: then only
 * the vertices at or above the old or the new cut are written (the grey elsewhere stays).
 */
export interface PaintState {
  source: RowColouring | null;
  sulc: Float32Array | null;
  /** the prefix of orderOf(stat) painted last time */
  painted: number;
}

export function paintState(): PaintState {
  return { source: null, sulc: null, painted: -1 };
}

function sameSource(a: RowColouring | null, b: RowColouring): boolean {
  return !!a && a.kind === b.kind && a.values === b.values && a.stat === b.stat && a.meanRange.min === b.meanRange.min && a.meanRange.max === b.meanRange.max && a.meanRange.signed === b.meanRange.signed;
}

/**
 * Writes RGB bytes per vertex into `out` (grey from the underlay where nothing passes) and returns
 * how many vertices it wrote. Incremental through `state`: with the same projected values only
 * the vertices whose |statistic| reaches the old or the new cut are touched.
 */
export function colourVertices(c: RowColouring | null, underlay: Underlay, out: Uint8Array, state: PaintState = paintState()): number {
  const grey = greyOf(underlay);
  const sulc = underlay.sulc;
  const wall = underlay.medialWall;
  if (!c) {
    if (state.source === null && state.sulc === sulc && state.painted === 0) return 0;
    out.set(grey);
    Object.assign(state, { source: null, sulc, painted: 0 });
    return sulc.length;
  }
  let written = 0;
  if (state.sulc !== sulc || !sameSource(state.source, c)) {
    out.set(grey);
    written = sulc.length;
    state.painted = 0;
  }
  const warm = table('warm');
  const winter = table('winter');
  const viridis = table('viridis');
  const put = (t: Uint8Array, i: number, v: number) => {
    out[3 * v] = t[i];
    out[3 * v + 1] = t[i + 1];
    out[3 * v + 2] = t[i + 2];
  };
  const pick = (t: Uint8Array, f: number, v: number) => put(t, (f >= 1 ? 255 : f <= 0 ? 0 : (f * 255 + 0.5) | 0) * 3, v);
  const cut = Number.isFinite(c.cut) ? c.cut : Infinity;
  const span = Math.max(1e-9, c.top - cut);
  const { vertices, abs } = orderOf(c.stat);
  const shown = cut === Infinity ? 0 : countAtLeast(abs, cut);
  const stat = c.stat;
  const r = c.meanRange;
  for (let k = 0; k < shown; k++) {
    const v = vertices[k];
    const s = stat[v];
    // One-sided: only the positive side passes; the rest of the prefix stays grey.
    if ((!c.twoSided && s < cut) || wall?.[v]) {
      put(grey, 3 * v, v);
      continue;
    }
    if (c.kind === 'stat') {
      pick(s > 0 ? warm : winter, (Math.abs(s) - cut) / span, v);
      continue;
    }
    const m = c.values[v];
    if (m !== m) put(grey, 3 * v, v);
    else if (r.signed) pick(m >= 0 ? warm : winter, Math.abs(m) / Math.max(1e-9, m >= 0 ? r.max : -r.min), v);
    else pick(viridis, (m - r.min) / Math.max(1e-9, r.max - r.min), v);
  }
  // Vertices that passed the old cut and not the new one go back to grey.
  for (let k = shown; k < state.painted; k++) put(grey, 3 * vertices[k], vertices[k]);
  written += Math.max(shown, state.painted);
  Object.assign(state, { source: c, sulc, painted: shown });
  return written;
}

/** A diverging colour for an ROI's effect size dz in [-range, range]: blue (lower) .. white .. red (higher). */
export function effectColour(dz: number, range = 1.5): [number, number, number] {
  const f = Math.max(-1, Math.min(1, dz / range));
  if (f >= 0) return [1, 1 - 0.8 * f, 1 - 0.85 * f];
  return [1 + 0.85 * f, 1 + 0.6 * f, 1];
}
