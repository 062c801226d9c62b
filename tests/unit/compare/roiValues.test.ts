import { describe, expect, it } from 'vitest';
import { roiGroupMapValues, roiRows, roiRowsCsv, roiSubjectValues, roiSummary } from '../../../shared/compare/roiValues';
import { expectClose, mean, sd } from './helpers';

const valuesA = [1.2, 0.8, 1.5, 0.9, 1.1, 1.4];
const valuesB = [1.0, 0.9, 1.1, 0.7, 1.0, 1.0];
const mask = Uint8Array.from([0, 1, 0, 1, 0, 1, 0, 0]);

/** 8-voxel maps whose mean over the mask voxels 1, 3, 5 is `v`; everything outside the mask is 1000. */
function subjectMap(v: number, withNaN = false): Float32Array {
  const m = new Float32Array(8).fill(1000);
  m[1] = v - 0.25;
  m[3] = v;
  m[5] = v + 0.25;
  if (withNaN) {
    m[1] = v;
    m[5] = NaN; // a hole in this subject's map must not drag the mean
  }
  return m;
}

describe('roiSubjectValues', () => {
  it('gives the NaN-aware mean inside the mask for each subject', () => {
    const { a, b } = roiSubjectValues(valuesA.map((v, s) => subjectMap(v, s === 2)), valuesB.map((v) => subjectMap(v)), mask);
    a.forEach((v, s) => expectClose(v, valuesA[s], 1e-6));
    b.forEach((v, s) => expectClose(v, valuesB[s], 1e-6));
    expect(roiSubjectValues([new Float32Array(8).fill(NaN)], [], mask).a[0]).toBeNaN();
    expect(() => roiSubjectValues([new Float32Array(4)], [], mask)).toThrow('ROI mask has 8 voxels, the map has 4');
  });
});

describe('roiSummary', () => {
  it('paired: matches the explicit formulas and scipy ttest_rel', () => {
    const r = roiSummary(valuesA, valuesB, 'paired');
    const d = valuesA.map((v, i) => v - valuesB[i]);
    const dz = mean(d) / sd(d);
    expectClose(r.meanA, mean(valuesA), 1e-12);
    expectClose(r.sdA, sd(valuesA), 1e-12);
    expectClose(r.meanB, mean(valuesB), 1e-12);
    expectClose(r.sdB, sd(valuesB), 1e-12);
    expectClose(r.meanDiff, mean(d), 1e-12);
    expectClose(r.t, mean(d) / (sd(d) / Math.sqrt(6)), 1e-12);
    expectClose(r.t, 2.581988897471612, 1e-12);
    expectClose(r.p, 0.04931308767365255, 1e-9);
    expectClose(r.dz, dz, 1e-12);
    const se = Math.sqrt(1 / 6 + (dz * dz) / 12);
    expectClose(r.dzLow, dz - 1.959964 * se, 1e-6);
    expectClose(r.dzHigh, dz + 1.959964 * se, 1e-6);
    expect(r.n).toBe(6);
    expect(r.dof).toBe(5);
  });

  it('paired: drops subjects missing either condition', () => {
    const r = roiSummary([...valuesA, NaN], [...valuesB, 3], 'paired');
    expect(r.n).toBe(6);
    expectClose(r.t, 2.581988897471612, 1e-12);
  });

  it('two-group: Welch t and scipy ttest_ind(equal_var=False)', () => {
    const r = roiSummary(valuesA, valuesB, 'two-group');
    const va = sd(valuesA) ** 2 / 6;
    const vb = sd(valuesB) ** 2 / 6;
    expectClose(r.t, (mean(valuesA) - mean(valuesB)) / Math.sqrt(va + vb), 1e-6);
    expectClose(r.t, 1.5978709238739233, 1e-6);
    expectClose(r.p, 0.15189604936343595, 1e-6);
    expectClose(r.dof, (va + vb) ** 2 / (va ** 2 / 5 + vb ** 2 / 5), 1e-6);
    expect(r.n).toBe(12);
  });
});

describe('roiRowsCsv', () => {
  it('writes one escaped row per subject x condition x ROI, covariates and the notice', () => {
    const rows = roiRows(['sub-01', 'sub-02'], ['MDMA', 'placebo'], [
      { roi: 'Amygdala_R', a: [1.5, -0.25], b: [2, 1] },
      { roi: '=HYPERLINK("x")', a: [0, 1], b: [1, 0] },
    ]);
    expect(rows).toHaveLength(8);
    const csv = roiRowsCsv(rows, { notice: 'Simulated demo: values are made up', covariates: { 'sub-01': { order: 'MDMA first' }, 'sub-02': { order: 'placebo first', age: 31 } } });
    const lines = csv.trimEnd().split('\n');
    expect(lines[0]).toBe('# Simulated demo: values are made up');
    expect(lines[1]).toBe('subject,condition,roi,value,order,age');
    expect(lines[2]).toBe('sub-01,MDMA,Amygdala_R,1.5,MDMA first,');
    expect(lines[5]).toBe('sub-02,placebo,Amygdala_R,1,placebo first,31');
    expect(lines[4]).toBe('sub-02,MDMA,Amygdala_R,-0.25,placebo first,31');
    expect(lines[6]).toBe(`sub-01,MDMA,"'=HYPERLINK(""x"")",0,MDMA first,`);
    expect(lines).toHaveLength(10);
    const tsv = roiRowsCsv(rows, { sep: '\t' }).split('\n');
    expect(tsv[0]).toBe('subject\tcondition\troi\tvalue');
  });
});

describe('roiGroupMapValues', () => {
  it('gives mean, SD and count of the finite voxels of one map in each ROI', () => {
    const map = Float32Array.from([9, 2, 9, 4, 9, NaN, 9, 6]);
    const res = roiGroupMapValues(map, [
      { roi: 'odd', mask: Uint8Array.from([0, 1, 0, 1, 0, 1, 0, 1]) },
      { roi: 'none', mask: new Uint8Array(8) },
    ]);
    expect(res[0]).toEqual({ roi: 'odd', mean: 4, sd: 2, n: 3 });
    expect(res[1].n).toBe(0);
    expect(res[1].mean).toBeNaN();
  });
});
