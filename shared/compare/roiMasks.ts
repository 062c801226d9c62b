/**
 * ROI masks on the contrast's grid and the one label volume the panes outline them from.
 * Pure: the caller hands in the atlas and any mask image it holds.
 */
import { maskFromImage, maskFromLabels, maskFromPreset, resolvePreset, sphereMask, type Atlas } from '../atlas';
import type { NiftiImage } from '../nifti/types';
import type { RoiSource } from '../scene/views';
import type { Grid } from '../spaces/types';
import type { Measure } from '../study/types';

/** Label of the RSFC seed in the outline volume (ROIs are 1..n). */
export const SEED_LABEL = 90;

/**
 * An ROI's voxels on `grid`, or null when what it is made from is not at hand (no atlas, the
 * mask layer closed, an unknown preset).
 */
export function roiMask(
  source: RoiSource,
  grid: Grid,
  atlas: Atlas | null,
  maskImage: (layerId: string) => NiftiImage | undefined,
  atlasFor: (layerId: string) => Atlas | null = () => null,
): Uint8Array | null {
  if (source.type === 'sphere') return sphereMask(grid, source.centerMm, source.radiusMm);
  if (source.type === 'mask') {
    const img = maskImage(source.layerId);
    return img ? maskFromImage(img, grid) : null;
  }
  if (source.type === 'label' && source.atlasId) {
    // A label of another atlas: its index means nothing in AAL, so no atlas is no ROI.
    const own = atlasFor(source.atlasId);
    return own ? maskFromLabels(own, [source.index], grid) : null;
  }
  if (!atlas) return null;
  if (source.type === 'label') return maskFromLabels(atlas, [source.index], grid);
  const r = resolvePreset(atlas, source.preset);
  return r ? maskFromPreset(atlas, r, grid) : null;
}

/** Number of voxels in a mask. */
export function maskVoxels(mask: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < mask.length; i++) n += mask[i];
  return n;
}

/** The RSFC seed region as a mask on the measure grid: its atlas labels, else a 6 mm sphere at its centre. */
export function seedMask(measure: Measure | null, grid: Grid, atlas: Atlas | null): Uint8Array | null {
  if (!measure || measure.kind !== 'rsfc-seed') return null;
  if (atlas && measure.seedLabels?.length) {
    const idx: number[] = [];
    for (const e of atlas.table.entries.values()) if (measure.seedLabels.includes(e.name)) idx.push(e.index);
    if (idx.length) return maskFromLabels(atlas, idx, grid);
  }
  if (measure.seedMm) return sphereMask(grid, measure.seedMm, 6);
  return null;
}

/**
 * One label volume with every ROI (label k + 1 for the k-th, null where its mask is missing; a
 * later ROI overwrites an earlier one) and the seed on top (SEED_LABEL); null when it would be empty.
 */
export function roiOutlineVolume(grid: Grid, masks: readonly (Uint8Array | null)[], seed: Uint8Array | null): Float32Array | null {
  const [nx, ny, nz] = grid.dims;
  const labels = new Float32Array(nx * ny * nz);
  let any = false;
  masks.forEach((m, k) => {
    if (!m) return;
    for (let i = 0; i < labels.length; i++) if (m[i]) labels[i] = k + 1;
    any = true;
  });
  if (seed) {
    for (let i = 0; i < labels.length; i++) if (seed[i]) labels[i] = SEED_LABEL;
    any = true;
  }
  return any ? labels : null;
}
