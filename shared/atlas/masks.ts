import type { NiftiImage } from '../nifti/types';
import { invert4, mmToVoxel, resample, sameGrid } from '../spaces/index';
import type { Grid } from '../spaces/types';
import type { ResolvedRoi } from './presets';
import { LABEL_LIMITS, type Atlas } from './types';

/** Atlas label values on a target grid (nearest neighbour, so labels stay labels). Same grid: the atlas's own array. */
export function atlasOnGrid(atlas: Atlas, target?: Grid): { grid: Grid; data: Float32Array; resampled: boolean } {
  if (!target || sameGrid(atlas.grid, target)) return { grid: atlas.grid, data: atlas.data, resampled: false };
  return { grid: target, data: resample({ grid: atlas.grid, data: atlas.data }, target, 'nearest', 0), resampled: true };
}

/**
 * 1 where the atlas value is one of `indices` (on `target`'s grid when given). `hemisphere` keeps
 * only voxels with x < 0 ('L') or x > 0 ('R') in mm, for atlases whose labels span both sides;
 * voxels exactly on x = 0 belong to neither side.
 */
export function maskFromLabels(atlas: Atlas, indices: number[], target?: Grid, hemisphere: 'L' | 'R' | null = null): Uint8Array {
  const { grid, data } = atlasOnGrid(atlas, target);
  return maskFromLabelData(grid, data, indices, hemisphere);
}

/** maskFromLabels for an already resampled label array. */
export function maskFromLabelData(grid: Grid, data: Float32Array, indices: number[], hemisphere: 'L' | 'R' | null = null): Uint8Array {
  const want = new Uint8Array(LABEL_LIMITS.maxIndex + 1);
  for (const v of indices) if (Number.isInteger(v) && v > 0 && v <= LABEL_LIMITS.maxIndex) want[v] = 1;
  const [nx, ny, nz] = grid.dims;
  const out = new Uint8Array(nx * ny * nz);
  const a = grid.affine;
  let o = 0;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      let x = a[1] * j + a[2] * k + a[3];
      for (let i = 0; i < nx; i++, o++, x += a[0]) {
        const v = data[o];
        if (v === 0) continue;
        const r = Math.round(v);
        if (!(r > 0 && r <= LABEL_LIMITS.maxIndex) || want[r] === 0) continue;
        if (hemisphere === 'L' ? x < 0 : hemisphere === 'R' ? x > 0 : true) out[o] = 1;
      }
    }
  }
  return out;
}

/** Mask of a resolved preset (see resolvePreset). */
export function maskFromPreset(atlas: Atlas, roi: ResolvedRoi, target?: Grid): Uint8Array {
  return maskFromLabels(atlas, roi.indices, target, roi.hemisphere);
}

/** 1 inside a sphere around a point in mm (distance measured in mm, so oblique and anisotropic grids work). */
export function sphereMask(grid: Grid, centerMm: [number, number, number], radiusMm: number): Uint8Array {
  const [nx, ny, nz] = grid.dims;
  const out = new Uint8Array(nx * ny * nz);
  if (!(radiusMm >= 0) || !centerMm.every(Number.isFinite)) return out;
  const a = grid.affine;
  const inv = invert4(a);
  const c = mmToVoxel(a, centerMm[0], centerMm[1], centerMm[2]);
  // Largest change of voxel index d over a mm step of length r is r * |row d of the inverse|.
  const lo: number[] = [];
  const hi: number[] = [];
  const dims = [nx, ny, nz];
  for (let d = 0; d < 3; d++) {
    const reach = radiusMm * Math.hypot(inv[4 * d], inv[4 * d + 1], inv[4 * d + 2]);
    lo.push(Math.max(0, Math.floor(c[d] - reach)));
    hi.push(Math.min(dims[d] - 1, Math.ceil(c[d] + reach)));
  }
  const r2 = radiusMm * radiusMm;
  for (let k = lo[2]; k <= hi[2]; k++) {
    for (let j = lo[1]; j <= hi[1]; j++) {
      for (let i = lo[0]; i <= hi[0]; i++) {
        const dx = a[0] * i + a[1] * j + a[2] * k + a[3] - centerMm[0];
        const dy = a[4] * i + a[5] * j + a[6] * k + a[7] - centerMm[1];
        const dz = a[8] * i + a[9] * j + a[10] * k + a[11] - centerMm[2];
        if (dx * dx + dy * dy + dz * dz <= r2 + 1e-9) out[i + nx * (j + ny * k)] = 1;
      }
    }
  }
  return out;
}

/** A user mask image on the target grid: 1 where the (nearest-resampled) first frame is non-zero and not NaN. */
export function maskFromImage(img: NiftiImage, target: Grid): Uint8Array {
  const [nx, ny, nz] = img.grid.dims;
  const frame0 = img.data.length === nx * ny * nz ? img.data : img.data.subarray(0, nx * ny * nz);
  const data = sameGrid(img.grid, target) ? frame0 : resample({ grid: img.grid, data: frame0 }, target, 'nearest', 0);
  const out = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (v !== 0 && v === v) out[i] = 1;
  }
  return out;
}
