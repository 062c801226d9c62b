import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchInputs, missingReference } from '../fixtures/bench-inputs';
import { needs } from '../fixtures/references';
import { cli } from './cli-run';

const INPUTS = await benchInputs();
const out = mkdtempSync(join(tmpdir(), 'cs-mp-'));

describe('contrastscope matrix-paired', () => {
  it('bench matrices: 4950 edges, 307 with p < 0.001 (reference.py), header exact', needs(missingReference), () => {
    const dir = join(INPUTS!, 'group', 'connectivity');
    const csv = join(out, 'edges.csv');
    const r = cli(['matrix-paired', '--a', join(dir, 'sub-*_cond-MDMA_connectivity.csv'), '--b', join(dir, 'sub-*_cond-placebo_connectivity.csv'), '--csv', csv]);
    expect(r.code).toBe(0);
    const rows = readFileSync(csv, 'utf8').trim().split('\n');
    expect(rows[0]).toBe('node_i,node_j,mean_a,mean_b,t,p,q');
    expect(rows.length).toBe(4951);
    const cells = rows.slice(1).map((l) => l.split(','));
    expect(cells[0].slice(0, 2)).toEqual(['1', '2']);
    expect(cells[4949].slice(0, 2)).toEqual(['99', '100']);
    expect(cells.filter((c) => Number(c[5]) < 1e-3).length).toBe(307);
    expect(Math.max(...cells.map((c) => Number(c[4])))).toBeCloseTo(14.467686783640248, 9);
  });

  it('node names from --nodes; pairs must match; node count must match', () => {
    const a1 = join(out, 'a1.csv');
    const a2 = join(out, 'a2.csv');
    const b1 = join(out, 'b1.csv');
    const b2 = join(out, 'b2.csv');
    writeFileSync(a1, '1,0.5,0.1\n0.5,1,0.2\n0.1,0.2,1\n');
    writeFileSync(a2, '1,0.6,0.3\n0.6,1,0.2\n0.3,0.2,1\n');
    writeFileSync(b1, '1,0.1,0.1\n0.1,1,0.3\n0.1,0.3,1\n');
    writeFileSync(b2, '1,0.3,0.2\n0.3,1,0.1\n0.2,0.1,1\n');
    const nodes = join(out, 'nodes.tsv');
    writeFileSync(nodes, 'name\tx\ty\tz\n=amy\t-24\t-4\t-18\nhip\t-28\t-22\t-12\nmPFC\t0\t50\t0\n');
    const csv = join(out, 'small.csv');
    let r = cli(['matrix-paired', '--a', a1, a2, '--b', b1, b2, '--nodes', nodes, '--csv', csv, '--no-fisher']);
    expect(r.code).toBe(0);
    const rows = readFileSync(csv, 'utf8').trim().split('\n');
    // edge amy-hip, r: A 0.5, 0.6; B 0.1, 0.3 -> d 0.4, 0.3: t = 0.35 / (0.0707107 / sqrt 2) = 7, p = 0.0903344706 (scipy)
    const [ni, nj, ma, mb, t, p] = rows[1].split(',');
    expect([ni, nj]).toEqual(["'=amy", 'hip']);
    expect(Number(ma)).toBeCloseTo(0.55, 12);
    expect(Number(mb)).toBeCloseTo(0.2, 12);
    expect(Number(t)).toBeCloseTo(7, 9);
    expect(Number(p)).toBeCloseTo(0.09033447060173314, 9);
    r = cli(['matrix-paired', '--a', a1, a2, '--b', b1, '--csv', csv]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('2 files after --a but 1 after --b');
    const five = existsSync('/tmp/robust/matrix/size_mismatch_5x5.csv');
    if (five) {
      r = cli(['matrix-paired', '--a', a1, '/tmp/robust/matrix/size_mismatch_5x5.csv', '--b', b1, b2, '--csv', csv]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('size_mismatch_5x5.csv: is 5x5 but a1.csv is 3x3');
    }
    writeFileSync(nodes, 'name,x,y,z\nA,1,2,3\n');
    r = cli(['matrix-paired', '--a', a1, a2, '--b', b1, b2, '--nodes', nodes, '--csv', csv]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nodes.tsv: has 1 nodes (labels) but the matrices are 3x3');
    r = cli(['matrix-paired', '--a', a1, '/tmp/robust/matrix/ragged_rows.csv', '--b', b1, b2, '--csv', csv]);
    if (existsSync('/tmp/robust/matrix/ragged_rows.csv')) {
      expect(r.code).toBe(2);
      expect(r.stderr.trim()).toBe('contrastscope: ragged_rows.csv: row 2 has 2 columns but row 1 has 3; rows of different length');
    }
  });
});
