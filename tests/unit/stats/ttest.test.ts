import { describe, expect, it } from 'vitest';
import { oneSampleT, pairedT, welchT, hedgesCorrection, StatsInputError } from '../../../shared/stats/ttest';

// Six subjects; numbers checked with scipy 1.10:
// ttest_rel(a, b) -> t = 2.87121967794601; dz = 1.172170525067662; ttest_1samp(a, 0) -> 6.813630226109113
// ttest_ind(a, b[:5], equal_var=False) -> t = 1.4010187923294153, Welch dof = 8.911219529760876
// Hedges g(a, b[:5]) = 0.7525499165062988 (J = 0.9138748917925525)
const A = [2.1, 3.4, 1.9, 5.0, 4.2, 3.3];
const B = [1.0, 2.9, 2.2, 3.1, 3.0, 2.5];

/** Voxel 0 = the example; voxel 1 = constant difference (untested); voxel 2 = NaN in one subject; voxel 3 = all zero. */
function maps(values: number[], v1: (s: number) => number): Float32Array[] {
  return values.map((x, s) => new Float32Array([x, v1(s), s === 2 ? NaN : x, 0]));
}

describe('pairedT', () => {
  const a = maps(A, (s) => s + 5);
  const b = maps(B, (s) => s + 3);
  const r = pairedT(a, b);

  it('matches scipy ttest_rel on a tested voxel', () => {
    expect(r.t[0]).toBeCloseTo(2.87121967794601, 5);
    expect(r.dz[0]).toBeCloseTo(1.172170525067662, 5);
    expect(r.meanDiff[0]).toBeCloseTo((A.reduce((s, x) => s + x) - B.reduce((s, x) => s + x)) / 6, 6);
    expect(r.meanA[0]).toBeCloseTo(3.3166667, 5);
    expect(r.meanB[0]).toBeCloseTo(2.45, 5);
    expect(r.n).toBe(6);
    expect(r.dof).toBe(5);
  });

  it('leaves zero-variance and NaN voxels untested', () => {
    expect(r.t[1]).toBeNaN(); // difference is always exactly 2
    expect(r.meanDiff[1]).toBe(2);
    expect(r.sdDiff[1]).toBe(0);
    expect(r.t[2]).toBeNaN();
    expect(r.t[3]).toBeNaN();
    expect(r.tested).toBe(1);
  });

  it('masks voxels out', () => {
    const m = pairedT(a, b, { mask: new Uint8Array([0, 1, 1, 1]) });
    expect(m.t[0]).toBeNaN();
    expect(m.meanA[0]).toBeNaN();
    expect(m.tested).toBe(0);
  });

  it('handles subject counts that are not a multiple of the 4-way unroll, and many voxels', () => {
    // 7 subjects x 5000 voxels: voxel v has differences (s - 3) + v/1000 (an offset of 100 tests the shifted sums)
    const n = 7;
    const nv = 5000;
    const aa: Float32Array[] = [];
    const bb: Float32Array[] = [];
    for (let s = 0; s < n; s++) {
      const x = new Float32Array(nv);
      const y = new Float32Array(nv);
      for (let v = 0; v < nv; v++) {
        x[v] = s - 3 + v / 1000 + 100;
        y[v] = 100;
      }
      aa.push(x);
      bb.push(y);
    }
    const calls: number[] = [];
    const res = pairedT(aa, bb, { onProgress: (done) => calls.push(done) });
    // Expected t from the same float32 inputs by the textbook two-pass formula in float64.
    for (const v of [0, 1, 2047, 2048, 4999]) {
      const d = aa.map((x, s) => Math.fround(x[v] - bb[s][v]));
      const mean = d.reduce((s, x) => s + x, 0) / n;
      const sd = Math.sqrt(d.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
      expect(res.t[v]).toBeCloseTo((mean / sd) * Math.sqrt(n), 5);
    }
    expect(res.t[1000]).toBeCloseTo(Math.sqrt(n) / Math.sqrt(28 / 6), 4); // mean 1 exactly representable
    expect(calls[calls.length - 1]).toBe(nv);
  });

  it('rejects mismatched inputs in plain words', () => {
    expect(() => pairedT(a, b.slice(1))).toThrow(/same number of maps/);
    expect(() => pairedT([new Float32Array(3), new Float32Array(4)], [new Float32Array(3), new Float32Array(3)])).toThrow(StatsInputError);
  });
});

describe('oneSampleT and welchT', () => {
  it('one-sample t matches scipy ttest_1samp', () => {
    const r = oneSampleT(maps(A, () => 1));
    expect(r.t[0]).toBeCloseTo(6.813630226109113, 5);
    expect(r.t[1]).toBeNaN();
    expect(r.tested).toBe(1);
  });

  it('Welch t, dof and Hedges g match scipy', () => {
    const r = welchT(maps(A, () => 1), maps(B.slice(0, 5), () => 1));
    expect(r.t[0]).toBeCloseTo(1.4010187923294153, 5);
    expect(r.dof[0]).toBeCloseTo(8.911219529760876, 4);
    expect(r.g[0]).toBeCloseTo(0.7525499165062988, 5);
    expect(r.t[1]).toBeNaN();
    expect(hedgesCorrection(9)).toBeCloseTo(0.9138748917925525, 12);
  });
});
