// contrastscope render of a scene whose cluster table panel is FWE-corrected (max-T, 200 sign-flips,
// seed 5): the SVG's FWE p column equals, row by row, the FWE p that `contrastscope permute` gives
// for the same maps and seed (its max-T p map, the smallest p in each cluster), and the legend
// names the inference with the count and seed.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeNifti } from '../../shared/nifti/index';
import { readNiftiFile } from '../../electron/cli/io';
import { frameOf } from '../../shared/nifti/read';
import { listFolder } from '../../electron/services/folders';
import { importFolder } from '../../shared/study/index';
import { addPanel, newFigure, prepareFigure, type ContrastSpec, type FigureSources } from '../../shared/figure/index';
import { fmtFweP } from '../../shared/compare/fweDisplay';
import { emptyScene } from '../../shared/scene/index';
import { cliAsync } from './cli-run';

const dir = mkdtempSync(join(tmpdir(), 'render-fwe-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// 14 subjects on a 6 mm MNI grid: MDMA lower around (20, 0, -10), higher around (-30, 20, 20).
const dims: [number, number, number] = [27, 33, 27];
const affine = [6, 0, 0, -80, 0, 6, 0, -116, 0, 0, 6, -70, 0, 0, 0, 1];
const n = dims[0] * dims[1] * dims[2];
const mm = (i: number) => [(i % dims[0]) * 6 - 80, (Math.floor(i / dims[0]) % dims[1]) * 6 - 116, Math.floor(i / (dims[0] * dims[1])) * 6 - 70];
let seed = 29;
const noise = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 2;
const root = join(dir, 'study');
const files: { a: string[]; b: string[] } = { a: [], b: [] };
for (let k = 1; k <= 14; k++) {
  const sub = `sub-${String(k).padStart(2, '0')}`;
  mkdirSync(join(root, sub), { recursive: true });
  for (const [ses, down, up] of [['mdma', -4, 2.5], ['placebo', 0, 0]] as const) {
    const m = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const [x, y, z] = mm(i);
      if ((x / 70) ** 2 + ((y + 18) / 95) ** 2 + ((z - 12) / 70) ** 2 >= 1) continue;
      m[i] = 50 + noise() * 2 + down * Math.exp(-((x - 20) ** 2 + y ** 2 + (z + 10) ** 2) / 250) + up * Math.exp(-((x + 30) ** 2 + (y - 20) ** 2 + (z - 20) ** 2) / 150);
    }
    const path = join(root, sub, `${sub}_ses-${ses}_cbf.nii`);
    writeFileSync(path, writeNifti({ dims, affine, data: m }));
    (ses === 'mdma' ? files.a : files.b).push(path);
  }
}

describe('contrastscope render with an FWE panel', () => {
  it("the cluster table's FWE p equals contrastscope permute's for the same seed; the legend names it", async () => {
    const { listing } = await listFolder(root);
    const { study } = await importFolder(listing, async (p) => readFileSync(p, 'utf8'));
    const measure = study.measures[0];
    expect(study.conditions).toEqual(['mdma', 'placebo']);
    const contrast: ContrastSpec = {
      measureId: measure.id, conditionA: 'mdma', conditionB: 'placebo', direction: 'A-B', statistic: 'paired-t', connectivity: 26,
      threshold: { mode: 'p-unc', value: 0.001, sided: 2, minExtentVoxels: 0 }, fwe: { method: 'max-t', nPerm: 200, clusterP: 0.001, alpha: 0.05, seed: 5 },
    };
    let fig = newFigure([], 'FWE', { kind: 'folder', path: root });
    fig = addPanel([fig], fig.id, { kind: 'clusters', title: '', span: 1, contrast, maxRows: 8 })[0];
    fig = { ...fig, columns: 1, page: { ...fig.page, widthMm: 120 } };
    const scenePath = join(dir, 'scene.json');
    writeFileSync(scenePath, JSON.stringify({ ...emptyScene(), figures: [fig] }));
    const out = join(dir, 'fig.svg');
    const prefix = join(dir, 'perm');
    const [render, permute] = await Promise.all([
      cliAsync(['render', scenePath, '--out', out]),
      cliAsync(['permute', '--a', ...files.a, '--b', ...files.b, '--n-perm', '200', '--seed', '5', '--cluster-p', '0.001', '--out-prefix', prefix]),
    ]);
    expect(render.code, render.stderr).toBe(0);
    expect(permute.code, permute.stderr).toBe(0);
    expect(render.stderr).toMatch(/FWE by permutation \(max-t\): 200 sign-flips, seed 5/);

    // The clusters from the shared figure code, each given its smallest p of permute's max-T p map.
    const pMap = frameOf(await readNiftiFile(`${prefix}_fwe-maxt_p.nii.gz`), 0);
    const src: FigureSources = {
      template: { grid: { dims, affine }, data: new Float32Array(n) }, templateName: '', templateFile: 'template_test.nii', atlas: null, atlasName: '', study,
      measureMaps: async () => {
        const maps = { mdma: await Promise.all(files.a.map(async (f) => frameOf(await readNiftiFile(f), 0))), placebo: await Promise.all(files.b.map(async (f) => frameOf(await readNiftiFile(f), 0))) };
        return { grid: { dims, affine }, subjects: study.subjects, maps };
      },
      layer: async () => { throw new Error('no layers'); },
      fwe: async () => ({ method: 'max-t', p: pMap, N: 200, exact: false, clusterT: 0 }),
    };
    const c = [...(await prepareFigure(fig, src)).contrasts.values()][0];
    const want = c.rows.slice(0, 8).map((r) => fmtFweP(c.fwe!.clusterP[r.id]));
    expect(want.length).toBeGreaterThan(2);
    expect(want.some((p) => Number(p) <= 0.05)).toBe(true);
    expect(want.some((p) => Number(p) > 0.05)).toBe(true);

    // The SVG's FWE p column: the texts under the "FWE p" header, top to bottom.
    const svg = readFileSync(out, 'utf8');
    const texts = [...svg.matchAll(/<text x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)<\/text>/g)].map((m) => ({ x: m[1], y: Number(m[2]), t: m[3] }));
    const head = texts.find((t) => t.t === 'FWE p');
    expect(head).toBeDefined();
    const column = texts.filter((t) => t.x === head!.x && t.y > head!.y).map((t) => t.t);
    expect(column).toEqual(want);
    console.log(`render FWE p column: ${column.join(', ')} (permute max-T p map: the same)`);

    const legend = readFileSync(join(dir, 'fig.legend.md'), 'utf8');
    expect(legend).toContain('- Correction: family-wise error (FWE) by permutation: voxel max-T, FWE p < 0.05, 200 sign-flips, seed 5');
    expect(svg).toContain('voxel max-T, FWE p &lt; 0.05, 200 sign-flips, seed 5; within p &lt; 0.001');
  }, 120_000);
});
