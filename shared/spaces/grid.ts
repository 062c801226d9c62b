import type { Grid } from './types';
import { voxelToMm, voxelSizes } from './matrix';

/**
 * Same dims, and every corner of the grid lands within tolMm of the other grid's corner
 * (so a tiny float32 difference in the affine does not force a resample).
 */
export function sameGrid(a: Grid, b: Grid, tolMm = 1e-3): boolean {
  for (let d = 0; d < 3; d++) if (a.dims[d] !== b.dims[d]) return false;
  const [nx, ny, nz] = a.dims;
  for (const i of [0, nx - 1]) {
    for (const j of [0, ny - 1]) {
      for (const k of [0, nz - 1]) {
        const p = voxelToMm(a.affine, i, j, k);
        const q = voxelToMm(b.affine, i, j, k);
        if (Math.abs(p[0] - q[0]) > tolMm || Math.abs(p[1] - q[1]) > tolMm || Math.abs(p[2] - q[2]) > tolMm) return false;
      }
    }
  }
  return true;
}

/** "91x109x91 at 2 mm" (or "at 2x2x2.5 mm"): how messages name a grid. */
export function describeGrid(g: Grid): string {
  const vs = voxelSizes(g.affine).map((v) => Number(v.toFixed(2)));
  return `${g.dims.slice(0, 3).join('x')} at ${vs.every((v) => v === vs[0]) ? vs[0] : vs.join('x')} mm`;
}
