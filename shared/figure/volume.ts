/** Sampling volumes in MNI mm for the figure's pictures (no GPU: the CLI draws the same pixels). */
import type { Grid } from '../spaces/types';
import { invert4 } from '../spaces/matrix';

export interface Volume {
  grid: Grid;
  data: Float32Array;
}

/** The box the brain pictures show, in MNI mm (the bundled template's brain with a small margin). */
export const BRAIN_BOX = { x: [-78, 78], y: [-114, 78], z: [-62, 88] } as const;
export type Axis = 'x' | 'y' | 'z';

/** A trilinear sampler in mm; NaN voxels count as `fill`. Outside the grid gives `outside`. */
export function sampler(vol: Volume, method: 'linear' | 'nearest' = 'linear', outside = 0): (x: number, y: number, z: number) => number {
  const inv = invert4(vol.grid.affine);
  const [nx, ny, nz] = vol.grid.dims;
  const d = vol.data;
  const at = (i: number, j: number, k: number) => {
    const v = d[i + nx * (j + ny * k)];
    return v === v ? v : 0;
  };
  return (x, y, z) => {
    const fi = inv[0] * x + inv[1] * y + inv[2] * z + inv[3];
    const fj = inv[4] * x + inv[5] * y + inv[6] * z + inv[7];
    const fk = inv[8] * x + inv[9] * y + inv[10] * z + inv[11];
    if (method === 'nearest') {
      const i = Math.round(fi);
      const j = Math.round(fj);
      const k = Math.round(fk);
      if (i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz) return outside;
      return at(i, j, k);
    }
    if (fi < -0.5 || fj < -0.5 || fk < -0.5 || fi > nx - 0.5 || fj > ny - 0.5 || fk > nz - 0.5) return outside;
    // Clamped so grids one voxel thick (projections) sample too.
    const i0 = Math.max(0, Math.min(nx - 1, Math.floor(fi)));
    const j0 = Math.max(0, Math.min(ny - 1, Math.floor(fj)));
    const k0 = Math.max(0, Math.min(nz - 1, Math.floor(fk)));
    const i1 = Math.min(nx - 1, i0 + 1);
    const j1 = Math.min(ny - 1, j0 + 1);
    const k1 = Math.min(nz - 1, k0 + 1);
    const a = Math.max(0, Math.min(1, fi - i0));
    const b = Math.max(0, Math.min(1, fj - j0));
    const c = Math.max(0, Math.min(1, fk - k0));
    const c00 = at(i0, j0, k0) * (1 - a) + at(i1, j0, k0) * a;
    const c10 = at(i0, j1, k0) * (1 - a) + at(i1, j1, k0) * a;
    const c01 = at(i0, j0, k1) * (1 - a) + at(i1, j0, k1) * a;
    const c11 = at(i0, j1, k1) * (1 - a) + at(i1, j1, k1) * a;
    return (c00 * (1 - b) + c10 * b) * (1 - c) + (c01 * (1 - b) + c11 * b) * c;
  };
}

const scaleCache = new WeakMap<Float32Array, number>();

/** The template's bright end (99.5th percentile of non-zero voxels), so grey levels fill the range. */
export function templateScale(vol: Volume): number {
  const hit = scaleCache.get(vol.data);
  if (hit !== undefined) return hit;
  const hist = new Uint32Array(4096);
  const d = vol.data;
  let max = 0;
  for (let i = 0; i < d.length; i++) if (d[i] > max) max = d[i];
  // Every third voxel is plenty for a percentile of a whole brain (and keeps start-up short).
  const k = 4095 / (max || 1);
  let n = 0;
  for (let i = 0; i < d.length; i += 3) {
    const v = d[i];
    if (v > 0) {
      hist[Math.min(4095, Math.floor(v * k))]++;
      n++;
    }
  }
  let acc = 0;
  let s = max;
  for (let b = 0; b < 4096; b++) {
    acc += hist[b];
    if (acc >= 0.995 * n) {
      s = ((b + 1) / 4096) * max;
      break;
    }
  }
  scaleCache.set(vol.data, s || 1);
  return s || 1;
}

/** The brain's extent along an axis in mm (template voxels above 10% of its scale). */
export function brainExtent(vol: Volume, axis: Axis): [number, number] {
  const [nx, ny, nz] = vol.grid.dims;
  const cut = 0.1 * templateScale(vol);
  const a = vol.grid.affine;
  let lo = Infinity;
  let hi = -Infinity;
  const row = axis === 'x' ? 0 : axis === 'y' ? 4 : 8;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        if (vol.data[i + nx * (j + ny * k)] > cut) {
          const mm = a[row] * i + a[row + 1] * j + a[row + 2] * k + a[row + 3];
          if (mm < lo) lo = mm;
          if (mm > hi) hi = mm;
        }
      }
    }
  }
  return Number.isFinite(lo) ? [lo, hi] : [BRAIN_BOX[axis][0], BRAIN_BOX[axis][1]];
}

/** nilearn-like automatic cuts: `n` coordinates spread evenly over the inner 80% of the brain, whole mm. */
export function autoCuts(vol: Volume, axis: Axis, n: number): number[] {
  const [lo, hi] = brainExtent(vol, axis);
  const a = lo + 0.1 * (hi - lo);
  const b = hi - 0.1 * (hi - lo);
  if (n === 1) return [Math.round((a + b) / 2)];
  return Array.from({ length: n }, (_, i) => Math.round(a + (i * (b - a)) / (n - 1)));
}
