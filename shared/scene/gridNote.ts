/** The plain-words notes a layer carries about its grid and space. */
import type { Grid } from '../spaces/types';
import { nativeSpaceWarning, orientationCode, sameGrid, voxelSizes } from '../spaces';

/** 'resampled from 1.5 mm LAS grid for display', or null when the grids match. */
export function resampleNote(layerGrid: Grid, templateGrid: Grid): string | null {
  if (sameGrid(layerGrid, templateGrid)) return null;
  const sizes = voxelSizes(layerGrid.affine).map((s) => round(s, 2));
  const size = sizes.every((s) => s === sizes[0]) ? `${sizes[0]} mm` : `${sizes.join(' x ')} mm`;
  const oblique = isOblique(layerGrid.affine) ? ' oblique' : '';
  return `resampled from ${size} ${orientationCode(layerGrid.affine)}${oblique} grid for display`;
}

/**
 * The layer's native-space warning: header codes, obliquity and field of view against the
 * template's brain (the rule is in shared/spaces/standardSpace.ts and the README).
 */
export function spaceWarning(sformCode: number, qformCode: number, grid: Grid): string | null {
  return nativeSpaceWarning(sformCode, qformCode, grid);
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
