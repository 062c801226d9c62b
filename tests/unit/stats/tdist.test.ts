import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { incompleteBeta, logBeta, logGamma, pToT, tCdf, tSurvival, tToP } from '../../../shared/stats/tdist';
import { missingPython, needs, PYTHON } from '../../fixtures/references';

describe('log-gamma and log-beta', () => {
  it('matches known values', () => {
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 14);
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 12);
    // B(a, 1/2) for large a stays accurate: ln B(50000, 0.5) = ln Γ(0.5) + ln Γ(5e4) - ln Γ(50000.5)
    // ≈ ln √π - 0.5 ln(5e4) + 1/(8·5e4) (asymptotic), to ~1e-14.
    const a = 5e4;
    expect(logBeta(a, 0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)) - 0.5 * Math.log(a) + 1 / (8 * a), 12);
  });

  it('regularized incomplete beta has the closed form I_x(1, b) = 1 - (1-x)^b', () => {
    expect(incompleteBeta(1, 3, 0.2)).toBeCloseTo(1 - 0.8 ** 3, 14);
    expect(incompleteBeta(2, 2, 0.5)).toBeCloseTo(0.5, 14);
  });
});

describe('Student t tails (closed forms, no python needed)', () => {
  it('dof 1 is Cauchy and dof 2 has a closed form', () => {
    expect(tSurvival(1, 1)).toBeCloseTo(0.25, 14);
    expect(tSurvival(2, 2)).toBeCloseTo(0.5 - 2 / (2 * Math.sqrt(6)), 14);
    expect(tCdf(-2, 2)).toBeCloseTo(0.5 - 2 / (2 * Math.sqrt(6)), 14);
  });
  it('two-sided p, special values and pToT inverse', () => {
    expect(tToP(0, 10, 2)).toBe(1);
    expect(tToP(Infinity, 10, 2)).toBe(0);
    expect(tToP(NaN, 10, 2)).toBeNaN();
    // scipy.stats.t.isf(0.025, 23) = 2.068657610419041; t.isf(0.001, 23) = 3.4849643748048935.
    // p agrees to ~3e-13 absolute there, which moves t by ~1e-10 (pdf ≈ 0.0025): hence 8 digits.
    expect(pToT(0.05, 23, 2)).toBeCloseTo(2.068657610419041, 8);
    expect(pToT(0.001, 23, 1)).toBeCloseTo(3.4849643748048935, 8);
    expect(pToT(0.999, 23, 1)).toBeCloseTo(-3.4849643748048935, 8);
    // far tail: t.isf(1e-12, 5) = 393.95695957760626
    expect(pToT(1e-12, 5, 1) / 393.95695957760626).toBeCloseTo(1, 8);
    for (const dof of [1, 3, 23, 1066]) for (const t of [0.3, 2.5, 9]) expect(pToT(tToP(t, dof, 2), dof, 2)).toBeCloseTo(t, 9);
  });
});


describe('Student t survival vs scipy.stats.t.sf (1e-10)', needs(missingPython(['scipy'])), () => {
  it('agrees over t in [-40, 40] and 11 dof values', () => {
    const dofs = [1, 2, 3, 5, 10, 23, 24, 50, 100, 1066, 1e5];
    const ts: number[] = [];
    for (let t = -40; t <= 40; t += 0.25) ts.push(t);
    ts.push(1e-6, -0.001, 3.14159, 39.99);
    const script = [
      'import json, sys',
      'from scipy import stats',
      'd = json.load(sys.stdin)',
      "print(json.dumps([[float(stats.t.sf(t, v)) for t in d['ts']] for v in d['dofs']]))",
    ].join('\n');
    const ref: number[][] = JSON.parse(execFileSync(PYTHON, ['-c', script], { input: JSON.stringify({ ts, dofs }) }).toString());
    let checked = 0;
    dofs.forEach((dof, i) =>
      ts.forEach((t, j) => {
        const want = ref[i][j];
        const got = tSurvival(t, dof);
        if (want < 1e-10) {
          if (want === 0) expect(got).toBeLessThan(1e-300);
          else expect(Math.abs(got - want) / want, `dof ${dof} t ${t}`).toBeLessThan(1e-10);
        } else {
          expect(Math.abs(got - want), `dof ${dof} t ${t}`).toBeLessThan(1e-10);
        }
        checked++;
      }),
    );
    expect(checked).toBe(dofs.length * ts.length);
  });
});
