import type { NiftiHeader } from '../nifti/types';
import type { AffineSource, Mat4 } from './types';
import { isUsableAffine } from './matrix';
import { quaternToAffine, safeVoxelSize } from './quaternion';

/** sform/qform codes that mean a standard space: aligned anat (SPM writes MNI as 2), Talairach, MNI-152, other template. */
const STANDARD_CODES = new Set([2, 3, 4, 5]);
const CODE_NAMES: Record<number, string> = { 0: 'unknown', 1: 'scanner', 2: 'aligned anatomy', 3: 'Talairach', 4: 'MNI-152', 5: 'template' };

/**
 * The voxel->mm affine in use, per the NIfTI-1 spec: the sform when its code is > 0 and it is
 * invertible, else the qform (quaternion, qfac and pixdim) when its code is > 0, else the
 * pixdim scaling (spec method 1: x = pixdim[1]*i, no flip, no centring).
 */
export function affineFromHeader(h: NiftiHeader): { affine: Mat4; source: AffineSource; warnings: string[] } {
  const warnings: string[] = [];
  const voxelSize: [number, number, number] = [h.pixdim[0] ?? 1, h.pixdim[1] ?? 1, h.pixdim[2] ?? 1];
  const qform = h.qformCode > 0 ? qformOf(h, voxelSize, warnings) : null;
  const sformUsable = h.sformCode > 0 && isUsableAffine(h.sform);
  if (h.sformCode > 0 && !sformUsable) {
    warnings.push(`sform_code is ${h.sformCode} but the sform matrix is singular or not finite; using the ${qform ? 'qform' : 'voxel sizes (pixdim)'} instead`);
  }
  let affine: Mat4;
  let source: AffineSource;
  if (sformUsable) {
    affine = h.sform!.slice();
    source = 'sform';
    if (qform && maxDiff(qform, affine) > 0.01) warnings.push('sform and qform disagree; using the sform');
  } else if (qform) {
    affine = qform;
    source = 'qform';
  } else {
    const [dx, dy, dz] = voxelSize.map(safeVoxelSize);
    affine = [dx, 0, 0, 0, 0, dy, 0, 0, 0, 0, dz, 0, 0, 0, 0, 1];
    source = 'pixdim';
    warnings.push('no usable sform or qform; the position of the image in mm is unknown (using voxel sizes only)');
  }
  const bad = voxelSize.map((v, i) => ({ v, i })).filter(({ v }) => !(v > 0 && Number.isFinite(v)));
  if (bad.length > 0 && source !== 'sform') {
    warnings.push(`pixdim ${bad.map(({ v, i }) => `[${i + 1}] = ${v}`).join(', ')} is not a positive voxel size; using 1 mm`);
  }
  if (!STANDARD_CODES.has(h.sformCode) && !STANDARD_CODES.has(h.qformCode)) {
    const code = source === 'sform' ? h.sformCode : source === 'qform' ? h.qformCode : 0;
    warnings.push(`not marked as a standard (MNI/Talairach) space (${source} code ${code} = ${CODE_NAMES[code] ?? 'unknown'}); check that it is aligned to the template`);
  }
  // -0 from float32 headers prints as -0 in JSON; it means 0.
  return { affine: affine.map((v) => v + 0), source, warnings };
}

function qformOf(h: NiftiHeader, voxelSize: [number, number, number], warnings: string[]): Mat4 | null {
  if (h.quatern && h.qoffset) {
    const q = quaternToAffine(h.quatern, h.qoffset, voxelSize, h.qfac);
    warnings.push(...q.warnings);
    return isUsableAffine(q.affine) ? q.affine : null;
  }
  return isUsableAffine(h.qform) ? h.qform.slice() : null;
}

function maxDiff(a: Mat4, b: Mat4): number {
  let m = 0;
  for (let i = 0; i < 12; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}
