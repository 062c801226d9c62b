// The connectivity workspace's computation, with the paired t checked against its formula.
import { describe, expect, it } from 'vitest';
import { conditionEdges, holdsFisherZ, type ConnMatrix } from '../../../shared/connectivity';
import { mean, sd } from '../compare/helpers';

/** A 2x2 matrix whose off-diagonal is r. */
const mat = (r: number): ConnMatrix => ({ n: 2, values: Float64Array.from([1, r, r, 1]), warnings: [] });
const nodes = [
  { name: 'PCC', x: 0, y: -52, z: 26 },
  { name: 'mPFC', x: 0, y: 52, z: -6 },
];

describe('holdsFisherZ', () => {
  it('Fisher z files by name or unit; correlations not', () => {
    expect(holdsFisherZ({ label: 'Rest', units: 'z', id: 'task-rest_desc-fisherz_connectivity' })).toBe(true);
    expect(holdsFisherZ({ label: 'Rest (Fisher)', units: 'r', id: 'rest' })).toBe(true);
    expect(holdsFisherZ({ label: 'Rest', units: 'r', id: 'task-rest_connectivity' })).toBe(false);
  });
});

describe('conditionEdges', () => {
  const A = [0.5, 0.6, 0.7, 0.3];
  const B = [0.1, 0.2, 0.4, NaN];
  const data = { nodes, matrices: { drug: A.map(mat), placebo: [mat(B[0]), mat(B[1]), mat(B[2]), null] } };

  it('pairs subjects with both matrices and tests atanh(r) with a paired t', () => {
    const r = conditionEdges({ label: 'Rest', units: 'r', id: 'rest' }, data, 'drug', 'placebo');
    if (!r || 'error' in r) throw new Error('expected edges');
    expect(r.pairs).toBe(3);
    expect(r.fisher).toBe(true);
    expect(r.names).toEqual(['PCC', 'mPFC']);
    const d = [0, 1, 2].map((i) => Math.atanh(A[i]) - Math.atanh(B[i]));
    expect(r.edges).toHaveLength(1);
    expect(r.edges[0].t).toBeCloseTo(mean(d) / (sd(d) / Math.sqrt(3)), 9);
  });

  it('z files are compared as given; fewer than two pairs give null; size mismatch names the measure', () => {
    const z = conditionEdges({ label: 'Rest', units: 'z', id: 'rest' }, data, 'drug', 'placebo');
    if (!z || 'error' in z) throw new Error('expected edges');
    const d = [0, 1, 2].map((i) => A[i] - B[i]);
    expect(z.fisher).toBe(false);
    expect(z.edges[0].t).toBeCloseTo(mean(d) / (sd(d) / Math.sqrt(3)), 9);
    expect(conditionEdges({ label: 'Rest', units: 'r', id: 'rest' }, { nodes, matrices: { drug: [mat(0.1)], placebo: [mat(0.2)] } }, 'drug', 'placebo')).toBeNull();
    const big: ConnMatrix = { n: 3, values: new Float64Array(9).fill(0.2), warnings: [] };
    const bad = conditionEdges({ label: 'Rest', units: 'r', id: 'rest' }, { nodes, matrices: { drug: [mat(0.1), big], placebo: [mat(0.2), big] } }, 'drug', 'placebo');
    expect(bad).toEqual({ error: expect.stringMatching(/^Rest: .*different sizes/) });
  });
});
