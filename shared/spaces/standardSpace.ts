/**
 * Does a map look like it is in the template's standard space? The rule (README, "Native-space
 * warning"):
 *  - header codes: sform_code or qform_code 4 (NIFTI_XFORM_MNI_152) or 3 (NIFTI_XFORM_TALAIRACH)
 *    say standard space. 2 (ALIGNED_ANAT) and 5 (TEMPLATE_OTHER) say "aligned to something":
 *    SPM writes its normalised MNI maps with 2, FSL FEAT writes a subject's EPI-space stats
 *    with 2, so for these the field of view decides. 1 (scanner) and 0 (unknown) are warned.
 *  - field of view: a standard-space map covers the template's brain. The brain is the
 *    ellipsoid in the bounding box of the bundled MNI template's brain; at least 90% of its
 *    points (6 mm lattice) must fall inside the map's voxel grid.
 *  - obliquity: a standard-space grid is never rotated against MNI axes (beyond 1 degree);
 *    an oblique grid is a scanner acquisition, whatever the code says.
 */
import { invert4 } from './matrix';
import type { Grid, Mat4 } from './types';

/** Brain extent of resources/template_ch2bet.nii.gz in MNI mm (nibabel: non-zero voxels' min and max). */
export const MNI_BRAIN_BOX = { min: [-72, -106, -67], max: [71, 73, 84] } as const;
export const MIN_BRAIN_COVERAGE = 0.9;
export const MAX_OBLIQUE_DEGREES = 1;

const CODE_NAMES: Record<number, string> = { 0: 'unknown', 1: 'scanner', 2: 'aligned', 3: 'Talairach', 4: 'MNI-152', 5: 'template' };

/** Largest angle (degrees) between a voxel axis and its nearest MNI axis: 0 for any flip/permutation grid. */
export function obliqueDegrees(affine: Mat4): number {
  let worst = 0;
  for (let c = 0; c < 3; c++) {
    const col = [affine[c], affine[4 + c], affine[8 + c]];
    const norm = Math.hypot(...col);
    if (!(norm > 0)) continue;
    const cos = Math.min(1, Math.max(...col.map(Math.abs)) / norm);
    worst = Math.max(worst, (Math.acos(cos) * 180) / Math.PI);
  }
  return worst;
}

/** Fraction of the template brain (ellipsoid, 6 mm lattice) inside the map's field of view. */
export function brainCoverage(grid: Grid): number {
  const inv = invert4(grid.affine);
  const { min, max } = MNI_BRAIN_BOX;
  const c = [0, 1, 2].map((d) => (min[d] + max[d]) / 2);
  const r = [0, 1, 2].map((d) => (max[d] - min[d]) / 2);
  const [nx, ny, nz] = grid.dims;
  let all = 0;
  let inside = 0;
  for (let x = min[0]; x <= max[0]; x += 6) {
    for (let y = min[1]; y <= max[1]; y += 6) {
      for (let z = min[2]; z <= max[2]; z += 6) {
        const e = ((x - c[0]) / r[0]) ** 2 + ((y - c[1]) / r[1]) ** 2 + ((z - c[2]) / r[2]) ** 2;
        if (e > 1) continue;
        all++;
        const i = inv[0] * x + inv[1] * y + inv[2] * z + inv[3];
        const j = inv[4] * x + inv[5] * y + inv[6] * z + inv[7];
        const k = inv[8] * x + inv[9] * y + inv[10] * z + inv[11];
        if (i > -0.5 && i < nx - 0.5 && j > -0.5 && j < ny - 0.5 && k > -0.5 && k < nz - 0.5) inside++;
      }
    }
  }
  return all ? inside / all : 0;
}

export interface SpaceCheck {
  standard: boolean;
  /** the reasons, in plain words (empty when standard) */
  reasons: string[];
  coverage: number;
  obliqueDegrees: number;
}

/** Applies the rule above to a map's codes and grid (the grid's affine is the one in use: sform, else qform). */
export function checkStandardSpace(sformCode: number, qformCode: number, grid: Grid): SpaceCheck {
  const reasons: string[] = [];
  const byCode = [3, 4].includes(sformCode) || [3, 4].includes(qformCode);
  const aligned = [2, 5].includes(sformCode) || [2, 5].includes(qformCode);
  const coverage = brainCoverage(grid);
  const oblique = obliqueDegrees(grid.affine);
  if (!byCode && !aligned) {
    reasons.push(sformCode === 0 && qformCode === 0
      ? 'its header has no orientation (sform and qform codes 0)'
      : `its header says ${CODE_NAMES[Math.max(sformCode, qformCode)] ?? 'unknown'} space (sform_code ${sformCode}, qform_code ${qformCode}), not MNI or Talairach`);
  }
  if (oblique > MAX_OBLIQUE_DEGREES) reasons.push(`its voxel grid is oblique (rotated ${oblique.toFixed(0)}° against the MNI axes)`);
  if (coverage < MIN_BRAIN_COVERAGE) reasons.push(`its field of view covers ${(100 * coverage).toFixed(0)}% of the template's brain (a standard-space map covers it all)`);
  return { standard: reasons.length === 0, reasons, coverage, obliqueDegrees: oblique };
}

/** The layer's warning, or null for a map that looks standard. */
export function nativeSpaceWarning(sformCode: number, qformCode: number, grid: Grid): string | null {
  const r = checkStandardSpace(sformCode, qformCode, grid);
  if (r.standard) return null;
  return `probably not in MNI space: ${r.reasons.join('; ')}. It is drawn on the MNI template as if it were aligned; register it to MNI first`;
}
