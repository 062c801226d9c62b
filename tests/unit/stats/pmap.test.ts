import { describe, expect, it } from 'vitest';
import { pMap } from '../../../shared/stats/pmap';
import { tToP } from '../../../shared/stats/tdist';

describe('pMap', () => {
  it('agrees with the scalar tToP to float32 precision, on both the series and continued-fraction paths', () => {
    for (const dof of [1, 2, 3, 4, 23, 24, 200, 201, 1066, 8.9]) {
      const t = new Float32Array(801);
      for (let i = 0; i < t.length; i++) t[i] = -40 + i * 0.1;
      for (const sided of [1, 2] as const) {
        const p = pMap(t, dof, sided);
        for (let i = 0; i < t.length; i++) {
          const want = tToP(t[i], dof, sided);
          if (want < 1e-37) continue; // below float32's normal range
          expect(Math.abs(p[i] - want) / want, `dof ${dof} t ${t[i]} sided ${sided}`).toBeLessThan(2e-7);
        }
      }
    }
  });

  it('keeps NaN and handles infinities and per-voxel dof', () => {
    const p = pMap(new Float32Array([NaN, Infinity, -Infinity, 0]), 10, 1);
    expect(p[0]).toBeNaN();
    expect(p[1]).toBe(0);
    expect(p[2]).toBe(1);
    expect(p[3]).toBeCloseTo(0.5, 7);
    const q = pMap(new Float32Array([2, 2]), new Float32Array([1, NaN]), 2);
    expect(q[0]).toBeCloseTo(1 - (2 / Math.PI) * Math.atan(2), 6); // Cauchy
    expect(q[1]).toBeNaN();
  });
});
