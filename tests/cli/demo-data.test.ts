import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FolderListing } from '../../shared/ipc/host';
import { importFolder, SIMULATED_NOTICE } from '../../shared/study/index';
import { cli } from './cli-run';
import { hasPython, PYTHON } from '../fixtures/bench-inputs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { readNifti } from '../../shared/nifti/index';
import { computeContrast } from '../../shared/compare/index';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const RES = join(HERE, '../../resources');
// In CI a missing reference tool is a failure, not a skip.
const PY_OK = hasPython();

let dir: string;
let run: { code: number; stdout: string; stderr: string };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cs-demo-data-'));
  run = cli(['demo-data', '--out', join(dir, 'demo')]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function walk(d: string): string[] {
  return readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));
}

describe('contrastscope demo-data', () => {
  it('writes the demo study, with a progress bar on stderr and the folder and size on stdout', () => {
    expect(run.stderr).toContain('254/254 files');
    expect(run.code).toBe(0);
    const files = walk(join(dir, 'demo'));
    expect(files).toHaveLength(254);
    expect(files.some((f) => f.includes('.tmp'))).toBe(false); // atomic writes leave no temp files
    const mb = files.reduce((a, f) => a + statSync(f).size, 0) / 1e6;
    expect(run.stdout.trim()).toBe(`${join(dir, 'demo')}: 254 files, ${mb.toFixed(1)} MB, in ${/in ([0-9.]+) s/.exec(run.stdout)![1]} s`);
    expect(mb).toBeLessThan(150);
    const description = JSON.parse(readFileSync(join(dir, 'demo', 'dataset_description.json'), 'utf8'));
    expect(description).toMatchObject({ Simulated: true, Notice: SIMULATED_NOTICE });
    expect(readFileSync(join(dir, 'demo', 'README.txt'), 'utf8')).toContain(SIMULATED_NOTICE);
  });

  it('writes what the folder importer reads: 25 subjects x 2 conditions x 5 measures, no problems', async () => {
    const root = join(dir, 'demo');
    const paths = walk(root);
    const listing: FolderListing = { root, files: paths.map((p) => ({ path: p, name: p.split('/').pop()!, size: statSync(p).size })) };
    const { study, problems } = await importFolder(listing, async (p) => readFileSync(p, 'utf8'));
    expect(problems).toEqual([]);
    expect([study.subjects.length, study.conditions.length, study.measures.length]).toEqual([25, 2, 5]);
    expect(study.simulated).toBe(true);
    expect(study.measures.every((m) => m.files.length === 50)).toBe(true);
  });

  it('refuses a missing --out or a bad seed with one line and exit status 2', () => {
    const noOut = cli(['demo-data']);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr.trim()).toBe('contrastscope: demo-data: give the output folder with --out DIR');
    const badSeed = cli(['demo-data', '--out', join(dir, 'x'), '--seed', 'abc']);
    expect(badSeed.code).toBe(2);
    expect(badSeed.stderr.trim()).toBe('contrastscope: --seed expects a whole number from 0 to 4294967295 (got "abc")');
  });

  it.skipIf(!PY_OK && !process.env.CI)('numpy/scipy from the written files: faces both ways past voxelwise FDR, dz ~1 in the published ROIs, seed networks', () => {
    expect(PY_OK, `${PYTHON} with numpy, scipy and nibabel is needed for the independent check`).toBe(true);
    type Roi = { voxels: number; placebo: number; mdma: number; dz: number; p: number };
    const out = JSON.parse(execFileSync(PYTHON, [join(HERE, 'demo_effects.py'), join(dir, 'demo'), join(RES, 'atlas_aal.nii.gz'), join(RES, 'atlas_aal.txt')], { encoding: 'utf8', maxBuffer: 1 << 24 }).trim()) as
      Record<string, { rois: Record<string, Roi>; fdrPositive?: number; fdrNegative?: number; tested?: number }>;
    const f = out.faces;
    console.log(`numpy: faces FDR q<0.05 ${f.fdrPositive} voxels MDMA > placebo, ${f.fdrNegative} MDMA < placebo of ${f.tested}`);
    // Both directions survive BH-FDR across the whole brain, in regions large enough to see.
    expect(f.fdrPositive!).toBeGreaterThan(5000);
    expect(f.fdrNegative!).toBeGreaterThan(300);
    // Under both drugs the face network responds; the rest of the brain hardly does.
    for (const r of ['amygdala_L', 'amygdala_R', 'fusiform', 'occipital']) {
      expect(f.rois[r].placebo).toBeGreaterThan(0.3);
      expect(f.rois[r].mdma).toBeGreaterThan(0.3);
    }
    expect(f.rois.postcentral.placebo).toBeLessThan(0.1);
    // MDMA lowers both amygdalae and raises prefrontal cortex (Bedi et al. 2009); no change in the visual stream.
    for (const r of ['amygdala_L', 'amygdala_R']) expect(f.rois[r].mdma - f.rois[r].placebo).toBeLessThan(-0.2);
    expect(f.rois.prefrontal.mdma - f.rois.prefrontal.placebo).toBeGreaterThan(0.2);
    expect(Math.abs(f.rois.fusiform.dz)).toBeLessThan(0.6);
    // RSFC: the seed's own region highest, its partners positive and above unrelated cortex.
    const h = out.seedHippocampusR.rois;
    expect(h.hippocampus_R.placebo).toBeGreaterThan(0.7);
    for (const r of ['amygdala_L', 'amygdala_R', 'pcc', 'mpfc']) expect(h[r].placebo).toBeGreaterThan(h.postcentral.placebo + 0.05);
    const m = out.seedMPFC.rois;
    expect(m.mpfc.placebo).toBeGreaterThan(0.7);
    for (const r of ['pcc', 'hippocampus_bilateral']) expect(m[r].placebo).toBeGreaterThan(m.postcentral.placebo + 0.1);
    // Published changes: hippocampus seed to amygdala up, mPFC seed to hippocampus down.
    expect(h.amygdala_R.dz).toBeGreaterThan(0.5);
    expect(m.hippocampus_bilateral.dz).toBeLessThan(-0.5);

    // The app's own paired t + BH-FDR on the same files finds the same survivors.
    const read = (c: string) => walk(join(dir, 'demo')).filter((p) => p.endsWith(`_ses-${c}_task-faces_stat-effect_statmap.nii.gz`)).sort()
      .map((p) => readNifti(new Uint8Array(readFileSync(p)), p, { inflate: (gz) => new Uint8Array(gunzipSync(gz)) }).data);
    const maps = computeContrast({ a: read('MDMA'), b: read('placebo'), design: 'paired' });
    let pos = 0;
    let neg = 0;
    for (let i = 0; i < maps.t.length; i++) {
      if (!(maps.q[i] <= 0.05)) continue; // untested voxels have q = NaN
      if (maps.t[i] > 0) pos++;
      else neg++;
    }
    expect(Math.abs(pos - f.fdrPositive!)).toBeLessThanOrEqual(Math.ceil(f.fdrPositive! * 0.002));
    expect(Math.abs(neg - f.fdrNegative!)).toBeLessThanOrEqual(Math.ceil(f.fdrNegative! * 0.002));
  }, 120_000);
});
