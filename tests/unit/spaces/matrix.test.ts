import { describe, expect, it } from 'vitest';
import { invert4, mmToVoxel, voxelToMm, voxelSizes, sameGrid, orientationCode, multiply4, IDENTITY } from '../../../shared/spaces/index';

// MNI152 2 mm (LAS) and an oblique 1.5 x 2 x 2.5 mm grid.
const MNI2 = [-2, 0, 0, 90, 0, 2, 0, -126, 0, 0, 2, -72, 0, 0, 0, 1];
const c = Math.cos(0.2);
const s = Math.sin(0.2);
const OBLIQUE = [1.5 * c, -2 * s, 0, -80, 1.5 * s, 2 * c, 0, -100, 0, 0, 2.5, -60, 0, 0, 0, 1];

describe('mm <-> voxel', () => {
  it('MNI152 2 mm: voxel (45,63,36) is the origin, (0,0,0) is (90,-126,-72)', () => {
    expect(voxelToMm(MNI2, 45, 63, 36)).toEqual([0, 0, 0]);
    expect(voxelToMm(MNI2, 0, 0, 0)).toEqual([90, -126, -72]);
    expect(mmToVoxel(MNI2, 0, 0, 0)).toEqual([45, 63, 36]);
    // Amygdala left (-24,-4,-18) -> fractional voxel (57, 61, 27)
    expect(mmToVoxel(MNI2, -24, -4, -18)).toEqual([57, 61, 27]);
  });

  it('round trips on an oblique grid', () => {
    for (const [i, j, k] of [[0, 0, 0], [10.5, 3.25, 7], [181, 217, 181]]) {
      const [x, y, z] = voxelToMm(OBLIQUE, i, j, k);
      const back = mmToVoxel(OBLIQUE, x, y, z);
      expect(back[0]).toBeCloseTo(i, 10);
      expect(back[1]).toBeCloseTo(j, 10);
      expect(back[2]).toBeCloseTo(k, 10);
    }
    const prod = multiply4(OBLIQUE, invert4(OBLIQUE));
    for (let n = 0; n < 16; n++) expect(prod[n]).toBeCloseTo(IDENTITY[n], 12);
  });

  it('voxel sizes, orientation codes, singular matrices', () => {
    expect(voxelSizes(OBLIQUE).map((v) => +v.toFixed(12))).toEqual([1.5, 2, 2.5]);
    expect(orientationCode(MNI2)).toBe('LAS');
    expect(orientationCode(OBLIQUE)).toBe('RAS');
    expect(orientationCode([0, 0, -1, 0, 1, 0, 0, 0, 0, -1, 0, 0, 0, 0, 0, 1])).toBe('AIL');
    expect(() => invert4([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1])).toThrow(/singular/);
  });
});

describe('sameGrid', () => {
  it('tolerates float32 noise but not a half-voxel shift or other dims', () => {
    const a = { dims: [91, 109, 91] as [number, number, number], affine: MNI2 };
    expect(sameGrid(a, { dims: [91, 109, 91], affine: MNI2.map((v, i) => (i === 0 ? v + 1e-7 : v)) })).toBe(true);
    expect(sameGrid(a, { dims: [91, 109, 91], affine: MNI2.map((v, i) => (i === 3 ? v + 1 : v)) })).toBe(false);
    expect(sameGrid(a, { dims: [91, 109, 90], affine: MNI2 })).toBe(false);
    // A scale error of 1e-4 per voxel adds up to 0.009 mm across the grid: not the same grid.
    expect(sameGrid(a, { dims: [91, 109, 91], affine: MNI2.map((v, i) => (i === 5 ? v + 1e-4 : v)) })).toBe(false);
  });
});
