/**
 * Volume -> surface projection, the `kind='line'` idea of nilearn's vol_to_surf: each vertex
 * samples the map along its normal at depths -3, -2, ..., +3 mm (7 steps), each sample
 * trilinear on the voxel grid (MNI mm -> voxel through the map's affine), and keeps the sample
 * of largest |value|. Samples outside the grid or touching a NaN voxel are skipped; a vertex
 * with no sample left is NaN. On a tie the deeper (earlier) sample is kept.
 */
import type { Grid } from '../spaces/types';
import { invert4 } from '../spaces/matrix';

export interface ProjectOptions {
  /** depth range in mm along the outward normal */
  fromMm?: number;
  toMm?: number;
  steps?: number;
}

export function projectToSurface(positions: Float32Array, normals: Float32Array, grid: Grid, data: ArrayLike<number>, opts: ProjectOptions = {}, out?: Float32Array): Float32Array {
  const from = opts.fromMm ?? -3;
  const to = opts.toMm ?? 3;
  const steps = Math.max(1, opts.steps ?? 7);
  const [nx, ny, nz] = grid.dims;
  if (data.length !== nx * ny * nz) throw new RangeError(`the map has ${data.length} voxels, not ${nx}x${ny}x${nz}`);
  const m = invert4(grid.affine);
  const nv = positions.length / 3;
  const res = out && out.length === nv ? out : new Float32Array(nv);
  const sxy = nx * ny;
  for (let v = 0; v < nv; v++) {
    const px = positions[3 * v], py = positions[3 * v + 1], pz = positions[3 * v + 2];
    const qx = normals[3 * v], qy = normals[3 * v + 1], qz = normals[3 * v + 2];
    let best = NaN;
    let bestAbs = -1;
    for (let s = 0; s < steps; s++) {
      const d = steps === 1 ? from : from + ((to - from) * s) / (steps - 1);
      const x = px + d * qx, y = py + d * qy, z = pz + d * qz;
      const i = m[0] * x + m[1] * y + m[2] * z + m[3];
      const j = m[4] * x + m[5] * y + m[6] * z + m[7];
      const k = m[8] * x + m[9] * y + m[10] * z + m[11];
      if (!(i >= 0 && j >= 0 && k >= 0 && i <= nx - 1 && j <= ny - 1 && k <= nz - 1)) continue;
      // The lower corner, kept one short of the last voxel so the upper corner exists.
      const i0 = Math.min(Math.floor(i), nx - 2 < 0 ? 0 : nx - 2);
      const j0 = Math.min(Math.floor(j), ny - 2 < 0 ? 0 : ny - 2);
      const k0 = Math.min(Math.floor(k), nz - 2 < 0 ? 0 : nz - 2);
      const fx = i - i0, fy = j - j0, fz = k - k0;
      const dx = nx > 1 ? 1 : 0, dy = ny > 1 ? nx : 0, dz = nz > 1 ? sxy : 0;
      const o = i0 + nx * j0 + sxy * k0;
      const c000 = data[o], c100 = data[o + dx], c010 = data[o + dy], c110 = data[o + dx + dy];
      const c001 = data[o + dz], c101 = data[o + dx + dz], c011 = data[o + dy + dz], c111 = data[o + dx + dy + dz];
      const c00 = c000 + fx * (c100 - c000);
      const c10 = c010 + fx * (c110 - c010);
      const c01 = c001 + fx * (c101 - c001);
      const c11 = c011 + fx * (c111 - c011);
      const c0 = c00 + fy * (c10 - c00);
      const c1 = c01 + fy * (c11 - c01);
      const val = c0 + fz * (c1 - c0);
      if (val !== val) continue;
      const a = Math.abs(val);
      if (a > bestAbs) {
        bestAbs = a;
        best = val;
      }
    }
    res[v] = best;
  }
  return res;
}
