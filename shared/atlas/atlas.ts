import type { NiftiImage } from '../nifti/types';
import { mmToVoxel } from '../spaces/index';
import type { Grid } from '../spaces/types';
import { LABEL_LIMITS, LabelTableError, type Atlas, type LabelTable } from './types';

/**
 * Pair a label image with its table. Uses frame 0 of a 4D image. Checks (one pass) that the
 * values are whole numbers within the label cap, and reports values missing from the table.
 */
export function makeAtlas(img: NiftiImage, table: LabelTable): Atlas {
  const [nx, ny, nz] = img.grid.dims;
  const nvox = nx * ny * nz;
  const data = img.data.length === nvox ? img.data : img.data.subarray(0, nvox);
  const warnings: string[] = [];
  if (img.nFrames > 1) warnings.push(`${img.name}: has ${img.nFrames} frames; using the first as the label image`);
  const seen = new Uint8Array(LABEL_LIMITS.maxIndex + 1);
  let nonInteger = 0;
  for (let i = 0; i < nvox; i++) {
    const v = data[i];
    if (v === 0) continue;
    if (!(v >= 0 && v <= LABEL_LIMITS.maxIndex)) {
      throw new LabelTableError(`${img.name}: voxel value ${v} is not a label (labels are whole numbers from 0 to ${LABEL_LIMITS.maxIndex}); is this a label image?`, img.name);
    }
    const r = Math.round(v);
    if (r !== v) nonInteger++;
    seen[r] = 1;
  }
  if (nonInteger > 0) warnings.push(`${img.name}: ${nonInteger} voxels have non-integer values; they are rounded to the nearest label`);
  let unnamed = 0;
  let firstUnnamed = -1;
  for (let v = 1; v < seen.length; v++) {
    if (seen[v] && !table.entries.has(v)) {
      if (firstUnnamed < 0) firstUnnamed = v;
      unnamed++;
    }
  }
  if (unnamed > 0) warnings.push(`${img.name}: ${unnamed} label value(s) in the image have no name in the table (first: ${firstUnnamed})`);
  return { name: img.name, grid: img.grid, data, table, warnings };
}

/** The label under a point in mm (nearest voxel). Null outside the image or on background (0). */
export function labelAtMm(atlas: Atlas, mm: [number, number, number]): { index: number; name: string } | null {
  const v = valueAtMm(atlas.grid, atlas.data, mm);
  if (v === null || v === 0 || Number.isNaN(v)) return null;
  const index = Math.round(v);
  return { index, name: atlas.table.entries.get(index)?.name ?? `label ${index}` };
}

function valueAtMm(grid: Grid, data: ArrayLike<number>, mm: [number, number, number]): number | null {
  const [fi, fj, fk] = mmToVoxel(grid.affine, mm[0], mm[1], mm[2]);
  const i = Math.round(fi);
  const j = Math.round(fj);
  const k = Math.round(fk);
  const [nx, ny, nz] = grid.dims;
  if (!(i >= 0 && j >= 0 && k >= 0 && i < nx && j < ny && k < nz)) return null;
  return data[i + nx * (j + ny * k)];
}

/** The shape shared/clusters wants: grid, label values and a value -> name map. */
export function atlasLike(atlas: Atlas): { grid: Grid; data: Float32Array; names: Map<number, string> } {
  const names = new Map<number, string>();
  for (const [k, e] of atlas.table.entries) names.set(k, e.name);
  return { grid: atlas.grid, data: atlas.data, names };
}
