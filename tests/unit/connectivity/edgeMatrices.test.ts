import { describe, expect, it } from 'vitest';
import { edgeMatrices, edgePasses, edgewisePaired, type ConnMatrix } from '../../../shared/connectivity';

const m = (vals: number[]): ConnMatrix => ({ n: 3, values: Float64Array.from(vals), warnings: [] });

describe('edgeMatrices', () => {
  // Three subjects; edge (0,1) goes up by 1 (+ a little noise), the others do not move.
  const a = [0.1, 0.2, -0.1].map((d) => m([0, 1 + d, 0.5, 1 + d, 0, 0.2 + d, 0.5, 0.2 + d, 0]));
  const b = [0.05, 0.1, -0.05].map((d) => m([0, d, 0.5 + d, d, 0, 0.2, 0.5 + d, 0.2, 0]));
  const edges = edgewisePaired(a, b, { fisher: false });

  it('puts each edge on both sides of the diagonal, NaN on it', () => {
    const mats = edgeMatrices(edges, 3);
    expect(mats.meanA[0 * 3 + 1]).toBeCloseTo((1.1 + 1.2 + 0.9) / 3, 12);
    expect(mats.meanA[1 * 3 + 0]).toBe(mats.meanA[0 * 3 + 1]);
    expect(mats.meanB[0 * 3 + 1]).toBeCloseTo((0.05 + 0.1 - 0.05) / 3, 12);
    expect(Number.isNaN(mats.t[0])).toBe(true);
    expect(Number.isNaN(mats.t[4])).toBe(true);
    // d = A - B on edge (0,1): 1.05, 1.1, 0.95 -> mean 1.0333, sd 0.07638 -> t = 23.43 (by hand)
    expect(mats.t[1]).toBeCloseTo(1.0333333 / (0.0763763 / Math.sqrt(3)), 3);
  });

  it('passes edges by FDR q or uncorrected p', () => {
    const up = edges.find((e) => e.i === 0 && e.j === 1)!;
    expect(up.p).toBeLessThan(0.01);
    expect(edgePasses(up, { mode: 'p-unc', value: 0.01 })).toBe(true);
    expect(edgePasses(up, { mode: 'p-unc', value: up.p })).toBe(false);
    expect(edgePasses(up, { mode: 'fdr-q', value: 0.05 })).toBe(up.q < 0.05);
  });
});
