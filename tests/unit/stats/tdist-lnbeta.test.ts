import { describe, expect, it } from 'vitest';
import { logBeta, tToP } from '../../../shared/stats/tdist';

describe('tToP with a cached logBeta', () => {
  it('gives the same bits as without it, one- and two-sided', () => {
    for (const dof of [1, 5, 23, 40.5]) {
      const lnBeta = logBeta(dof / 2, 0.5);
      for (const t of [-12, -2.5, -0.1, 0, 0.7, 2.0686576104190406, 30]) {
        for (const sided of [1, 2] as const) expect(Object.is(tToP(t, dof, sided, lnBeta), tToP(t, dof, sided))).toBe(true);
      }
    }
    // scipy 1.10: 2 * stdtr(23, -2.0686576104190406) = 0.05 (the two-sided 5% critical t at 23 dof)
    expect(tToP(2.0686576104190406, 23, 2, logBeta(11.5, 0.5))).toBeCloseTo(0.05, 10);
  });
});
