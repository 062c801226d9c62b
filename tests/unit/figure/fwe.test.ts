// A figure contrast with FWE (permutation) inference: the FWE p of each cluster row and the voxels
// drawn equal the shared engine run directly (permutationTest + fweP / cluster sizes counted here),
// the app's worker path (kept sessions fed chunks, as permutationRun does) and the CLI's pool give
// the same p map for the same seed, and the legend, caption and cluster table say so.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addPanel, exportFigure, figureCaption, figureLegend, newFigure, prepareFigure, type ContrastSpec, type FigureFwe, type FigureSources, type FweInput } from '../../../shared/figure/index';
import { clusterTable, resolveThreshold } from '../../../shared/compare';
import { fweMap, joinNulls, passesFwe, type FweResult } from '../../../shared/compare/fweMap';
import { fweRunPlan } from '../../../shared/compare/fweRun';
import { labelComponents } from '../../../shared/clusters';
import { buildPermData, createPermutationSession, fweP, pairedFlips, permutationTest, type PermResponse } from '../../../shared/stats/permutation';
import { cliFwe } from '../../../electron/cli/figure/fwe';
import type { Study } from '../../../shared/study/types';

const require = createRequire(import.meta.url);
const fontDir = dirname(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'));
const fonts = { regular: new Uint8Array(readFileSync(join(fontDir, 'DejaVuSans.ttf'))), bold: new Uint8Array(readFileSync(join(fontDir, 'DejaVuSans-Bold.ttf'))) };

// A 6 mm MNI grid, an ellipsoid brain, 14 subjects (more than 12: seeded random flips, not all 2^n),
// MDMA lower in a blob around (20, 0, -10) and higher in a weaker one around (-30, 20, 20).
const dims: [number, number, number] = [27, 33, 27];
const grid = { dims, affine: [6, 0, 0, -80, 0, 6, 0, -116, 0, 0, 6, -70, 0, 0, 0, 1] };
const n = dims[0] * dims[1] * dims[2];
const mm = (i: number) => [(i % dims[0]) * 6 - 80, (Math.floor(i / dims[0]) % dims[1]) * 6 - 116, Math.floor(i / (dims[0] * dims[1])) * 6 - 70];
const template = new Float32Array(n);
for (let i = 0; i < n; i++) {
  const [x, y, z] = mm(i);
  template[i] = (x / 70) ** 2 + ((y + 18) / 95) ** 2 + ((z - 12) / 70) ** 2 < 1 ? 100 : 0;
}
let seed = 11;
const noise = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 2;
const subjects = Array.from({ length: 14 }, (_, k) => `sub-${k + 1}`);
const maps = (down: number, up: number) =>
  subjects.map(() => {
    const m = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      if (!template[i]) continue;
      const [x, y, z] = mm(i);
      m[i] = 50 + noise() * 2 + down * Math.exp(-((x - 20) ** 2 + y ** 2 + (z + 10) ** 2) / 250) + up * Math.exp(-((x + 30) ** 2 + (y - 20) ** 2 + (z - 20) ** 2) / 150);
    }
    return m;
  });
const study: Study = { id: 's', name: 'Simulated test', simulated: true, notice: 'Simulated demo: not real data', root: '/x', subjects, conditions: ['MDMA', 'placebo'], measures: [{ id: 'cbf', label: 'CBF', kind: 'cbf', units: 'ml/100g/min', files: [] }], design: 'paired' };
const byCond = { MDMA: maps(-4, 2.5), placebo: maps(0, 0) };

/** The app's worker path: two kept sessions get the maps once, then chunks of rows from one queue (permutationRun.ts). */
async function appFwe(spec: ContrastSpec & { fwe: FigureFwe }, input: FweInput): Promise<FweResult> {
  const plan = fweRunPlan(spec.fwe, input.dof, spec.threshold.sided, spec.direction);
  const [a, b] = plan.swap ? [input.b, input.a] : [input.a, input.b];
  const parts: Extract<PermResponse, { type: 'chunk' }>[] = [];
  const sessions = [0, 1].map(() => createPermutationSession((m) => {
    if (m.type === 'error') throw new Error(m.message);
    if (m.type === 'chunk') parts.push(m);
  }));
  for (const s of sessions) await s.handle({ type: 'data', dataKey: 'k', a, b, dims, design: input.design });
  const N = pairedFlips(a.length, spec.fwe.nPerm, spec.fwe.seed).n;
  for (let r0 = 0, k = 0; r0 < N; r0 += 50, k++) await sessions[k % 2].handle({ type: 'chunk', id: 1, dataKey: 'k', nPerm: spec.fwe.nPerm, seed: spec.fwe.seed, opts: plan.opts, range: [r0, Math.min(N, r0 + 50)] });
  const first = parts.find((p) => p.range[0] === 0)!;
  return fweMap({ method: spec.fwe.method, observed: first.observed!, nulls: joinNulls(parts, N, plan.opts), voxels: first.voxels!, dims, N, exact: first.exact, clusterT: plan.clusterT, oneSided: plan.oneSided });
}

const runs: { app: FweResult[]; cli: FweResult[] } = { app: [], cli: [] };
const base: Omit<FigureSources, 'fwe'> = {
  template: { grid, data: template },
  templateName: 'test ellipsoid',
  templateFile: 'template_test.nii',
  atlas: null,
  atlasName: '',
  study,
  measureMaps: async () => ({ grid, subjects, maps: byCond }),
  layer: async () => {
    throw new Error('no layers');
  },
};
const appSources: FigureSources = { ...base, fwe: async (spec, input) => { const r = await appFwe(spec, input); runs.app.push(r); return r; } };
const cliSources: FigureSources = { ...base, fwe: async (spec, input) => { const r = await cliFwe(spec, input, { jobs: 2 }); runs.cli.push(r); return r; } };

const threshold = { mode: 'p-unc' as const, value: 0.001, sided: 2 as const, minExtentVoxels: 0 };
const specOf = (fwe: FigureFwe | null): ContrastSpec => ({ measureId: 'cbf', conditionA: 'MDMA', conditionB: 'placebo', direction: 'A-B', statistic: 'paired-t', threshold, connectivity: 26, fwe });
const figureOf = (spec: ContrastSpec) => {
  let f = newFigure([], 'FWE figure', { kind: 'demo', seed: 1 });
  f = addPanel([f], f.id, { kind: 'clusters', title: '', span: 1, contrast: spec, maxRows: 12 })[0];
  return { ...f, page: { ...f.page, widthMm: 120, dpi: 150 } };
};

/** The shared engine run directly: each tested voxel's FWE p, from the null columns (not fweMap). */
async function direct(f: FigureFwe): Promise<{ p: Float64Array; N: number }> {
  const a = byCond.MDMA;
  const b = byCond.placebo;
  const data = buildPermData(a, b, dims, 'paired');
  const { rows, n: N } = pairedFlips(data.K, f.nPerm, f.seed);
  const plan = fweRunPlan(f, 13, 2, 'A-B');
  const res = await permutationTest(data, rows, N, plan.opts);
  const p = new Float64Array(n).fill(NaN);
  const obs = res.observed;
  if (f.method === 'max-t' || f.method === 'tfce') {
    const x = f.method === 'max-t' ? obs.t : obs.tfce!;
    const pv = fweP(Float64Array.from(x, Math.abs), f.method === 'max-t' ? res.nulls.maxT : res.nulls.maxTfce!);
    for (let w = 0; w < data.V; w++) p[data.voxels[w]] = pv[w];
    return { p, N };
  }
  // cluster extent, counted here: clusters of |t| > T (26-connected, signs apart), p = (1 + #{null max size >= size}) / N
  const cls = new Int8Array(n);
  for (let w = 0; w < data.V; w++) {
    const t = obs.t[w];
    p[data.voxels[w]] = 1;
    cls[data.voxels[w]] = t > plan.clusterT ? 1 : -t > plan.clusterT ? -1 : 0;
  }
  const comps = labelComponents(cls, dims, 26);
  const size = new Array(comps.count + 1).fill(0);
  for (const i of comps.voxels) size[comps.labels[i]]++;
  const nulls = Array.from(res.nulls.maxSize!).slice(1);
  for (const i of comps.voxels) p[i] = (1 + nulls.filter((m) => m >= size[comps.labels[i]]).length) / N;
  return { p, N };
}

describe('figure contrasts with FWE (permutation) inference', () => {
  for (const method of ['max-t', 'tfce', 'cluster-extent'] as const) {
    it(`${method}: cluster FWE p and surviving voxels equal the shared engine's; app path and CLI pool agree`, async () => {
      const fwe: FigureFwe = { method, nPerm: 300, clusterP: 0.001, alpha: 0.05, seed: 3 };
      const spec = specOf(fwe);
      runs.app.length = 0;
      runs.cli.length = 0;
      const prepApp = await prepareFigure(figureOf(spec), appSources);
      const prepCli = await prepareFigure(figureOf(spec), cliSources);
      // the app's worker path and the CLI's pool: the same p at every voxel
      expect(runs.app).toHaveLength(1);
      expect(runs.cli).toHaveLength(1);
      expect(runs.cli[0].N).toBe(300);
      expect(runs.cli[0].exact).toBe(false);
      expect(Array.from(runs.cli[0].p)).toEqual(Array.from(runs.app[0].p));
      const c = [...prepCli.contrasts.values()][0];
      expect([...prepApp.contrasts.values()][0].fwe!.clusterP).toEqual(c.fwe!.clusterP);

      const want = await direct(fwe);
      // the cluster-forming clusters (uncorrected p < 0.001), as the table lists them
      const resolved = resolveThreshold(threshold, c.maps, 'paired-t', { a: 'MDMA', b: 'placebo' });
      const table = clusterTable(c.maps, 'paired-t', resolved, { grid, connectivity: 26 });
      expect(c.rows.map((r) => r.id)).toEqual(table.rows.map((r) => r.id));
      const minP: Record<number, number> = {};
      let uncorrected = 0;
      let surviving = 0;
      for (let i = 0; i < n; i++) {
        const k = table.labels[i];
        if (!k) continue;
        uncorrected++;
        minP[k] = Math.min(minP[k] ?? 1, want.p[i]);
        if (passesFwe(want.p[i], 0.05, want.N)) surviving++;
      }
      for (const r of c.rows) expect(c.fwe!.clusterP[r.id]).toBeCloseTo(minP[r.id], 6);
      let drawn = 0;
      for (let i = 0; i < n; i++) if (c.display.data[i] !== 0) drawn++;
      expect(drawn).toBe(surviving);
      // the cut matters: the blob survives, some cluster-forming voxels (noise) do not
      expect(surviving).toBeGreaterThan(2);
      expect(surviving).toBeLessThan(uncorrected);
      expect(c.rows.some((r) => c.fwe!.clusterP[r.id] > 0.05)).toBe(true);
      expect(c.rows.some((r) => c.fwe!.clusterP[r.id] <= 0.05)).toBe(true);
      console.log(`${method}: ${c.rows.length} cluster-forming clusters, ${uncorrected} voxels; ${surviving} with FWE p < 0.05; cluster FWE p ${c.rows.map((r) => c.fwe!.clusterP[r.id].toFixed(4)).join(', ')}`);
    }, 60_000);
  }

  it('the legend, caption and cluster table name the inference with its count and seed', async () => {
    const spec = specOf({ method: 'tfce', nPerm: 300, clusterP: 0.001, alpha: 0.05, seed: 3 });
    const fig = figureOf(spec);
    const prep = await prepareFigure(fig, cliSources);
    const c = [...prep.contrasts.values()][0];
    const legend = figureLegend(fig, prep, '1.0');
    expect(legend).toContain('- Correction: family-wise error (FWE) by permutation: TFCE, FWE p < 0.05, 300 sign-flips, seed 3');
    expect(legend).toMatch(/- Threshold: TFCE, FWE p < 0\.05, 300 sign-flips, seed 3; within p < 0\.001/);
    expect(legend).toContain('- Permutation inference: TFCE (E = 0.5, H = 2, 100 steps, 26-connected)');
    expect(legend).toContain('two-sided (|t|); 300 sign-flips of the paired differences, seed 3 (xoshiro128**)');
    const passing = c.rows.filter((r) => c.fwe!.clusterP[r.id] <= 0.05).length;
    expect(legend).toContain(`- Clusters at the cluster-forming threshold: ${c.rows.length}, of which ${passing} with FWE p < 0.05`);
    expect(figureCaption(fig, prep)).toContain('CBF, MDMA − placebo (n = 14): TFCE, FWE p < 0.05, 300 sign-flips, seed 3; within p < 0.001');
    const svg = new TextDecoder().decode((await exportFigure(fig, prep, 'svg', { fonts, version: 'x' })).bytes);
    expect(svg).toContain('>FWE p<');
    const shown = c.rows.slice(0, 12).map((r) => c.fwe!.clusterP[r.id]).map((p) => (p < 0.001 ? p.toExponential(1) : p.toFixed(3)));
    for (const t of shown) expect(svg).toContain(`>${t}<`);
    // without FWE: no FWE column, the uncorrected wording
    const plain = figureOf(specOf(null));
    const prepPlain = await prepareFigure(plain, cliSources);
    expect(figureLegend(plain, prepPlain, '1.0')).toContain('- Correction: none (uncorrected p < 0.001)');
    expect(new TextDecoder().decode((await exportFigure(plain, prepPlain, 'svg', { fonts, version: 'x' })).bytes)).not.toContain('FWE p');
  }, 60_000);

  it('one-sided B − A: the maps are swapped for the run, and the caption names the direction', async () => {
    const spec: ContrastSpec = { ...specOf({ method: 'max-t', nPerm: 200, clusterP: 0.001, alpha: 0.05, seed: 2 }), direction: 'B-A', threshold: { ...threshold, sided: 1 } };
    runs.app.length = 0;
    runs.cli.length = 0;
    const fig = figureOf(spec);
    const prep = await prepareFigure(fig, cliSources);
    await prepareFigure(fig, appSources);
    expect(Array.from(runs.cli[0].p)).toEqual(Array.from(runs.app[0].p));
    const c = [...prep.contrasts.values()][0];
    // placebo > MDMA is the blob at (20, 0, -10): every row is positive in B − A, and the blob survives
    expect(c.rows.length).toBeGreaterThan(0);
    expect(c.rows.every((r) => r.sign > 0)).toBe(true);
    expect(c.rows.some((r) => c.fwe!.clusterP[r.id] <= 0.05)).toBe(true);
    expect(c.resolved.description).toMatch(/^voxel max-T \(one-sided, placebo > MDMA\), FWE p < 0\.05, 200 sign-flips, seed 2; within /);
  }, 60_000);

  it('a source that cannot run permutations refuses the figure instead of drawing it uncorrected', async () => {
    await expect(prepareFigure(figureOf(specOf({ method: 'tfce', nPerm: 300, clusterP: 0.001, alpha: 0.05, seed: 3 })), base)).rejects.toThrow(/FWE-corrected \(permutation tfce\), and this renderer cannot run permutations/);
  });
});
