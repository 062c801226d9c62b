// `contrastscope permute` against ../shared/bench/perm_reference.py on the 24-subject bench inputs:
// the null columns, the observed TFCE map and the FWE p maps must agree (they agree bit for bit:
// the engine takes every statistic from t computed in the reference's order of operations).
// Bad signs files exit 2 with the file and line. In CI a missing reference fails, never skips.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readNifti, writeNifti } from '../../shared/nifti/index';
import { PYTHON, SHARED_DIR, benchInputs, referenceAvailable } from '../fixtures/bench-inputs';
import { cliAsync } from './cli-run';

const PERM_REF = join(SHARED_DIR, 'bench', 'perm_reference.py');
const tmp = mkdtempSync(join(tmpdir(), 'cs-cli-permute-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const read = (f: string) => readNifti(new Uint8Array(readFileSync(f)), f);
const py = (args: string[]) => promisify(execFile)(PYTHON, [PERM_REF, ...args], { maxBuffer: 1 << 26, timeout: 600_000 });

function parseNull(text: string) {
  const [head, ...lines] = text.trim().split('\n');
  expect(head).toBe('perm,max_t,max_cluster_size,max_cluster_mass,max_tfce');
  return lines.map((l) => l.split(',').map(Number));
}

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1e-12, Math.abs(b));

describe('permute: bad input', () => {
  const affine = [-2, 0, 0, 90, 0, 2, 0, -126, 0, 0, 2, -72, 0, 0, 0, 1];
  const maps: string[] = [];
  beforeAll(() => {
    for (let s = 0; s < 3; s++) {
      for (const c of ['a', 'b']) {
        const data = new Float32Array(125);
        for (let i = 0; i < 125; i++) data[i] = Math.sin(i * (s + 1) + (c === 'a' ? 0.3 : 1.1)) + (c === 'a' ? 1 : 0);
        const f = join(tmp, `${c}${s}.nii`);
        writeFileSync(f, writeNifti({ dims: [5, 5, 5], affine, data }));
        maps.push(f);
      }
    }
  });
  const A = () => maps.filter((_, i) => i % 2 === 0);
  const B = () => maps.filter((_, i) => i % 2 === 1);

  it('a signs file with the wrong columns, a value other than +-1, or a first row that is not the identity exits 2 naming file and line', async () => {
    const files = {
      cols: '# header\n1\t1\t1\n1\t-1\n',
      value: '1 1 1\n1 0 -1\n',
      first: '\n1 -1 1\n1 1 1\n',
    };
    for (const [k, text] of Object.entries(files)) writeFileSync(join(tmp, `${k}.tsv`), text);
    const run = (k: string) => cliAsync(['permute', '--a', ...A(), '--b', ...B(), '--signs', join(tmp, `${k}.tsv`), '--out-prefix', join(tmp, `bad-${k}`)]);
    const [cols, value, first] = await Promise.all([run('cols'), run('value'), run('first')]);
    expect(cols.code).toBe(2);
    expect(cols.stderr).toMatch(/cols\.tsv line 3: 2 columns, but there are 3 subjects/);
    expect(value.code).toBe(2);
    expect(value.stderr).toMatch(/value\.tsv line 2: "0" is not 1 or -1/);
    expect(first.code).toBe(2);
    expect(first.stderr).toMatch(/first\.tsv line 2: the first row must be the identity/);
    for (const r of [cols, value, first]) expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(readdirSync(tmp).some((f) => f.startsWith('bad-'))).toBe(false);
  });

  it('enumerates all 8 flips of 3 subjects and refuses an output prefix that would overwrite an input', async () => {
    const ok = await cliAsync(['permute', '--a', ...A(), '--b', ...B(), '--cluster-t', '0.5', '--tfce', '--out-prefix', join(tmp, 'small')]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/all 8 sign-flips of 3 subjects \(enumerated\)/);
    const rows = parseNull(readFileSync(join(tmp, 'small_null.csv'), 'utf8'));
    expect(rows).toHaveLength(8);
    // row 8 flips every subject: t is exactly negated, so its max |t| equals the identity's
    expect(rows[7][1]).toBe(rows[0][1]);
    const clash = await cliAsync(['permute', '--a', ...A(), '--b', ...B(), '--mask', join(tmp, 'x_t.nii.gz'), '--out-prefix', join(tmp, 'x')]);
    expect(clash.code).toBe(2);
    expect(clash.stderr).toMatch(/x_t\.nii\.gz is the input .*x_t\.nii\.gz; refusing to overwrite an input/);
  });
});

// CI must run these: a missing python or reference fails there instead of skipping.
describe.skipIf(!referenceAvailable && !process.env.CI)('permute against perm_reference.py (32 sign-flips, bench inputs)', () => {
  let ours: Awaited<ReturnType<typeof cliAsync>>;
  const o = (n: string) => join(tmp, n);
  beforeAll(async () => {
    expect(existsSync(PERM_REF), `${PERM_REF} is missing`).toBe(true);
    const inputs = await benchInputs();
    expect(inputs, 'bench inputs could not be made').toBeTruthy();
    const g = join(inputs!, 'group');
    const files = (c: string) => readdirSync(g).filter((f) => f.endsWith(`_cond-${c}_stat.nii.gz`)).sort().map((f) => join(g, f));
    await py(['signs', '--n-subjects', '24', '--n-perm', '32', '--seed', '1', '--out', o('signs.tsv')]);
    const ref = py(['run', '--a', ...files('MDMA'), '--b', ...files('placebo'), '--signs', o('signs.tsv'), '--cluster-t', '3.1', '--tfce', '--jobs', '1',
      '--out-null', o('ref_null.csv'), '--out-t', o('ref_t.nii.gz'), '--out-fwe-p', o('ref_p.nii.gz'), '--json', o('ref.json')]);
    ours = await cliAsync(['permute', '--a', join(g, 'sub-*_cond-MDMA_stat.nii.gz'), '--b', join(g, 'sub-*_cond-placebo_stat.nii.gz'), '--signs', o('signs.tsv'), '--cluster-t', '3.1', '--tfce', '--out-prefix', o('ours')]);
    await ref;
    await py(['tfce', o('ref_t.nii.gz'), '--out', o('ref_tfce_of_t.nii.gz')]);
  }, 900_000);

  it('null columns: max_t and max_tfce to 1e-4 (in fact equal), cluster sizes exactly, masses to 1e-4', () => {
    expect(ours.code, ours.stderr).toBe(0);
    const a = parseNull(readFileSync(o('ours_null.csv'), 'utf8'));
    const b = parseNull(readFileSync(o('ref_null.csv'), 'utf8'));
    expect(a).toHaveLength(32);
    expect(b).toHaveLength(32);
    let maxRel = 0;
    for (let r = 0; r < 32; r++) {
      expect(a[r][0]).toBe(r + 1);
      expect(a[r][2]).toBe(b[r][2]);
      for (const c of [1, 3, 4]) {
        expect(rel(a[r][c], b[r][c])).toBeLessThanOrEqual(1e-4);
        maxRel = Math.max(maxRel, rel(a[r][c], b[r][c]));
      }
    }
    console.log(`permute vs perm_reference.py: largest relative difference over the null columns ${maxRel}`);
    // the observed row has real clusters and TFCE
    expect(a[0][2]).toBeGreaterThan(100);
    expect(a[0][4]).toBeGreaterThan(1000);
  });

  it('the observed TFCE map equals perm_reference.py tfce of the t map at every voxel (1e-4 relative)', () => {
    const ourTf = read(o('ours_tfce.nii.gz')).data;
    const refTf = read(o('ref_tfce_of_t.nii.gz')).data;
    expect(ourTf.length).toBe(refTf.length);
    let n = 0;
    let worst = 0;
    for (let v = 0; v < ourTf.length; v++) {
      const x = ourTf[v];
      const y = refTf[v];
      if (Number.isNaN(x)) {
        // outside the tested voxels: the reference's tfce writes NaN (NaN t) there
        if (!Number.isNaN(y)) worst = Infinity;
        continue;
      }
      n++;
      if (y !== 0 || x !== 0) worst = Math.max(worst, rel(x, y));
    }
    expect(n).toBe(220711);
    expect(worst).toBeLessThanOrEqual(1e-4);
  });

  it('the max-T FWE p map equals the reference at every voxel', () => {
    const ourP = read(o('ours_fwe-maxt_p.nii.gz')).data;
    const refP = read(o('ref_p.nii.gz')).data;
    let tested = 0;
    let differ = 0;
    for (let v = 0; v < ourP.length; v++) {
      if (Number.isNaN(refP[v])) differ += Number.isNaN(ourP[v]) ? 0 : 1;
      else {
        tested++;
        differ += ourP[v] === refP[v] ? 0 : 1;
      }
    }
    expect(tested).toBe(220711);
    expect(differ).toBe(0);
    const refTfP = read(o('ref_p_tfce.nii.gz')).data;
    const ourTfP = read(o('ours_fwe-tfce_p.nii.gz')).data;
    let differTf = 0;
    for (let v = 0; v < ourTfP.length; v++) if (!Number.isNaN(refTfP[v]) && ourTfP[v] !== refTfP[v]) differTf++;
    expect(differTf).toBe(0);
    const summary = JSON.parse(readFileSync(o('ref.json'), 'utf8'));
    expect(ours.stdout).toMatch(new RegExp(`${summary.n_voxels_fwe05_max_t} voxels FWE p <= 0.05 \\(max-T\\), ${summary.n_voxels_fwe05_tfce} \\(TFCE\\)`));
    // the cluster table carries FWE p by extent and mass for every observed cluster
    const csv = readFileSync(o('ours_clusters.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toMatch(/,mass,fwe_p_extent,fwe_p_mass$/);
    expect(csv.length - 1).toBe(summary.observed.n_clusters);
    const sig = csv.slice(1).filter((l) => 20 * Number(l.split(',').at(-2)) * 32 <= 32 + 1e-9).length;
    expect(sig).toBe(summary.n_clusters_fwe05_size);
  });
});
