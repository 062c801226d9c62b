/**
 * Voxels to analyse on a grid: nonzero in at least one subject map and finite in all; without maps
 * there, the atlas's labelled voxels (resampled nearest-neighbour); without an atlas, all voxels.
 */
import { atlasOnGrid, type Atlas } from '../atlas';
import { anyNonZero } from '../stats';
import type { Grid } from '../spaces/types';

export function studyBrainMask(grid: Grid, maps: readonly Float32Array[], atlas: Atlas | null): Uint8Array {
  const nVox = grid.dims[0] * grid.dims[1] * grid.dims[2];
  if (maps.length) {
    // Inside the brain = non-zero in at least one map (outside, every map is 0). A voxel where only
    // some subjects are exactly 0 is still tested, as scipy/numpy and the CLI do; NaN anywhere drops it.
    const mask = anyNonZero([...maps]);
    for (const m of maps) for (let i = 0; i < nVox; i++) if (m[i] !== m[i]) mask[i] = 0;
    return mask;
  }
  const mask = new Uint8Array(nVox);
  if (atlas) {
    const on = atlasOnGrid(atlas, grid);
    for (let i = 0; i < nVox; i++) mask[i] = on.data[i] > 0 ? 1 : 0;
    return mask;
  }
  return mask.fill(1);
}
