import { describe as suite, expect, it } from 'vitest';
import { cohenDzCI, describe, hedgesG, pairedTest } from '../../../shared/stats/effect';

const A = [2.1, 3.4, 1.9, 5.0, 4.2, 3.3];
const B = [1.0, 2.9, 2.2, 3.1, 3.0, 2.5];

suite('scalar statistics for ROI panels', () => {
  it('describe ignores NaN and uses n - 1', () => {
    const d = describe([1, 2, 3, 4, NaN]);
    expect(d.n).toBe(4);
    expect(d.mean).toBe(2.5);
    expect(d.sd).toBeCloseTo(Math.sqrt(5 / 3), 14);
    expect(describe([7]).sd).toBeNaN();
    expect(describe([]).n).toBe(0);
  });

  it('pairedTest matches scipy ttest_rel (t 2.87121967794601, p 0.03494475345460402)', () => {
    const r = pairedTest(A, B);
    expect(r.t).toBeCloseTo(2.87121967794601, 12);
    expect(r.p).toBeCloseTo(0.03494475345460402, 12);
    expect(r.dof).toBe(5);
    expect(r.dz).toBeCloseTo(1.172170525067662, 12);
    const se = Math.sqrt(1 / 6 + r.dz ** 2 / 12);
    expect(r.dzLow).toBeCloseTo(r.dz - 1.959963984540054 * se, 12);
    expect(r.meanA).toBeCloseTo(3.3166666666666664, 12);
  });

  it('pairedTest drops incomplete pairs', () => {
    const r = pairedTest([...A, NaN], [...B, 1]);
    expect(r.n).toBe(6);
    expect(r.t).toBeCloseTo(2.87121967794601, 12);
  });

  it('Cohen dz CI (normal approximation) and Hedges g', () => {
    const ci = cohenDzCI(0.5, 24);
    expect(ci.low).toBeCloseTo(0.07565534972143562, 12);
    expect(ci.high).toBeCloseTo(0.9243446502785644, 12);
    expect(hedgesG(A, B.slice(0, 5))).toBeCloseTo(0.7525499165062988, 12);
  });
});
