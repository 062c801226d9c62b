import { describe, expect, it } from 'vitest';
import type { Grid } from '../../../shared/spaces/types';
import type { Study } from '../../../shared/study/types';
import { validateStudy } from '../../../shared/study/validate';

const G2: Grid = { dims: [91, 109, 91], affine: [-2, 0, 0, 90, 0, 2, 0, -126, 0, 0, 2, -72, 0, 0, 0, 1] };
const G3: Grid = { dims: [61, 73, 61], affine: [-3, 0, 0, 90, 0, 3, 0, -126, 0, 0, 3, -72, 0, 0, 0, 1] };

function study(): Study {
  const files = (ext: string) =>
    ['sub-01', 'sub-02', 'sub-03'].flatMap((s) => ['MDMA', 'placebo'].map((c) => ({ subject: s, condition: c, path: `/d/${s}_${c}.${ext}` })));
  return {
    id: 's',
    name: 's',
    root: '/d',
    subjects: ['sub-01', 'sub-02', 'sub-03'],
    conditions: ['MDMA', 'placebo'],
    design: 'paired',
    measures: [
      { id: 'cbf', label: 'CBF', kind: 'cbf', units: 'ml/100g/min', files: files('nii.gz') },
      { id: 'conn', label: 'connectivity', kind: 'connectivity-matrix', units: 'z', files: files('tsv') },
    ],
  };
}

describe('validateStudy', () => {
  it('finds nothing wrong with a complete study on one grid', () => {
    const s = study();
    const grids = Object.fromEntries(s.measures[0].files.map((f) => [f.path, G2]));
    const sizes = Object.fromEntries(s.measures[1].files.map((f) => [f.path, 20]));
    expect(validateStudy(s, grids, sizes)).toEqual([]);
  });

  it('names the file on a different grid and the matrix of a different size', () => {
    const s = study();
    const grids = Object.fromEntries(s.measures[0].files.map((f) => [f.path, f.path.includes('sub-02_placebo') ? G3 : G2]));
    const sizes = Object.fromEntries(s.measures[1].files.map((f) => [f.path, f.path.includes('sub-03_MDMA') ? 18 : 20]));
    const problems = validateStudy(s, grids, sizes);
    expect(problems.map((p) => p.message)).toEqual([
      'CBF: 1 file is on a different grid from the others (91x109x91 at 2 mm): sub-02 placebo (sub-02_placebo.nii.gz) 61x73x61 at 3 mm. They will be resampled to the common grid.',
      'connectivity: matrices differ in size; most are 20x20 but sub-03 MDMA (sub-03_MDMA.tsv) is 18x18.',
    ]);
    expect(problems[0].paths).toEqual(['/d/sub-02_placebo.nii.gz']);
  });

  it('reports a file used twice and too few conditions', () => {
    const s = study();
    s.measures[0].files[1].path = s.measures[0].files[0].path;
    const problems = validateStudy(s);
    expect(problems[0].message).toBe('CBF: the file sub-01_MDMA.nii.gz is used 2 times (sub-01 MDMA and sub-01 placebo).');
    const one = { ...study(), conditions: ['MDMA'] };
    expect(validateStudy(one)[0].message).toBe('Only one condition was found (MDMA); a contrast needs two.');
  });
});
