// `contrastscope paired` on the bench inputs: outputs equal the engine's maps and reproduce
// reference.py's numbers; bad input exits 2 with one plain line.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readNifti, writeNifti, NIFTI_INTENT } from '../../shared/nifti/index';
import { fdrBH, pairedT, pMap } from '../../shared/stats/index';
import { benchInputs, missingReference } from '../fixtures/bench-inputs';
import { needs } from '../fixtures/references';
import { cliAsync } from './cli-run';
import { groupFiles, loadNifti } from '../unit/reference/load';

const tmp = mkdtempSync(join(tmpdir(), 'cs-cli-paired-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const runCli = cliAsync;

const read = (f: string) => readNifti(new Uint8Array(readFileSync(f)), f);

describe('paired: bad input', () => {
  const affine = [-2, 0, 0, 90, 0, 2, 0, -126, 0, 0, 2, -72, 0, 0, 0, 1];
  const small = (name: string, dims: number[]) => {
    const f = join(tmp, name);
    writeFileSync(f, writeNifti({ dims, affine, data: new Float32Array(dims.reduce((a, b) => a * b)) }));
    return f;
  };

  it('different counts, different grids, missing files and missing flags exit 2 with one line', async () => {
    const a1 = small('a1.nii', [4, 4, 4]);
    const a2 = small('a2.nii', [4, 4, 4]);
    const b1 = small('b1.nii', [4, 4, 4]);
    const odd = small('odd.nii', [5, 4, 4]);
    const out = join(tmp, 't.nii');
    const [counts, grid, missing, noOut] = await Promise.all([
      runCli(['paired', '--a', a1, a2, '--b', b1, '--out-t', out]),
      runCli(['paired', '--a', a1, a2, '--b', b1, odd, '--out-t', out]),
      runCli(['paired', '--a', a1, join(tmp, 'nope.nii'), '--b', b1, b1, '--out-t', out]),
      runCli(['paired', '--a', a1, a2, '--b', b1, b1]),
    ]);
    expect(counts.code).toBe(2);
    expect(counts.stderr.trim()).toMatch(/2 maps for --a but 1 for --b/);
    expect(counts.stderr.trim().split('\n')).toHaveLength(1);
    expect(grid.code).toBe(2);
    expect(grid.stderr).toMatch(/odd\.nii: is on a different grid \(5x4x4 at [0-9.x]+ mm\) from a1\.nii \(4x4x4 at [0-9.x]+ mm\)/);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.nii: file not found/);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toMatch(/--out-t FILE is required/);
  });
});

describe('paired on the 24-subject bench inputs', needs(missingReference), () => {
  let inputs = '';
  type Run = Awaited<ReturnType<typeof runCli>>;
  let full: Run;
  let masked: Run;
  const o = (n: string) => join(tmp, n);
  beforeAll(async () => {
    inputs = (await benchInputs()) ?? '';
    const g = join(inputs, 'group');
    [full, masked] = await Promise.all([
      runCli([
        'paired',
        '--a', join(g, 'sub-*_cond-MDMA_stat.nii.gz'),
        '--b', join(g, 'sub-*_cond-placebo_stat.nii.gz'),
        '--out-t', o('t.nii.gz'), '--out-p', o('p.nii'), '--out-q', o('q.nii.gz'), '--out-dz', o('dz.nii.gz'),
      ]),
      runCli([
        'paired',
        '--a', join(g, 'sub-0?_cond-MDMA_stat.nii.gz'),
        '--b', join(g, 'sub-0?_cond-placebo_stat.nii.gz'),
        '--mask', join(inputs, 'brainmask_2mm.nii.gz'),
        '--one-sided',
        '--out-t', o('mt.nii'), '--out-p', o('mp.nii'),
      ]),
    ]);
  });

  it('writes t/p/q/dz equal to the engine, intent TTEST with dof 23, and reference.py counts', async () => {
    const r = full;
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/24 pairs, dof 23, 220711 voxels tested, t from -6\.015 to 13\.146; 177 voxels with q <= 0\.05/);

    const files = groupFiles(inputs);
    const engine = pairedT(files.mdma.map((f) => loadNifti(f).data), files.placebo.map((f) => loadNifti(f).data));
    const t = read(o('t.nii.gz'));
    expect(t.header.intentCode).toBe(NIFTI_INTENT.TTEST);
    expect(t.header.intentP1).toBe(23);
    expect(t.header.datatypeName).toBe('float32');
    expect(t.grid.dims).toEqual([91, 109, 91]);
    expect(t.grid.affine).toEqual(loadNifti(files.mdma[0]).grid.affine);
    expect(Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength).equals(Buffer.from(engine.t.buffer))).toBe(true);
    const p = read(o('p.nii')).data;
    const q = read(o('q.nii.gz')).data;
    const enginePs = pMap(engine.t, 23, 2);
    const engineQ = fdrBH(enginePs);
    let sig = 0;
    let nq = 0;
    for (let i = 0; i < p.length; i++) {
      if (p[i] < 1e-3) sig++;
      if (q[i] <= 0.05) nq++;
    }
    expect(sig).toBe(665);
    expect(nq).toBe(177);
    expect(Array.from(p.subarray(400_000, 400_200))).toEqual(Array.from(enginePs.subarray(400_000, 400_200)));
    expect(Array.from(q.subarray(400_000, 400_200))).toEqual(Array.from(engineQ.subarray(400_000, 400_200)));
    const dz = read(o('dz.nii.gz')).data;
    expect(Array.from(dz.subarray(400_000, 400_200))).toEqual(Array.from(engine.dz.subarray(400_000, 400_200)));
  });

  it('--mask limits the test and --one-sided gives P(T > t)', async () => {
    const r = masked;
    expect(r.code).toBe(0);
    const mask = loadNifti(join(inputs, 'brainmask_2mm.nii.gz')).data;
    const t = read(join(tmp, 'mt.nii')).data;
    const p = read(join(tmp, 'mp.nii')).data;
    let outside = 0;
    let checked = 0;
    for (let i = 0; i < t.length; i++) {
      if (mask[i] === 0 && Number.isFinite(t[i])) outside++;
      if (Number.isFinite(t[i]) && checked < 50 && Math.abs(t[i]) > 1) {
        // one-sided: p < 0.5 exactly when t > 0
        expect(p[i] < 0.5).toBe(t[i] > 0);
        checked++;
      }
    }
    expect(outside).toBe(0);
    expect(checked).toBe(50);
    expect(r.stdout).toMatch(/9 pairs, dof 8/);
  });
});
