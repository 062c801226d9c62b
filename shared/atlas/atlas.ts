import type { NiftiImage } from '../nifti/types';
import { mmToVoxel } from '../spaces/index';
import type { Grid } from '../spaces/types';
import { LABEL_LIMITS, LabelTableError, type Atlas, type LabelTable } from './types';
import { makeProbabilisticAtlas } from './prob';

/**
 * Pair a label image with its table. A 4D image is a probabilistic atlas (see makeProbabilisticAtlas).
 * Checks (one pass) that the values are whole numbers within the label cap, and reports values
 * missing from the table.
 */
export function makeAtlas(img: NiftiImage, table: LabelTable): Atlas {
  if (img.nFrames > 1) return makeProbabilisticAtlas(img, table);
  const [nx, ny, nz] = img.grid.dims;
  const nvox = nx * ny * nz;
  const data = img.data.length === nvox ? img.data : img.data.subarray(0, nvox);
  const warnings: string[] = [];
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

/**
 * The label under a point in mm: the atlas's own nearest voxel of that mm (never a resampled copy,
 * so an atlas on another grid names the right place). Null outside the image or on background (0).
 * Probabilistic atlases give the most probable label and its probability (0..1).
 */
export function labelAtMm(atlas: Atlas, mm: [number, number, number]): { index: number; name: string; probability?: number } | null {
  const at = voxelAtMm(atlas.grid, mm);
  if (at === null) return null;
  const v = atlas.data[at];
  if (v === 0 || Number.isNaN(v)) return null;
  const index = Math.round(v);
  const name = atlas.table.entries.get(index)?.name ?? `label ${index}`;
  if (!atlas.prob) return { index, name };
  const nvox = atlas.data.length;
  return { index, name, probability: atlas.prob.data[at + nvox * (index - 1)] * atlas.prob.scale };
}

/** What the readout shows: the name, with the probability for probabilistic atlases ("Left Amygdala (62%)"). */
export function describeAtMm(atlas: Atlas, mm: [number, number, number]): string | null {
  const l = labelAtMm(atlas, mm);
  if (!l) return null;
  return l.probability === undefined ? l.name : `${l.name} (${Math.round(l.probability * 100)}%)`;
}

/** Linear index of the nearest voxel of a point in mm, or null outside the grid. */
export function voxelAtMm(grid: Grid, mm: [number, number, number]): number | null {
  const [fi, fj, fk] = mmToVoxel(grid.affine, mm[0], mm[1], mm[2]);
  const i = Math.round(fi);
  const j = Math.round(fj);
  const k = Math.round(fk);
  const [nx, ny, nz] = grid.dims;
  if (!(i >= 0 && j >= 0 && k >= 0 && i < nx && j < ny && k < nz)) return null;
  return i + nx * (j + ny * k);
}

/** The shape shared/clusters wants: grid, label values and a value -> name map. */
export function atlasLike(atlas: Atlas): { grid: Grid; data: Float32Array; names: Map<number, string> } {
  const names = new Map<number, string>();
  for (const [k, e] of atlas.table.entries) names.set(k, e.name);
  return { grid: atlas.grid, data: atlas.data, names };
}
