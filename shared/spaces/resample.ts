import type { Grid } from './types';
import { invert4, multiply4 } from './matrix';

const EPS = 1e-4;

/** The range of i in [0, n) for which lo <= a + b*i <= hi (empty when lo > hi). */
function clipRange(a: number, b: number, lo: number, hi: number, n: number): [number, number] {
  if (Math.abs(b) < 1e-12) return a >= lo && a <= hi ? [0, n - 1] : [0, -1];
  let t0 = (lo - a) / b;
  let t1 = (hi - a) / b;
  if (t0 > t1) [t0, t1] = [t1, t0];
  return [Math.max(0, Math.ceil(t0 - 1e-9)), Math.min(n - 1, Math.floor(t1 + 1e-9))];
}

/**
 * Values of `src` on the `target` grid, going through mm space (both affines honoured).
 * 'linear' is trilinear (continuous maps), 'nearest' keeps label values intact.
 * Target voxels that fall outside the source get `outside`. 4D sources resample every frame.
 */
export function resample(
  src: { grid: Grid; data: Float32Array },
  target: Grid,
  method: 'linear' | 'nearest',
  outside = 0,
): Float32Array {
  const [sx, sy, sz] = src.grid.dims;
  const [tx, ty, tz] = target.dims;
  const sVox = sx * sy * sz;
  const tVox = tx * ty * tz;
  const frames = Math.max(1, Math.floor(src.data.length / sVox));
  const out = new Float32Array(tVox * frames);
  if (outside !== 0) out.fill(outside);
  // target voxel -> source voxel; linear in (i,j,k), so each row is stepped incrementally.
  const m = multiply4(invert4(src.grid.affine), target.affine);
  const [dx, dy, dz] = [m[0], m[4], m[8]];
  const sxy = sx * sy;
  // Neighbour offsets; a 1-voxel-thick axis has none.
  const di = sx > 1 ? 1 : 0;
  const dj = sy > 1 ? sx : 0;
  const dk = sz > 1 ? sxy : 0;
  const maxI0 = Math.max(0, sx - 2);
  const maxJ0 = Math.max(0, sy - 2);
  const maxK0 = Math.max(0, sz - 2);
  for (let f = 0; f < frames; f++) {
    const data = frames === 1 ? src.data : src.data.subarray(f * sVox, (f + 1) * sVox);
    const base = f * tVox;
    for (let k = 0; k < tz; k++) {
      for (let j = 0; j < ty; j++) {
        const x0 = m[1] * j + m[2] * k + m[3];
        const y0 = m[5] * j + m[6] * k + m[7];
        const z0 = m[9] * j + m[10] * k + m[11];
        // Only the inside stretch of the row is visited: no bounds tests in the inner loop.
        const rx = clipRange(x0, dx, -EPS, sx - 1 + EPS, tx);
        const ry = clipRange(y0, dy, -EPS, sy - 1 + EPS, tx);
        const rz = clipRange(z0, dz, -EPS, sz - 1 + EPS, tx);
        const lo = Math.max(rx[0], ry[0], rz[0]);
        const hi = Math.min(rx[1], ry[1], rz[1]);
        const row = base + tx * (j + ty * k);
        if (method === 'nearest') {
          for (let i = lo; i <= hi; i++) {
            let ni = Math.round(x0 + dx * i);
            let nj = Math.round(y0 + dy * i);
            let nk = Math.round(z0 + dz * i);
            if (ni < 0) ni = 0; else if (ni >= sx) ni = sx - 1;
            if (nj < 0) nj = 0; else if (nj >= sy) nj = sy - 1;
            if (nk < 0) nk = 0; else if (nk >= sz) nk = sz - 1;
            out[row + i] = data[ni + sx * nj + sxy * nk];
          }
          continue;
        }
        for (let i = lo; i <= hi; i++) {
          let x = x0 + dx * i;
          let y = y0 + dy * i;
          let z = z0 + dz * i;
          if (x < 0) x = 0;
          if (y < 0) y = 0;
          if (z < 0) z = 0;
          let i0 = x | 0;
          let j0 = y | 0;
          let k0 = z | 0;
          // Points on the far face interpolate from the last cell with weight 1.
          if (i0 > maxI0) i0 = maxI0;
          if (j0 > maxJ0) j0 = maxJ0;
          if (k0 > maxK0) k0 = maxK0;
          let fx = x - i0;
          let fy = y - j0;
          let fz = z - k0;
          if (fx > 1) fx = 1;
          if (fy > 1) fy = 1;
          if (fz > 1) fz = 1;
          if (di === 0) fx = 0;
          if (dj === 0) fy = 0;
          if (dk === 0) fz = 0;
          const b = i0 + sx * j0 + sxy * k0;
          const v000 = data[b];
          const v100 = data[b + di];
          const v010 = data[b + dj];
          const v110 = data[b + dj + di];
          const v001 = data[b + dk];
          const v101 = data[b + dk + di];
          const v011 = data[b + dk + dj];
          const v111 = data[b + dk + dj + di];
          const c00 = v000 + fx * (v100 - v000);
          const c10 = v010 + fx * (v110 - v010);
          const c01 = v001 + fx * (v101 - v001);
          const c11 = v011 + fx * (v111 - v011);
          const c0 = c00 + fy * (c10 - c00);
          const c1 = c01 + fy * (c11 - c01);
          out[row + i] = c0 + fz * (c1 - c0);
        }
      }
    }
  }
  return out;
}
