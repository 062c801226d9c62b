import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { edgewisePaired, fisherZ, parseMatrix, type ConnMatrix } from '../../../shared/connectivity/index';
import { benchInputs, missingReference } from '../../fixtures/bench-inputs';
import { needs } from '../../fixtures/references';

const INPUTS = await benchInputs();

const mat = (n: number, v: number[]): ConnMatrix => ({ n, values: Float64Array.from(v), warnings: [] });

describe('edgewisePaired', () => {
  it('fisherZ clips |r| to 0.999999 and equals atanh', () => {
    expect(fisherZ(0.5)).toBeCloseTo(Math.atanh(0.5), 15);
    expect(fisherZ(1)).toBeCloseTo(Math.atanh(0.999999), 12);
    expect(fisherZ(-1)).toBeCloseTo(-7.254328619, 8);
  });

  it('3 subjects, 3 nodes, no Fisher: t and p checked with scipy.stats.ttest_rel', () => {
    // edge (0,1): A = 0.5, 0.6, 0.9; B = 0.1, 0.3, 0.2 -> d = 0.4, 0.3, 0.7
    const sym = (a: number, b: number, c: number) => [1, a, b, a, 1, c, b, c, 1];
    const A = [mat(3, sym(0.5, 0, 0.2)), mat(3, sym(0.6, 0, 0.2)), mat(3, sym(0.9, 0, NaN))];
    const B = [mat(3, sym(0.1, 0, 0.1)), mat(3, sym(0.3, 0, 0.1)), mat(3, sym(0.2, 0, 0.1))];
    const e = edgewisePaired(A, B, { fisher: false });
    expect(e.map((x) => [x.i, x.j])).toEqual([[0, 1], [0, 2], [1, 2]]);
    // scipy.stats.ttest_rel([.5,.6,.9],[.1,.3,.2]) -> t=3.8829013735766043, p=0.060381522700365946
    expect(e[0].t).toBeCloseTo(3.8829013735766043, 10);
    expect(e[0].p).toBeCloseTo(0.060381522700365946, 10);
    expect(e[0].meanA).toBeCloseTo(2 / 3, 12);
    expect(e[0].n).toBe(3);
    expect(Number.isNaN(e[1].t)).toBe(true); // no variance
    expect(e[2].n).toBe(2); // the NaN subject is left out of this edge only
    expect(Number.isNaN(e[2].t)).toBe(true); // d = 0.1, 0.1: no variance
    expect(e[0].q).toBeCloseTo(e[0].p, 6); // only one testable edge
  });
});

describe('bench connectivity CSVs (reference.py load_conn_csv_48)', needs(missingReference), () => {
  it('307 edges with p < 0.001, t max 14.4677, sum of MDMA r 4701.614552', () => {
    const dir = join(INPUTS!, 'group', 'connectivity');
    const files = readdirSync(dir).sort();
    const load = (cond: string) => files.filter((f) => f.includes(`cond-${cond}_`)).map((f) => parseMatrix(readFileSync(join(dir, f), 'utf8'), f));
    const A = load('MDMA');
    const B = load('placebo');
    expect([A.length, B.length, A[0].n]).toEqual([24, 24, 100]);
    let sum = 0;
    for (const m of A) for (const v of m.values) sum += v;
    expect(sum).toBeCloseTo(4701.614551999999, 8);
    const edges = edgewisePaired(A, B);
    expect(edges.length).toBe(4950);
    expect(edges.filter((e) => e.p < 1e-3).length).toBe(307);
    expect(Math.max(...edges.map((e) => e.t))).toBeCloseTo(14.467686783640248, 9);
    const q = edges.filter((e) => e.q <= 0.05).length;
    expect(q).toBe(409);
  });
});
