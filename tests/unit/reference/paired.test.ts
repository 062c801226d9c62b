// Paired t, p and FDR on the 24-subject bench inputs against reference.py's numbers
// (ttest_numpy / fdr_bh summaries) and against scipy.stats.ttest_rel voxel by voxel.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fdrBH, fdrThresholdT, pairedT, pMap, type PairedResult } from '../../../shared/stats/index';
import { benchInputs, missingReference, PYTHON } from '../../fixtures/bench-inputs';
import { needs } from '../../fixtures/references';
import { groupFiles, loadNifti } from './load';


describe('paired t on the bench inputs (reference.py ttest_numpy, fdr_bh)', needs(missingReference), () => {
  let inputs = '';
  let res: PairedResult;
  let p: Float32Array;
  let scipyT: Float32Array;

  beforeAll(async () => {
    const dir = await benchInputs();
    if (!dir) throw new Error('bench inputs could not be generated');
    inputs = dir;
    // scipy runs in its own process while we load and compute here (2 cores).
    const scipyDone = scipyPairedT(inputs);
    const files = groupFiles(inputs);
    expect(files.mdma.length).toBe(24);
    expect(files.placebo.length).toBe(24);
    res = pairedT(files.mdma.map((f) => loadNifti(f).data), files.placebo.map((f) => loadNifti(f).data));
    p = pMap(res.t, res.dof, 2);
    scipyT = await scipyDone;
  });

  it('tested voxels, t range and p < 0.001 count', () => {
    expect(res.t.length).toBe(902_629);
    expect(res.tested).toBe(220_711);
    let max = -Infinity;
    let min = Infinity;
    let finite = 0;
    let sig = 0;
    for (let i = 0; i < res.t.length; i++) {
      const t = res.t[i];
      if (!Number.isFinite(t)) continue;
      finite++;
      if (t > max) max = t;
      if (t < min) min = t;
      if (p[i] < 1e-3) sig++;
    }
    expect(finite).toBe(220_711);
    expect(max).toBeCloseTo(13.146, 3);
    expect(min).toBeCloseTo(-6.015, 3);
    expect(sig).toBe(665);
  });

  it('FDR: 177 voxels with q <= 0.05', () => {
    const q = fdrBH(p);
    let n = 0;
    for (let i = 0; i < q.length; i++) if (q[i] <= 0.05) n++;
    expect(n).toBe(177);
    // the smallest surviving |t| equals the cut fdrThresholdT reports
    const cut = fdrThresholdT(res.t, res.dof, 0.05, 2);
    let count = 0;
    for (let i = 0; i < res.t.length; i++) if (Math.abs(res.t[i]) >= cut) count++;
    expect(count).toBe(177);
  });

  it('largest |t - scipy.stats.ttest_rel| < 1e-4, same untested voxels', () => {
    expect(scipyT.length).toBe(res.t.length);
    let worst = 0;
    let mismatch = 0;
    for (let i = 0; i < scipyT.length; i++) {
      const a = res.t[i];
      const r = scipyT[i];
      if (Number.isFinite(r) !== Number.isFinite(a)) mismatch++;
      else if (Number.isFinite(r)) worst = Math.max(worst, Math.abs(a - r));
    }
    expect(mismatch).toBe(0);
    expect(worst).toBeLessThan(1e-4);
  });
});

/** scipy.stats.ttest_rel(MDMA, placebo) over the group maps, as float32 in Fortran order. */
async function scipyPairedT(inputs: string): Promise<Float32Array> {
  const tmp = mkdtempSync(join(tmpdir(), 'cs-paired-'));
  try {
    const script = [
      'import glob, sys, numpy as np, nibabel as nib',
      'from scipy import stats',
      'inp, out = sys.argv[1], sys.argv[2]',
      "load = lambda c: np.stack([nib.load(f).get_fdata(dtype=np.float32) for f in sorted(glob.glob(f'{inp}/group/sub-*_cond-{c}_stat.nii.gz'))])",
      "with np.errstate(invalid='ignore', divide='ignore'):",
      "    t = stats.ttest_rel(load('MDMA'), load('placebo'), axis=0).statistic",
      "np.asarray(t, np.float32).ravel(order='F').tofile(out)",
    ].join('\n');
    const out = join(tmp, 't.f32');
    await promisify(execFile)(PYTHON, ['-c', script, inputs, out], { timeout: 120_000 });
    const b = readFileSync(out);
    return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.length));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
