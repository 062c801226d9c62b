import { describe, expect, it } from 'vitest';
import { fdrBH, fdrThresholdP, fdrThresholdT } from '../../../shared/stats/fdr';
import { pToT } from '../../../shared/stats/tdist';

describe('Benjamini–Hochberg', () => {
  it('gives the step-up q by hand (m = 5 finite p; NaN ignored)', () => {
    // sorted 0.005 0.01 0.03 0.04 0.5 -> p*m/k = .025 .025 .05 .05 .5 -> running min from the top
    const q = fdrBH(new Float64Array([0.01, 0.04, 0.03, 0.005, NaN, 0.5]));
    expect(Array.from(q.slice(0, 4))).toEqual([0.025, 0.05, 0.05, 0.025].map(Math.fround));
    expect(q[4]).toBeNaN();
    expect(q[5]).toBeCloseTo(0.5, 7);
  });

  it('is monotone, shares q across ties and caps at 1', () => {
    expect(Array.from(fdrBH(new Float32Array([0.02, 0.02, 0.02])))).toEqual([0.02, 0.02, 0.02].map(Math.fround));
    const q = fdrBH(new Float64Array([0.9, 0.95, 1]));
    expect(Array.from(q)).toEqual([1, 1, 1]);
    const p = new Float64Array(1000);
    for (let i = 0; i < p.length; i++) p[i] = ((i * 7919) % 1000) / 1000 + 1e-4;
    const qq = fdrBH(p);
    const order = Array.from(p.keys()).sort((x, y) => p[x] - p[y]);
    for (let k = 1; k < order.length; k++) expect(qq[order[k]]).toBeGreaterThanOrEqual(qq[order[k - 1]]);
  });

  it('threshold p and t agree with the q map', () => {
    const p = new Float64Array([0.01, 0.04, 0.03, 0.005, NaN, 0.5]);
    expect(fdrThresholdP(p, 0.05)).toBe(0.04);
    expect(fdrThresholdP(p, 0.01)).toBeNull();
    // t map whose two-sided p are 0.001 and 0.2 (dof 10): only the first survives at q 0.05 (m = 2)
    const t = new Float32Array([pToT(0.001, 10, 2), -pToT(0.2, 10, 2), NaN]);
    expect(fdrThresholdT(t, 10, 0.05, 2)).toBeCloseTo(pToT(0.001, 10, 2), 5);
    expect(fdrThresholdT(t, 10, 0.0001, 2)).toBe(Infinity);
  });
});
