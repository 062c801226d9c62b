/** The plain-words notes a layer carries about its grid and space. */
import type { Grid } from '../spaces/types';
import { orientationCode, sameGrid, voxelSizes } from '../spaces';

/** 'resampled from 1.5 mm LAS grid for display', or null when the grids match. */
export function resampleNote(layerGrid: Grid, templateGrid: Grid): string | null {
  if (sameGrid(layerGrid, templateGrid)) return null;
  const sizes = voxelSizes(layerGrid.affine).map((s) => round(s, 2));
  const size = sizes.every((s) => s === sizes[0]) ? `${sizes[0]} mm` : `${sizes.join(' x ')} mm`;
  const oblique = isOblique(layerGrid.affine) ? ' oblique' : '';
  return `resampled from ${size} ${orientationCode(layerGrid.affine)}${oblique} grid for display`;
}

/**
 * NIfTI xform codes: 2 aligned, 3 Talairach, 4 MNI, 5 other template are standard spaces;
 * 1 (scanner) or nothing means the map may not line up with the template.
 */
export function spaceWarning(sformCode: number, qformCode: number): string | null {
  const standard = (c: number) => c >= 2 && c <= 5;
  if (standard(sformCode) || standard(qformCode)) return null;
  if (sformCode === 0 && qformCode === 0) return 'has no orientation in its header (sform and qform are unset); it may not line up with the template';
  return 'not marked as a standard space (scanner coordinates); it may not line up with the template';
}

function isOblique(a: number[]): boolean {
  // Any rotation beyond axis flips/permutations: an off-axis entry that is not ~0 in a column with another non-zero.
  for (let c = 0; c < 3; c++) {
    const col = [a[c], a[4 + c], a[8 + c]].map(Math.abs);
    const big = Math.max(...col);
    if (col.filter((v) => v > 1e-3 * big).length > 1) return true;
  }
  return false;
}

function round(v: number, d: number): number {
  const f = 10 ** d;
  return Math.round(v * f) / f;
}
