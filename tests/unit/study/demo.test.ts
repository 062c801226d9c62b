// The demo study end to end: generated once, checked for determinism and budget, then read back
// through the real import path (importFolder -> readNifti -> atlas presets -> pairedTest).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeAtlas, maskFromLabels, maskFromPreset, parseLabelTable, resolvePreset, roiMeansPerMap } from '../../../shared/atlas/index';
import type { Atlas } from '../../../shared/atlas/index';
import { parseMatrix, parseNodeTable } from '../../../shared/connectivity/index';
import type { DemoFile } from '../../../shared/ipc/host';
import { readNifti } from '../../../shared/nifti/index';
import type { NiftiImage } from '../../../shared/nifti/types';
import { pairedTest } from '../../../shared/stats/index';
import { computeContrast, resolveThreshold, suprathresholdMask } from '../../../shared/compare/index';

const DEFAULT_FDR = { mode: 'fdr-q' as const, value: 0.05, sided: 2 as const, minExtentVoxels: 0 };
import type { PairedTestResult } from '../../../shared/stats/effect';
import { demoFileNames, demoStudyBatches, generateDemoStudy, importFolder, MNI_2MM, SIMULATED_NOTICE, DEMO_GZIP_LEVEL } from '../../../shared/study/index';
import type { ImportResult, Measure } from '../../../shared/study/index';

const RES = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../resources');
const zlibGzip = (raw: Uint8Array, level: number) => new Uint8Array(gzipSync(raw, { level }));
const inflate = (gz: Uint8Array) => new Uint8Array(gunzipSync(gz));

let template: NiftiImage;
let atlas: Atlas;
let files: DemoFile[];
let cpuMs = 0;
let wallMs = 0;
let byPath: Map<string, Uint8Array>;
let imported: ImportResult;

beforeAll(async () => {
  template = readNifti(new Uint8Array(readFileSync(join(RES, 'template_ch2bet.nii.gz'))), 'template_ch2bet.nii.gz', { inflate });
  atlas = makeAtlas(
    readNifti(new Uint8Array(readFileSync(join(RES, 'atlas_aal.nii.gz'))), 'atlas_aal.nii.gz', { inflate }),
    parseLabelTable(readFileSync(join(RES, 'atlas_aal.txt'), 'utf8'), 'atlas_aal.txt'),
  );
  const progress: number[] = [];
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  files = generateDemoStudy({ template, atlas, deflate: zlibGzip, onProgress: (done, total) => progress.push(done / total) });
  wallMs = performance.now() - t0;
  const cu = process.cpuUsage(c0);
  cpuMs = (cu.user + cu.system) / 1000;
  expect(progress[progress.length - 1]).toBe(1);
  byPath = new Map(files.map((f) => [`/demo/${f.relPath}`, f.bytes]));
  const listing = { root: '/demo', files: [...byPath.entries()].map(([path, b]) => ({ path, name: path.split('/').pop()!, size: b.length })) };
  imported = await importFolder(listing, async (p) => new TextDecoder().decode(byPath.get(p)!));
});

describe('demo generator: determinism and budget', () => {
  it('is within 20 s and 150 MB (254 files)', () => {
    const bytes = files.reduce((a, f) => a + f.bytes.length, 0);
    console.log(`demo: ${files.length} files, ${(bytes / 1e6).toFixed(1)} MB, ${(wallMs / 1000).toFixed(1)} s wall, ${(cpuMs / 1000).toFixed(1)} s CPU`);
    expect(files).toHaveLength(4 + 25 * 2 * 5);
    expect(bytes).toBeLessThan(150e6);
    expect(bytes).toBeGreaterThan(10e6);
    // CPU time, not wall time: other test files share the two cores.
    expect(cpuMs).toBeLessThan(20_000);
  });

  it('gives the same bytes on a second run, also when split into two shares (two workers)', () => {
    // Second run without compression (cheaper), in two shares: same voxels and texts, and zlib at
    // the fixed level (gzip mtime 0) turns them into the very same bytes.
    const shares = [0, 1].map((index) => generateDemoStudy({ template, atlas, deflate: (raw) => raw, part: { index, of: 2 } }));
    expect(shares[0]).toHaveLength(4 + 13 * 10);
    expect(shares[1]).toHaveLength(12 * 10);
    expect(shares[1][0].relPath).toBe('sub-02/sub-02_ses-MDMA_task-faces_stat-effect_statmap.nii.gz');
    const again = new Map([...shares[0], ...shares[1]].map((f) => [f.relPath, f.bytes]));
    expect([...again.keys()].sort()).toEqual(files.map((f) => f.relPath).sort());
    const hash = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
    for (const f of files) {
      const first = f.relPath.endsWith('.gz') ? inflate(f.bytes) : f.bytes;
      if (hash(first) !== hash(again.get(f.relPath)!)) throw new Error(`${f.relPath} differs between runs`);
    }
    const maps = files.filter((f) => f.relPath.endsWith('.nii.gz'));
    for (const f of [maps[0], maps[100], maps[maps.length - 1]]) expect(hash(zlibGzip(again.get(f.relPath)!, DEMO_GZIP_LEVEL))).toBe(hash(f.bytes));
  }, 120_000);

  it('lists its files before generating them, and hands them over a measure at a time, faces BOLD first', () => {
    // The page opens the study from these names and waits only for the first measure's files.
    expect(demoFileNames()).toEqual(files.map((f) => f.relPath));
    const shares = [0, 1].map((index) => demoFileNames({ index, of: 2 }));
    expect([...shares[0], ...shares[1]].sort()).toEqual(files.map((f) => f.relPath).sort());
    const tiny = { template, atlas, deflate: (raw: Uint8Array) => raw, part: { index: 1, of: 2 } };
    const sizes: number[] = [];
    const firstOfEach: string[] = [];
    for (const batch of demoStudyBatches(tiny)) {
      sizes.push(batch.length);
      firstOfEach.push(batch[0].relPath);
    }
    // Share 1 (12 subjects, no study files): 4 map measures x 24 files, then 24 matrices.
    expect(sizes).toEqual([24, 24, 24, 24, 24]);
    expect(firstOfEach).toEqual([
      'sub-02/sub-02_ses-MDMA_task-faces_stat-effect_statmap.nii.gz',
      'sub-02/sub-02_ses-MDMA_cbf.nii.gz',
      'sub-02/sub-02_ses-MDMA_task-rest_seed-hippocampusR_desc-fisherz_statmap.nii.gz',
      'sub-02/sub-02_ses-MDMA_task-rest_seed-mPFC_desc-fisherz_statmap.nii.gz',
      'sub-02/sub-02_ses-MDMA_task-rest_desc-fisherz_connectivity.tsv',
    ]);
  }, 120_000);
});

describe('demo study through the real import path', () => {
  it('is labelled simulated and has 25 subjects x MDMA/placebo x 5 measures, with covariates', () => {
    const { study, problems } = imported;
    expect(problems).toEqual([]);
    expect(study.name).toContain('Simulated');
    expect(study.simulated).toBe(true);
    expect(study.notice).toBe(SIMULATED_NOTICE);
    expect(study.subjects).toHaveLength(25);
    expect(study.conditions).toEqual(['MDMA', 'placebo']);
    expect(study.design).toBe('paired');
    expect(study.measures.map((m) => [m.label, m.kind, m.units, m.files.length])).toEqual([
      ['faces effect (BOLD)', 'bold', 'a.u.', 50],
      ['CBF', 'cbf', 'ml/100g/min', 50],
      ['RSFC seed hippocampusR (Fisher z)', 'rsfc-seed', 'z', 50],
      ['RSFC seed mPFC (Fisher z)', 'rsfc-seed', 'z', 50],
      ['connectivity (Fisher z)', 'connectivity-matrix', 'z', 50],
    ]);
    expect(study.measures[2].seedLabels).toEqual(['Hippocampus_R']);
    expect(study.measures[4].nodes).toBe('/demo/nodes.tsv');
    const orders = study.participants!.rows.map((r) => r.drug_order);
    expect(orders.filter((o) => o === 'MDMA-first')).toHaveLength(13);
    expect(orders.filter((o) => o === 'placebo-first')).toHaveLength(12);
    expect(study.participants!.columns).toEqual(['participant_id', 'age', 'sex', 'drug_order']);
    const readme = new TextDecoder().decode(byPath.get('/demo/README.txt'));
    expect(readme.startsWith(SIMULATED_NOTICE)).toBe(true);
  });

  const maps = new Map<string, { mdma: Float32Array[]; placebo: Float32Array[] }>();
  function load(m: Measure) {
    if (!maps.has(m.id)) {
      const read = (c: string) => m.files.filter((f) => f.condition === c).map((f) => readNifti(byPath.get(f.path)!, f.path, { inflate }).data);
      maps.set(m.id, { mdma: read('MDMA'), placebo: read('placebo') });
    }
    return maps.get(m.id)!;
  }
  const measure = (kind: string, seed?: string) => imported.study.measures.find((m) => m.kind === kind && (seed === undefined || m.seed === seed))!;
  const preset = (id: string) => maskFromPreset(atlas, resolvePreset(atlas, id)!, MNI_2MM);
  function roi(m: Measure, mask: Uint8Array, name: string): PairedTestResult {
    const d = load(m);
    const r = pairedTest(roiMeansPerMap(d.mdma, mask), roiMeansPerMap(d.placebo, mask));
    console.log(`${m.label} ${name}: MDMA ${r.meanA.toFixed(3)} placebo ${r.meanB.toFixed(3)} dz ${r.dz.toFixed(2)} p ${r.p.toExponential(1)}`);
    return r;
  }

  it('keeps values inside the brain on the MNI 2 mm grid (0 outside)', () => {
    const img = readNifti(byPath.get(measure('cbf').files[0].path)!, 'cbf', { inflate });
    expect(img.grid.dims).toEqual([91, 109, 91]);
    expect(img.grid.affine).toEqual(MNI_2MM.affine);
    expect(img.header.datatypeName).toBe('int16');
    expect(img.data[0]).toBe(0); // a corner
    let inside = 0;
    for (const v of img.data) if (v !== 0) inside++;
    expect(inside).toBeGreaterThan(200_000);
    expect(inside).toBeLessThan(260_000);
  });

  it('CBF: grey matter about 55, white matter about 22; MDMA lowers the right amygdala and hippocampus', () => {
    const m = measure('cbf');
    const d = load(m);
    const labelled = maskFromLabels(atlas, [...atlas.table.entries.keys()].filter((k) => k > 0), MNI_2MM);
    // group means over the 25 placebo maps (each subject has its own global CBF level)
    let gm = 0, ngm = 0, wm = 0, nwm = 0;
    for (const x of d.placebo) {
      for (let i = 0; i < x.length; i++) {
        if (x[i] === 0) continue;
        if (labelled[i]) {
          gm += x[i];
          ngm++;
        } else {
          wm += x[i];
          nwm++;
        }
      }
    }
    console.log(`CBF placebo: grey matter ${(gm / ngm).toFixed(1)}, white matter ${(wm / nwm).toFixed(1)} ml/100g/min`);
    expect(gm / ngm).toBeGreaterThan(50);
    expect(gm / ngm).toBeLessThan(60);
    expect(wm / nwm).toBeGreaterThan(19);
    expect(wm / nwm).toBeLessThan(25);
    const amyR = roi(m, preset('amygdala_R'), 'amygdala_R');
    expect(amyR.meanDiff).toBeLessThan(0);
    expect(amyR.p).toBeLessThan(0.05);
    const hipR = roi(m, preset('hippocampus_R'), 'hippocampus_R');
    expect(hipR.meanDiff).toBeLessThan(0);
    expect(hipR.p).toBeLessThan(0.05);
    // no effect was put in the left amygdala
    expect(roi(m, preset('amygdala_L'), 'amygdala_L').p).toBeGreaterThan(0.01);
  });

  it('BOLD faces: MDMA lowers both amygdalae and raises prefrontal cortex', () => {
    const m = measure('bold');
    for (const id of ['amygdala_L', 'amygdala_R']) {
      const r = roi(m, preset(id), id);
      expect(r.meanDiff).toBeLessThan(0);
      expect(r.p).toBeLessThan(0.05);
    }
    const pfc = roi(m, preset('prefrontal_bilateral'), 'prefrontal_bilateral');
    expect(pfc.meanDiff).toBeGreaterThan(0);
    expect(pfc.p).toBeLessThan(0.05);
  });

  it('BOLD faces voxelwise: both directions survive BH-FDR q < 0.05 across the brain (the opening Compare screen)', () => {
    const d = load(measure('bold'));
    const maps = computeContrast({ a: d.mdma, b: d.placebo, design: 'paired' });
    const r = resolveThreshold(DEFAULT_FDR, maps, 'paired-t');
    expect(r.empty).toBe(false);
    const passing = suprathresholdMask(maps, 'paired-t', r);
    const inside = (id: string) => {
      const mask = preset(id);
      let n = 0, hit = 0, dz = 0;
      for (let i = 0; i < mask.length; i++) if (mask[i]) { n++; dz += maps.dz[i]; if (passing[i]) hit++; }
      return { share: hit / n, dz: dz / n };
    };
    for (const id of ['amygdala_L', 'amygdala_R']) {
      const x = inside(id);
      console.log(`faces ${id}: ${(100 * x.share).toFixed(0)}% of voxels pass FDR, mean voxel dz ${x.dz.toFixed(2)}`);
      expect(x.share).toBeGreaterThan(0.5);
      expect(x.dz).toBeLessThan(-0.8);
      expect(x.dz).toBeGreaterThan(-1.2);
    }
    const pfc = inside('prefrontal_bilateral');
    console.log(`faces prefrontal: ${(100 * pfc.share).toFixed(0)}% pass, mean voxel dz ${pfc.dz.toFixed(2)}`);
    expect(pfc.share).toBeGreaterThan(0.5);
    expect(pfc.dz).toBeGreaterThan(0.7);
    expect(pfc.dz).toBeLessThan(1.2);
    // passing voxels in amygdala are all MDMA < placebo, in prefrontal cortex MDMA > placebo
    const amy = preset('amygdala_bilateral');
    const pf = preset('prefrontal_bilateral');
    for (let i = 0; i < passing.length; i++) {
      if (passing[i] && amy[i] && maps.t[i] > 0) throw new Error(`voxel ${i}: amygdala goes up`);
      if (passing[i] && pf[i] && maps.t[i] < 0) throw new Error(`voxel ${i}: prefrontal goes down`);
    }
  });

  it('RSFC: hippocampus seed to amygdala goes up; mPFC seed to hippocampus goes down', () => {
    const up = roi(measure('rsfc-seed', 'hippocampusR'), preset('amygdala_bilateral'), 'amygdala_bilateral');
    expect(up.meanDiff).toBeGreaterThan(0);
    expect(up.p).toBeLessThan(0.05);
    const down = roi(measure('rsfc-seed', 'mPFC'), preset('hippocampus_bilateral'), 'hippocampus_bilateral');
    expect(down.meanDiff).toBeLessThan(0);
    expect(down.p).toBeLessThan(0.05);
  });

  it('matrix: amygdala-hippocampus edges go up, mPFC-hippocampus edges go down; node centroids from the atlas', () => {
    const m = measure('connectivity-matrix');
    const nodes = parseNodeTable(new TextDecoder().decode(byPath.get(m.nodes!)), 'nodes.tsv');
    expect(nodes.length).toBeGreaterThanOrEqual(20);
    const amyR = nodes.find((n) => n.name === 'Amygdala_R')!;
    // AAL right amygdala centre of mass is near (27, 1, -18) mm
    expect(Math.abs(amyR.x - 27)).toBeLessThan(3);
    expect(Math.abs(amyR.y - 1)).toBeLessThan(3);
    expect(Math.abs(amyR.z + 18)).toBeLessThan(3);
    const mats = (c: string) => m.files.filter((f) => f.condition === c).map((f) => parseMatrix(new TextDecoder().decode(byPath.get(f.path)), f.path));
    const A = mats('MDMA');
    const B = mats('placebo');
    const n = A[0].n;
    expect(n).toBe(nodes.length);
    const edge = (a: string, b: string) => {
      const i = nodes.findIndex((x) => x.name === a);
      const j = nodes.findIndex((x) => x.name === b);
      const r = pairedTest(A.map((x) => x.values[i * n + j]), B.map((x) => x.values[i * n + j]));
      console.log(`matrix ${a}-${b}: dz ${r.dz.toFixed(2)} p ${r.p.toExponential(1)}`);
      return r;
    };
    for (const [a, b] of [['Amygdala_L', 'Hippocampus_L'], ['Amygdala_R', 'Hippocampus_R']]) {
      const r = edge(a, b);
      expect(r.meanDiff).toBeGreaterThan(0);
      expect(r.p).toBeLessThan(0.05);
    }
    const down = edge('Frontal_Med_Orb_L', 'Hippocampus_L');
    expect(down.meanDiff).toBeLessThan(0);
    expect(down.p).toBeLessThan(0.05);
  });
});
