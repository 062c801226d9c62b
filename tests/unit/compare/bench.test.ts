// Cross-check of the compare logic on the 24-subject bench inputs against reference.py's own
// functions (ttest_numpy, fdr_bh, imported from ../shared/bench/reference.py) and its
// printed summaries (`reference.py --only ttest_numpy,fdr_bh --json-out ...` on these inputs:
// tested_voxels 220711, t_max 13.145977, n_p_lt_0.001 665, n_q_le_0.05 177, t_threshold_abs 5.066692).
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { clusterTable } from '../../../shared/compare/clusterTable';
import { computeContrast } from '../../../shared/compare/contrast';
import { resolveThreshold, suprathresholdMask } from '../../../shared/compare/threshold';
import type { ContrastMaps } from '../../../shared/compare/types';
import { readNifti } from '../../../shared/nifti/index';
import type { NiftiImage } from '../../../shared/nifti/types';
import { pairedT } from '../../../shared/stats';
import { benchInputs, missingReference, PYTHON, REFERENCE_PY } from '../../fixtures/bench-inputs';
import { needs } from '../../fixtures/references';


function load(path: string): NiftiImage {
  const bytes = readFileSync(path);
  return readNifti(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), path, { inflate: (gz, max) => gunzipSync(gz, { maxOutputLength: max }) });
}

const PY = `
import json, sys, numpy as np
sys.path.insert(0, sys.argv[2])
from reference import ttest_numpy, fdr_bh, group_files, load_f32
from scipy import special
fs = group_files(sys.argv[1])
a = np.stack([load_f32(f) for f in fs['MDMA']]); b = np.stack([load_f32(f) for f in fs['placebo']])
t, p = ttest_numpy(a, b)
ok = np.isfinite(t)
q = fdr_bh(p); sig = q <= 0.05
p1 = np.where(ok, special.stdtr(a.shape[0] - 1, -t), np.nan); q1 = fdr_bh(p1); sig1 = q1 <= 0.05
peak = [int(x) for x in np.unravel_index(np.nanargmax(t), t.shape)]
print(json.dumps({"tested": int(ok.sum()), "t_max": float(np.nanmax(t)), "t_min": float(np.nanmin(t)), "peak": peak,
  "abs_t_gt_3": int((np.abs(t[ok]) > 3).sum()), "pos_t_gt_3": int((t[ok] > 3).sum()), "p_lt_001": int((p[ok] < 1e-3).sum()),
  "fdr_n": int(sig.sum()), "fdr_t": float(np.abs(t[sig]).min()), "fdr1_n": int(sig1.sum()), "fdr1_t": float(t[sig1].min())}))
`;

interface Ref {
  tested: number;
  t_max: number;
  t_min: number;
  peak: [number, number, number];
  abs_t_gt_3: number;
  pos_t_gt_3: number;
  p_lt_001: number;
  fdr_n: number;
  fdr_t: number;
  fdr1_n: number;
  fdr1_t: number;
}

const sum = (m: Uint8Array) => m.reduce((s, v) => s + v, 0);

describe('compare on the bench group inputs vs reference.py', needs(missingReference), () => {
  let maps: ContrastMaps;
  let ref: Ref;
  let img: NiftiImage;
  let a: Float32Array[];
  let b: Float32Array[];

  beforeAll(async () => {
    const dir = await benchInputs();
    if (!dir) throw new Error('bench inputs could not be generated');
    // reference.py's numbers are computed in a second process while this one loads and computes
    const python = new Promise<string>((done, fail) =>
      execFile(PYTHON, ['-c', PY, dir, join(REFERENCE_PY, '..')], { encoding: 'utf8', timeout: 120_000 }, (err, out) => (err ? fail(err) : done(out))),
    );
    const group = join(dir, 'group');
    const files = readdirSync(group).filter((f) => f.endsWith('_stat.nii.gz')).sort();
    const imgsA = files.filter((f) => f.includes('_cond-MDMA_')).map((f) => load(join(group, f)));
    const imgsB = files.filter((f) => f.includes('_cond-placebo_')).map((f) => load(join(group, f)));
    img = imgsA[0];
    a = imgsA.map((i) => i.data);
    b = imgsB.map((i) => i.data);
    maps = computeContrast({ a, b, design: 'paired' });
    ref = JSON.parse(await python);
    console.log('reference:', JSON.stringify(ref));
  });

  it('has reference.py printed summaries', () => {
    expect(ref.tested).toBe(220_711);
    expect(ref.p_lt_001).toBe(665);
    expect(ref.fdr_n).toBe(177);
    expect(ref.fdr_t).toBeCloseTo(5.066691773153297, 9);
  });

  it('matches the peak t and the count of |t| > 3 voxels', () => {
    expect(maps.n).toBe(24);
    expect(maps.tested).toBe(ref.tested);
    const [i, j, k] = ref.peak;
    const [nx, ny] = img.grid.dims;
    const peakIdx = i + nx * (j + ny * k);
    expect(maps.t[peakIdx]).toBeCloseTo(ref.t_max, 4);
    let max = -Infinity;
    for (const v of maps.t) if (v > max) max = v;
    expect(max).toBe(maps.t[peakIdx]);
    // the same t as shared/stats gives directly
    expect(maps.t[peakIdx]).toBe(pairedT(a, b).t[peakIdx]);

    const raw3 = resolveThreshold({ mode: 'raw', value: 3, sided: 2, minExtentVoxels: 0 }, maps, 'paired-t');
    expect(sum(suprathresholdMask(maps, 'paired-t', raw3))).toBe(ref.abs_t_gt_3);
    const table = clusterTable(maps, 'paired-t', raw3, { grid: img.grid, connectivity: 26 });
    expect(table.rows.reduce((s, r) => s + r.nVoxels, 0)).toBe(ref.abs_t_gt_3);
    const top = table.rows.reduce((best, r) => (r.peakT > best.peakT ? r : best));
    expect(top.peakVoxel).toEqual(ref.peak);
    const oneSided = resolveThreshold({ mode: 'raw', value: 3, sided: 1, minExtentVoxels: 0 }, maps, 'paired-t');
    expect(sum(suprathresholdMask(maps, 'paired-t', oneSided))).toBe(ref.pos_t_gt_3);
  });

  it('matches the p < 0.001 and FDR counts and cuts', () => {
    const p = resolveThreshold({ mode: 'p-unc', value: 0.001, sided: 2, minExtentVoxels: 0 }, maps, 'paired-t');
    expect(p.description).toBe('p < 0.001 two-sided  ⇔  |t| > 3.77 (dof 23)');
    expect(sum(suprathresholdMask(maps, 'paired-t', p))).toBe(ref.p_lt_001);
    const fdr = resolveThreshold({ mode: 'fdr-q', value: 0.05, sided: 2, minExtentVoxels: 0 }, maps, 'paired-t');
    expect(fdr.statCutoff).toBeCloseTo(ref.fdr_t, 5);
    expect(sum(suprathresholdMask(maps, 'paired-t', fdr))).toBe(ref.fdr_n);
    // the cluster table includes the voxel whose |t| is the cut itself
    expect(clusterTable(maps, 'paired-t', fdr, { grid: img.grid }).rows.reduce((s, r) => s + r.nVoxels, 0)).toBe(ref.fdr_n);
    const fdr1 = resolveThreshold({ mode: 'fdr-q', value: 0.05, sided: 1, minExtentVoxels: 0 }, maps, 'paired-t');
    expect(fdr1.statCutoff).toBeCloseTo(ref.fdr1_t, 5);
    expect(sum(suprathresholdMask(maps, 'paired-t', fdr1))).toBe(ref.fdr1_n);
  });
});
