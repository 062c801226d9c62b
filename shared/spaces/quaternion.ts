import type { Mat4 } from './types';

/** Voxel sizes as the NIfTI reference library uses them: anything not > 0 (0, negative, NaN) counts as 1. */
export function safeVoxelSize(v: number): number {
  return v > 0 && Number.isFinite(v) ? v : 1;
}

/**
 * The qform matrix from the quaternion fields (NIfTI-1 method 2, as nifti_quatern_to_mat44).
 * When b²+c²+d² > 1 the quaternion is renormalised and a = 0, as nifti_clib does.
 */
export function quaternToAffine(
  quatern: [number, number, number],
  qoffset: [number, number, number],
  voxelSize: [number, number, number],
  qfac: number,
): { affine: Mat4; warnings: string[] } {
  const warnings: string[] = [];
  let [b, c, d] = quatern.map((v) => (Number.isFinite(v) ? v : 0));
  let a = 1 - (b * b + c * c + d * d);
  if (a < 1e-7) {
    if (a < -1e-6) warnings.push('the qform quaternion is out of range (b²+c²+d² > 1); renormalised as nifti_clib does');
    const n = Math.sqrt(b * b + c * c + d * d);
    a = 0;
    if (n > 0) {
      b /= n;
      c /= n;
      d /= n;
    }
  } else {
    a = Math.sqrt(a);
  }
  const [dx, dy, dzRaw] = voxelSize.map(safeVoxelSize);
  const dz = qfac < 0 ? -dzRaw : dzRaw;
  const [qx, qy, qz] = qoffset.map((v) => (Number.isFinite(v) ? v : 0));
  const affine = [
    (a * a + b * b - c * c - d * d) * dx, 2 * (b * c - a * d) * dy, 2 * (b * d + a * c) * dz, qx,
    2 * (b * c + a * d) * dx, (a * a + c * c - b * b - d * d) * dy, 2 * (c * d - a * b) * dz, qy,
    2 * (b * d - a * c) * dx, 2 * (c * d + a * b) * dy, (a * a + d * d - c * c - b * b) * dz, qz,
    0, 0, 0, 1,
  ];
  return { affine, warnings };
}

/** The quaternion, offsets, voxel sizes and qfac that best represent an affine (nifti_mat44_to_quatern). */
export function affineToQuatern(m: Mat4): {
  quatern: [number, number, number];
  qoffset: [number, number, number];
  voxelSize: [number, number, number];
  qfac: 1 | -1;
} {
  let r11 = m[0], r12 = m[1], r13 = m[2];
  let r21 = m[4], r22 = m[5], r23 = m[6];
  let r31 = m[8], r32 = m[9], r33 = m[10];
  let xd = Math.hypot(r11, r21, r31);
  let yd = Math.hypot(r12, r22, r32);
  let zd = Math.hypot(r13, r23, r33);
  if (xd === 0) { r11 = 1; r21 = 0; r31 = 0; xd = 1; }
  if (yd === 0) { r22 = 1; r12 = 0; r32 = 0; yd = 1; }
  if (zd === 0) { r33 = 1; r13 = 0; r23 = 0; zd = 1; }
  const voxelSize: [number, number, number] = [xd, yd, zd];
  r11 /= xd; r21 /= xd; r31 /= xd;
  r12 /= yd; r22 /= yd; r32 /= yd;
  r13 /= zd; r23 /= zd; r33 /= zd;
  // Orthogonalise (polar decomposition by iteration) so sheared affines still give a rotation.
  let R = [r11, r12, r13, r21, r22, r23, r31, r32, r33];
  for (let it = 0; it < 30; it++) {
    const inv = inverse3(R);
    if (!inv) break;
    const next = R.map((v, idx) => 0.5 * (v + inv[(idx % 3) * 3 + Math.floor(idx / 3)]));
    const diff = next.reduce((s, v, idx) => s + Math.abs(v - R[idx]), 0);
    R = next;
    if (diff < 1e-12) break;
  }
  [r11, r12, r13, r21, r22, r23, r31, r32, r33] = R;
  const det = r11 * (r22 * r33 - r32 * r23) - r12 * (r21 * r33 - r31 * r23) + r13 * (r21 * r32 - r31 * r22);
  let qfac: 1 | -1 = 1;
  if (det < 0) {
    qfac = -1;
    r13 = -r13; r23 = -r23; r33 = -r33;
  }
  let a = r11 + r22 + r33 + 1;
  let b: number, c: number, d: number;
  if (a > 0.5) {
    a = 0.5 * Math.sqrt(a);
    b = (0.25 * (r32 - r23)) / a;
    c = (0.25 * (r13 - r31)) / a;
    d = (0.25 * (r21 - r12)) / a;
  } else {
    const xx = 1 + r11 - (r22 + r33);
    const yy = 1 + r22 - (r11 + r33);
    const zz = 1 + r33 - (r11 + r22);
    if (xx > 1) {
      b = 0.5 * Math.sqrt(xx); c = (0.25 * (r12 + r21)) / b; d = (0.25 * (r13 + r31)) / b; a = (0.25 * (r32 - r23)) / b;
    } else if (yy > 1) {
      c = 0.5 * Math.sqrt(yy); b = (0.25 * (r12 + r21)) / c; d = (0.25 * (r23 + r32)) / c; a = (0.25 * (r13 - r31)) / c;
    } else {
      d = 0.5 * Math.sqrt(zz); b = (0.25 * (r13 + r31)) / d; c = (0.25 * (r23 + r32)) / d; a = (0.25 * (r21 - r12)) / d;
    }
    if (a < 0) { b = -b; c = -c; d = -d; }
  }
  return { quatern: [b, c, d], qoffset: [m[3], m[7], m[11]], voxelSize, qfac };
}

function inverse3(m: number[]): number[] | null {
  const [a, b, c, d, e, f, g, h, i] = m;
  const det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
  if (!Number.isFinite(det) || Math.abs(det) < 1e-12) return null;
  return [
    (e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det,
    (f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det,
    (d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det,
  ];
}
