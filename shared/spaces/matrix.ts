import type { Mat4 } from './types';

export const IDENTITY: Mat4 = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];

export function multiply4(a: Mat4, b: Mat4): Mat4 {
  const out = new Array<number>(16).fill(0);
  for (let r = 0; r < 4; r++) {
    for (let c = 0; c < 4; c++) {
      let s = 0;
      for (let k = 0; k < 4; k++) s += a[r * 4 + k] * b[k * 4 + c];
      out[r * 4 + c] = s;
    }
  }
  return out;
}

/** Determinant of the upper-left 3x3 (the part that scales and rotates). */
export function det3(m: Mat4): number {
  return (
    m[0] * (m[5] * m[10] - m[6] * m[9]) -
    m[1] * (m[4] * m[10] - m[6] * m[8]) +
    m[2] * (m[4] * m[9] - m[5] * m[8])
  );
}

/** Inverse of an affine 4x4 (last row 0 0 0 1). Throws on a singular matrix. */
export function invert4(m: Mat4): Mat4 {
  const d = det3(m);
  if (!Number.isFinite(d) || Math.abs(d) < 1e-12) throw new Error('affine matrix is singular');
  const [a, b, c, tx, e, f, g, ty, h, i, j, tz] = m;
  const r = [
    (f * j - g * i) / d, (c * i - b * j) / d, (b * g - c * f) / d,
    (g * h - e * j) / d, (a * j - c * h) / d, (c * e - a * g) / d,
    (e * i - f * h) / d, (b * h - a * i) / d, (a * f - b * e) / d,
  ];
  return [
    r[0], r[1], r[2], -(r[0] * tx + r[1] * ty + r[2] * tz),
    r[3], r[4], r[5], -(r[3] * tx + r[4] * ty + r[5] * tz),
    r[6], r[7], r[8], -(r[6] * tx + r[7] * ty + r[8] * tz),
    0, 0, 0, 1,
  ];
}

/** True when the matrix is finite and its 3x3 part can be inverted. */
export function isUsableAffine(m: Mat4 | null | undefined): m is Mat4 {
  if (!m || m.length !== 16) return false;
  for (const v of m) if (!Number.isFinite(v)) return false;
  return Math.abs(det3(m)) > 1e-12;
}

export function voxelToMm(affine: Mat4, i: number, j: number, k: number): [number, number, number] {
  const m = affine;
  return [
    m[0] * i + m[1] * j + m[2] * k + m[3],
    m[4] * i + m[5] * j + m[6] * k + m[7],
    m[8] * i + m[9] * j + m[10] * k + m[11],
  ];
}

/** Fractional voxel coordinates of a point in mm. */
export function mmToVoxel(affine: Mat4, x: number, y: number, z: number): [number, number, number] {
  return voxelToMm(invert4(affine), x, y, z);
}

/** Voxel sizes in mm: the lengths of the affine's first three columns. */
export function voxelSizes(affine: Mat4): [number, number, number] {
  const col = (c: number) => Math.hypot(affine[c], affine[4 + c], affine[8 + c]);
  return [col(0), col(1), col(2)];
}
