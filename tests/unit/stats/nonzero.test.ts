import { describe, expect, it } from 'vitest';
import { allInBlock, anyNonZero, maskedInBlock, nonZeroInBlock, pairViews } from '../../../shared/stats/nonzero';
import { pairedT } from '../../../shared/stats/ttest';

describe('nonZeroInBlock', () => {
  // 7 voxels, 5 maps: voxel 1 is 3 in map 4 only, voxel 4 is NaN in map 2, voxel 6 (odd tail) is 0 everywhere.
  const maps = [0, 1, 2, 3, 4].map((s) => new Float32Array([0, s === 4 ? 3 : 0, 0, -0, s === 2 ? NaN : 0, 0, 0]));

  it('keeps every pair holding a non-zero or NaN value, plus the odd last voxel', () => {
    const views = pairViews(maps)!;
    const out = new Int32Array(8);
    const n = nonZeroInBlock(views, 0, 7, new Float64Array(4), out);
    // pair (0,1): map 4 has 3; pair (2,3): only -0 -> skipped; pair (4,5): NaN; 6: tail
    expect(Array.from(out.subarray(0, n))).toEqual([0, 1, 4, 5, 6]);
  });

  it('works on a block that starts inside the maps', () => {
    const views = pairViews(maps)!;
    const out = new Int32Array(8);
    const n = nonZeroInBlock(views, 2, 4, new Float64Array(4), out);
    expect(Array.from(out.subarray(0, n))).toEqual([2, 3]); // block-relative: voxels 4 and 5
  });

  it('refuses maps that are not 8-byte aligned', () => {
    const buf = new Float32Array(9);
    expect(pairViews([buf.subarray(1)])).toBeNull();
    const out = new Int32Array(3);
    expect(allInBlock(3, out)).toBe(3);
    expect(Array.from(out)).toEqual([0, 1, 2]);
  });
});

describe('pairedT conditionMaps: false', () => {
  // 5 subjects x 6 voxels: voxels 0-3 all zero (skipped), 4 tested, 5 constant difference.
  const A = [2.1, 3.4, 1.9, 5.0, 4.2];
  const B = [1.0, 2.9, 2.2, 3.1, 3.0];
  const a = A.map((x, s) => new Float32Array([0, 0, 0, 0, x, s + 2]));
  const b = B.map((x, s) => new Float32Array([0, 0, 0, 0, x, s]));

  it('gives the same t, meanDiff, sdDiff, dz as the full test and empty condition maps', () => {
    const full = pairedT(a, b);
    const lean = pairedT(a, b, { conditionMaps: false });
    for (const k of ['t', 'meanDiff', 'sdDiff', 'dz'] as const) expect(Array.from(lean[k])).toEqual(Array.from(full[k]));
    expect(lean.meanA.length).toBe(0);
    expect(lean.sdB.length).toBe(0);
    expect(lean.tested).toBe(1);
    // scipy.stats.ttest_rel(float32 A, float32 B).statistic = 2.382733359657348
    expect(lean.t[4]).toBeCloseTo(2.382733359657348, 5);
  });

  it('fills skipped all-zero voxels like computed ones: t NaN, mean and sd 0', () => {
    const full = pairedT(a, b);
    expect(full.t[0]).toBeNaN();
    expect(full.dz[2]).toBeNaN();
    expect(full.meanDiff[1]).toBe(0);
    expect(full.sdDiff[3]).toBe(0);
    expect(full.meanA[0]).toBe(0);
    expect(full.sdA[0]).toBe(0);
    expect(full.meanDiff[5]).toBe(2);
  });
});

describe('anyNonZero and maskedInBlock', () => {
  it('marks voxels not ±0 in some map (NaN counts) and lists a block of them', () => {
    const maps = [new Float32Array([0, 2, -0, NaN, 0]), new Float32Array([0, 0, -0, 0, -1])];
    const mask = anyNonZero(maps);
    expect(Array.from(mask)).toEqual([0, 1, 0, 1, 1]);
    const out = new Int32Array(5);
    expect(maskedInBlock(mask, 1, 4, out)).toBe(3);
    expect(Array.from(out.subarray(0, 3))).toEqual([0, 2, 3]); // block-relative: voxels 1, 3, 4
  });
});
