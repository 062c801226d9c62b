import { describe, expect, it } from 'vitest';
import { computeContrast, contrastFromGroupMap, oneSidedQ, statMap, withDirection } from '../../../shared/compare/contrast';
import { expectClose, mapsFromVoxels, mean, sd } from './helpers';

// Six voxels x five subjects, values chosen by hand (see each voxel's comment).
const A = [
  [10, 12, 11, 13, 14], // 0: ordinary effect, diffs 2 3 1 4 3
  [5, 6, 7, 8, 9], // 1: every difference is exactly 1 -> zero variance -> untested
  [1, 2, 3, 4, 5], // 2: outside the mask
  [-40, -42, -41, -39, -43], // 3: negative baseline
  [1, 2, 1.5, 0.5, 1.2], // 4: baseline ~0 -> no percent change
  [100, 98, 97, 101, 99], // 5: large baseline, A < B
];
const B = [
  [8, 9, 10, 9, 11],
  [4, 5, 6, 7, 8],
  [2, 2, 2, 2, 9],
  [-50, -49, -52, -51, -48],
  [0.001, -0.001, 0.002, 0, 0.003],
  [101, 100, 99, 102, 103],
];
const mask = Uint8Array.from([1, 1, 0, 1, 1, 1]);
const tested = [0, 3, 4, 5];

function pairedByHand(v: number) {
  const d = A[v].map((x, s) => x - B[v][s]);
  const m = mean(d);
  const s = sd(d);
  return { diff: m, t: m / (s / Math.sqrt(d.length)), dz: m / s };
}

function bhByHand(p: number[]): number[] {
  const order = p.map((_, i) => i).sort((i, j) => p[i] - p[j]);
  const q = new Array(p.length).fill(0);
  let running = 1;
  for (let k = p.length - 1; k >= 0; k--) {
    running = Math.min(running, (p[order[k]] * p.length) / (k + 1));
    q[order[k]] = running;
  }
  return q;
}

describe('computeContrast, paired', () => {
  const maps = computeContrast({ a: mapsFromVoxels(A), b: mapsFromVoxels(B), design: 'paired', mask });

  it('gives t, diff and dz of the explicit formulas at tested voxels', () => {
    for (const v of tested) {
      const want = pairedByHand(v);
      expectClose(maps.t[v], want.t);
      expectClose(maps.diff[v], want.diff);
      expectClose(maps.dz[v], want.dz);
      expectClose(maps.meanA[v], mean(A[v]));
      expectClose(maps.meanB[v], mean(B[v]), 1e-4);
      expectClose(maps.sdA[v], sd(A[v]));
      expectClose(maps.sdB[v], sd(B[v]), 1e-4);
    }
    // voxel 0 by hand: diffs 2 3 1 4 3, mean 2.6, sd sqrt(1.3) -> t = 5.0990 (scipy ttest_rel)
    expectClose(maps.t[0], 5.0990195135927845);
    expectClose(maps.p[0], 0.0069873746653197405, 1e-5);
    expect(maps.n).toBe(5);
    expect(maps.dof).toBe(4);
    expect(maps.tested).toBe(4);
  });

  it('leaves zero-variance and masked voxels untested', () => {
    for (const v of [1, 2]) {
      expect(maps.t[v]).toBeNaN();
      expect(maps.p[v]).toBeNaN();
      expect(maps.q[v]).toBeNaN();
      expect(maps.diff[v]).toBeNaN();
      expect(maps.pctChange[v]).toBeNaN();
    }
  });

  it('gives percent change = 100 (meanA - meanB) / |meanB| only where the baseline is clearly non-zero', () => {
    // |meanB| over tested voxels: 9.4, 50, 0.001, 101 -> median 29.7 -> floor 0.297
    expectClose(maps.pctChange[0], (100 * (mean(A[0]) - mean(B[0]))) / mean(B[0]), 1e-5);
    expectClose(maps.pctChange[5], (100 * (mean(A[5]) - mean(B[5]))) / mean(B[5]), 1e-5);
    // negative baseline: the sign follows A - B (A is less negative, so positive)
    expectClose(maps.pctChange[3], (100 * (mean(A[3]) - mean(B[3]))) / Math.abs(mean(B[3])), 1e-5);
    expect(maps.pctChange[3]).toBeGreaterThan(0);
    expect(maps.pctChange[4]).toBeNaN();
  });

  it('gives BH q over the tested voxels only', () => {
    const p = tested.map((v) => maps.p[v]);
    const q = bhByHand(p);
    tested.forEach((v, k) => expectClose(maps.q[v], q[k], 1e-6));
  });

  it('swaps the direction without changing p and q', () => {
    const swapped = withDirection(maps, 'B-A');
    const direct = computeContrast({ a: mapsFromVoxels(A), b: mapsFromVoxels(B), design: 'paired', mask, direction: 'B-A' });
    for (const m of [swapped, direct]) {
      expect(m.direction).toBe('B-A');
      for (const v of tested) {
        expectClose(m.t[v], -pairedByHand(v).t);
        expectClose(m.diff[v], -pairedByHand(v).diff);
        expect(m.p[v]).toBe(maps.p[v]);
        expectClose(m.meanA[v], mean(A[v]));
      }
      expectClose(m.pctChange[0], (100 * (mean(B[0]) - mean(A[0]))) / mean(A[0]), 1e-5);
    }
  });

  it('statMap picks the displayed map', () => {
    expect(statMap(maps, 'paired-t')).toBe(maps.t);
    expect(statMap(maps, 'mean-diff')).toBe(maps.diff);
    expect(statMap(maps, 'percent-change')).toBe(maps.pctChange);
    expect(statMap(maps, 'dz')).toBe(maps.dz);
  });

  it('one-sided q uses the upper tail of the directed t', () => {
    const q1 = oneSidedQ(maps);
    // voxel 5 has t < 0: its one-sided p is above 0.5
    expect(q1[5]).toBeGreaterThan(0.5);
    expect(q1[0]).toBeLessThan(maps.q[0]);
  });

  it('reports progress up to 100', () => {
    const seen: number[] = [];
    computeContrast({ a: mapsFromVoxels(A), b: mapsFromVoxels(B), design: 'paired', onProgress: (d, t) => seen.push(d / t) });
    expect(seen.at(-1)).toBe(1);
    expect([...seen].sort((x, y) => x - y)).toEqual(seen);
  });
});

describe('computeContrast, two-group (Welch)', () => {
  const maps = computeContrast({ a: mapsFromVoxels([A[0]]), b: mapsFromVoxels([B[0]]), design: 'two-group' });
  it('matches the Welch formulas and scipy ttest_ind(equal_var=False)', () => {
    const va = sd(A[0]) ** 2 / 5;
    const vb = sd(B[0]) ** 2 / 5;
    const t = (mean(A[0]) - mean(B[0])) / Math.sqrt(va + vb);
    const dof = (va + vb) ** 2 / (va ** 2 / 4 + vb ** 2 / 4);
    expectClose(maps.t[0], t);
    expectClose(maps.t[0], 2.9824045403173027);
    expectClose(maps.dofMap![0], dof);
    expectClose(maps.p[0], 0.019549834369887154, 1e-5);
    expect(maps.n).toBe(10);
  });
});

describe('contrastFromGroupMap', () => {
  it('treats exact zeros as outside the brain and computes p with the given dof', () => {
    const maps = contrastFromGroupMap({ t: Float32Array.from([0, 3.745398618927526, -2, NaN]), dof: 24 });
    expect(maps.tested).toBe(2);
    expect(maps.t[0]).toBeNaN();
    expectClose(maps.p[1], 0.001, 1e-5);
    expect(() => contrastFromGroupMap({ t: new Float32Array(2), dof: 0 })).toThrow(/degrees of freedom/);
  });
});
