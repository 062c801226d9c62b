/**
 * Glass brain: signed maximum-intensity projections. Along each ray the value of largest |v|
 * is kept with its sign (nilearn's plot_glass_brain with plot_abs=False), drawn over the
 * silhouette of the bundled template.
 */
import { overlayColour, type OverlayColours } from './colormaps';
import { BRAIN_BOX, sampler, templateScale, type Axis, type Volume } from './volume';
import { resample } from '../spaces/resample';

export interface Projection {
  /** w x h values, row-major, first row = lowest index of the second kept axis */
  data: Float32Array;
  w: number;
  h: number;
}

/**
 * The signed MIP along voxel `axis` (0, 1, 2) of `data` (dims nx, ny, nz, x fastest), over
 * voxels `from` to `to` (exclusive) of that axis. NaN counts as 0; ties keep the first voxel.
 * Output axes are the two others in order (e.g. axis 2 gives w = nx, h = ny).
 */
export function signedMip(data: ArrayLike<number>, dims: [number, number, number], axis: 0 | 1 | 2, from = 0, to = dims[axis]): Projection {
  const [nx, ny, nz] = dims;
  const w = axis === 0 ? ny : nx;
  const h = axis === 2 ? ny : nz;
  const out = new Float32Array(w * h);
  const best = new Float32Array(w * h);
  // One loop per axis with flat indices: this runs over every voxel of a 1 mm template.
  const visit = (v: number, o: number) => {
    const a = v < 0 ? -v : v;
    if (a > best[o]) {
      best[o] = a;
      out[o] = v;
    }
  };
  for (let k = axis === 2 ? from : 0; k < (axis === 2 ? to : nz); k++) {
    for (let j = axis === 1 ? from : 0; j < (axis === 1 ? to : ny); j++) {
      const row = nx * (j + ny * k);
      if (axis === 0) {
        const o = j + w * k;
        for (let i = from; i < to; i++) {
          const v = data[row + i];
          if (v !== 0 && v === v) visit(v, o);
        }
      } else {
        const o0 = axis === 1 ? w * k : w * j;
        for (let i = 0; i < nx; i++) {
          const v = data[row + i];
          if (v !== 0 && v === v) visit(v, o0 + i);
        }
      }
    }
  }
  return { data: out, w, h };
}

export type GlassView = 'sagittal' | 'coronal' | 'axial' | 'left' | 'right';

/** The views of a glass-brain panel, left to right. */
export function glassViews(display: 'ortho' | 'lyrz'): GlassView[] {
  return display === 'ortho' ? ['sagittal', 'coronal', 'axial'] : ['left', 'right', 'coronal', 'axial'];
}

/** Page axes of a view: horizontal, vertical, projected axis; `flipH` shows anterior on the left. */
function viewAxes(v: GlassView): { h: Axis; vAx: Axis; along: Axis; flipH: boolean } {
  if (v === 'axial') return { h: 'x', vAx: 'y', along: 'z', flipH: false };
  if (v === 'coronal') return { h: 'x', vAx: 'z', along: 'y', flipH: false };
  return { h: 'y', vAx: 'z', along: 'x', flipH: v === 'left' };
}

export function glassViewSizeMm(v: GlassView): { w: number; h: number } {
  const { h, vAx } = viewAxes(v);
  return { w: BRAIN_BOX[h][1] - BRAIN_BOX[h][0], h: BRAIN_BOX[vAx][1] - BRAIN_BOX[vAx][0] };
}

const AXIS_INDEX: Record<Axis, 0 | 1 | 2> = { x: 0, y: 1, z: 2 };

/** A grid whose voxel axes are x, y, z in order (a diagonal affine); others are resampled to 2 mm. */
function axisAligned<V extends { grid: Volume['grid']; data: ArrayLike<number> }>(vol: V): { grid: Volume['grid']; data: ArrayLike<number> } {
  const a = vol.grid.affine;
  const off = [a[1], a[2], a[4], a[6], a[8], a[9]].some((x) => Math.abs(x) > 1e-6);
  if (!off) return vol;
  const grid = { dims: [91, 109, 91] as [number, number, number], affine: [2, 0, 0, -90, 0, 2, 0, -126, 0, 0, 2, -72, 0, 0, 0, 1] };
  return { grid, data: resample({ grid: vol.grid, data: Float32Array.from(vol.data) }, grid, 'nearest') };
}

/** A projection as a function of mm in the view's plane (bilinear between projected voxels). */
function projectionSampler(vol: { grid: Volume['grid']; data: ArrayLike<number> }, along: Axis, half: 'all' | 'left' | 'right'): (hmm: number, vmm: number) => number {
  const v = axisAligned(vol);
  const axis = AXIS_INDEX[along];
  const a = v.grid.affine;
  const n = v.grid.dims[axis];
  const step = a[axis * 5];
  const origin = a[axis * 4 + 3];
  // voxel range of the hemisphere (x < 0 is left)
  let from = 0;
  let to = n;
  if (half !== 'all') {
    const zeroAt = -origin / step;
    const lowIsLeft = step > 0;
    const lowHalf = [0, Math.max(0, Math.min(n, Math.ceil(zeroAt)))];
    const highHalf = [Math.max(0, Math.min(n, Math.ceil(zeroAt))), n];
    [from, to] = (half === 'left') === lowIsLeft ? lowHalf : highHalf;
  }
  const p = signedMip(v.data, v.grid.dims, axis, from, to);
  const keep = [0, 1, 2].filter((x) => x !== axis);
  const flat: Volume = {
    grid: {
      dims: [p.w, p.h, 1],
      affine: [a[keep[0] * 5], 0, 0, a[keep[0] * 4 + 3], 0, a[keep[1] * 5], 0, a[keep[1] * 4 + 3], 0, 0, 1, 0, 0, 0, 0, 1],
    },
    data: p.data,
  };
  const s = sampler(flat, 'linear', 0);
  return (h, vv) => s(h, vv, 0);
}

const silhouettes = new WeakMap<Float32Array, Map<string, (h: number, v: number) => number>>();

/** The template's brain seen along an axis (1 inside), kept per template: every glass brain reuses it. */
function silhouette(template: Volume, along: Axis, half: 'all' | 'left' | 'right'): (h: number, v: number) => number {
  let m = silhouettes.get(template.data);
  if (!m) {
    m = new Map();
    silhouettes.set(template.data, m);
  }
  const key = `${along}${half}`;
  let s = m.get(key);
  if (!s) {
    const cut = 0.06 * templateScale(template);
    const data = new Uint8Array(template.data.length);
    for (let i = 0; i < data.length; i++) data[i] = template.data[i] > cut ? 1 : 0;
    s = projectionSampler({ grid: template.grid, data }, along, half);
    m.set(key, s);
  }
  return s;
}

export interface GlassRequest {
  stat: Volume;
  colours: OverlayColours;
  template: Volume;
  view: GlassView;
  pxW: number;
  pxH: number;
  radiological: boolean;
  dark: boolean;
}

/** One glass-brain view as RGBA pixels: silhouette fill, its edge, then the projected map. */
export function renderGlassView(r: GlassRequest): Uint8Array {
  const { h, vAx, along, flipH } = viewAxes(r.view);
  const half = r.view === 'left' ? 'left' : r.view === 'right' ? 'right' : 'all';
  const sil = silhouette(r.template, along, half);
  const stat = projectionSampler(r.stat, along, half);
  const { pxW, pxH } = r;
  const out = new Uint8Array(pxW * pxH * 4);
  const inside = new Uint8Array(pxW * pxH);
  const mmAt = (px: number, py: number): [number, number] => {
    let fh = (px + 0.5) / pxW;
    if (flipH || (h === 'x' && r.radiological)) fh = 1 - fh;
    return [BRAIN_BOX[h][0] + fh * (BRAIN_BOX[h][1] - BRAIN_BOX[h][0]), BRAIN_BOX[vAx][1] - ((py + 0.5) / pxH) * (BRAIN_BOX[vAx][1] - BRAIN_BOX[vAx][0])];
  };
  for (let py = 0; py < pxH; py++) for (let px = 0; px < pxW; px++) inside[py * pxW + px] = sil(...mmAt(px, py)) >= 0.5 ? 1 : 0;
  const bg = r.dark ? 0 : 255;
  const fill = r.dark ? 40 : 238;
  const edge = r.dark ? 150 : 110;
  const edgePx = Math.max(1, Math.round(pxW / 300));
  for (let py = 0; py < pxH; py++) {
    for (let px = 0; px < pxW; px++) {
      const o = py * pxW + px;
      let g = bg;
      if (inside[o]) {
        g = fill;
        for (let d = 1; d <= edgePx && g === fill; d++) {
          if (px < d || py < d || px >= pxW - d || py >= pxH - d || !inside[o - d] || !inside[o + d] || !inside[o - d * pxW] || !inside[o + d * pxW]) g = edge;
        }
      }
      let c: [number, number, number] = [g, g, g];
      const v = stat(...mmAt(px, py));
      const col = overlayColour(r.colours, v);
      if (col) c = col;
      out[o * 4] = c[0];
      out[o * 4 + 1] = c[1];
      out[o * 4 + 2] = c[2];
      out[o * 4 + 3] = 255;
    }
  }
  return out;
}
