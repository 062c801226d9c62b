import { describe, expect, it } from 'vitest';
import { clusterTable, rowsToDelimited, sortRows, type ClusterRow } from '../../../shared/compare/clusterTable';
import { contrastFromGroupMap } from '../../../shared/compare/contrast';
import { resolveThreshold, suprathresholdMask, type ThresholdSpec } from '../../../shared/compare/threshold';
import type { Grid } from '../../../shared/spaces/types';
import { gaussian, rng } from './helpers';

// 10x10x10 voxels of 2 mm, origin at -10 mm: voxel (i,j,k) is at (2i-10, 2j-10, 2k-10) mm.
const grid: Grid = { dims: [10, 10, 10], affine: [2, 0, 0, -10, 0, 2, 0, -10, 0, 0, 2, -10, 0, 0, 0, 1] };
const at = (i: number, j: number, k: number) => i + 10 * (j + 10 * k);
const spec = (mode: ThresholdSpec['mode'], value: number, minExtentVoxels = 0, sided: 1 | 2 = 2): ThresholdSpec => ({ mode, value, sided, minExtentVoxels });

/** Positive 2x2x2 block (t 5..8.5, peak 8.5 at (3,3,3)); negative 3-voxel line (t -3.2, -3.1, -3.05); one lone voxel t 3.5. */
function handMadeT(): Float32Array {
  const t = new Float32Array(1000);
  let v = 5;
  for (let k = 2; k <= 3; k++) for (let j = 2; j <= 3; j++) for (let i = 2; i <= 3; i++) t[at(i, j, k)] = (v += 0.5) - 0.5;
  t[at(7, 7, 7)] = -3.2;
  t[at(7, 7, 8)] = -3.1;
  t[at(7, 7, 6)] = -3.05;
  t[at(0, 9, 0)] = 3.5;
  return t;
}

// Atlas on the same grid: label 1 covers the block's k = 2 slab, label 2 (a hostile name) its k = 3 slab.
const atlasData = new Int16Array(1000);
for (let j = 2; j <= 3; j++) for (let i = 2; i <= 3; i++) {
  atlasData[at(i, j, 2)] = 1;
  atlasData[at(i, j, 3)] = 2;
}
const atlas = { grid, data: atlasData, names: new Map([[1, 'Amygdala_R'], [2, '=SUM(A1)']]) };

describe('clusterTable', () => {
  const maps = contrastFromGroupMap({ t: handMadeT(), dof: 24 });
  const diff = new Float32Array(1000);
  diff[at(3, 3, 3)] = 12.5;
  const withDiff = { ...maps, diff };

  it('lists the clusters that pass, with extent, peak, MNI mm and labels', () => {
    const resolved = resolveThreshold(spec('raw', 3), maps, 'paired-t');
    const { rows, labels } = clusterTable(maps, 'paired-t', resolved, { grid, atlas });
    expect(rows.map((r) => [r.sign, r.nVoxels])).toEqual([[1, 8], [-1, 3], [1, 1]]);
    const [pos, neg] = rows;
    expect(pos.volumeMm3).toBe(64);
    expect(pos.peakT).toBe(8.5);
    expect(pos.peakStat).toBe(8.5);
    expect(pos.peakVoxel).toEqual([3, 3, 3]);
    expect(pos.peakMm).toEqual([-4, -4, -4]);
    expect(pos.peakLabel).toBe('=SUM(A1)');
    expect(pos.topLabels.map((l) => [l.name, l.fraction])).toEqual([['Amygdala_R', 0.5], ['=SUM(A1)', 0.5]]);
    expect(neg.peakT).toBeCloseTo(-3.2, 6);
    expect(neg.peakMm).toEqual([4, 4, 4]);
    expect(neg.peakLabel).toBe('unlabelled');
    expect(labels[at(7, 7, 8)]).toBe(neg.id);
  });

  it('applies the p threshold on t and the minimum extent', () => {
    const resolved = resolveThreshold(spec('p-unc', 0.001, 2), maps, 'paired-t');
    const { rows } = clusterTable(maps, 'paired-t', resolved, { grid });
    // |t| > 3.745: only the block passes; the lone 3.5 voxel and the -3.2 line do not
    expect(rows).toHaveLength(1);
    expect(rows[0].nVoxels).toBe(8);
    const mask = suprathresholdMask(maps, 'paired-t', resolved);
    expect(mask.reduce((s, v) => s + v, 0)).toBe(8);
    // extent 4 drops the 3-voxel negative cluster and the lone voxel at |t| > 3
    expect(clusterTable(maps, 'paired-t', resolveThreshold(spec('raw', 3, 4), maps, 'paired-t'), { grid }).rows.map((r) => r.nVoxels)).toEqual([8]);
  });

  it('shows the displayed statistic at the t peak for non-t statistics', () => {
    const resolved = resolveThreshold(spec('p-unc', 0.001), withDiff, 'mean-diff');
    const { rows } = clusterTable(withDiff, 'mean-diff', resolved, { grid });
    expect(rows[0].peakT).toBe(8.5);
    expect(rows[0].peakStat).toBe(12.5);
  });

  it('keeps only the positive tail when one-sided', () => {
    const { rows } = clusterTable(maps, 'paired-t', resolveThreshold(spec('raw', 3, 0, 1), maps, 'paired-t'), { grid });
    expect(rows.every((r) => r.sign === 1)).toBe(true);
    expect(rows).toHaveLength(2);
  });

  it('sorts by size or by |peak|', () => {
    const rows: ClusterRow[] = [
      { ...row(), id: 1, nVoxels: 10, peakStat: 4, peakT: 4 },
      { ...row(), id: 2, nVoxels: 30, peakStat: -3.5, peakT: -3.5 },
      { ...row(), id: 3, nVoxels: 5, peakStat: -9, peakT: -9 },
    ];
    expect(sortRows(rows, 'size').map((r) => r.id)).toEqual([2, 1, 3]);
    expect(sortRows(rows, 'peak').map((r) => r.id)).toEqual([3, 1, 2]);
    expect(rows.map((r) => r.id)).toEqual([1, 2, 3]);
  });

  it('exports CSV and TSV with the notice first, escaped text and plain numbers', () => {
    const { rows } = clusterTable(maps, 'paired-t', resolveThreshold(spec('raw', 3), maps, 'paired-t'), { grid, atlas });
    const csv = rowsToDelimited(rows, ',', { notice: 'Simulated demo: not real data', statistic: 'paired-t' });
    const lines = csv.trimEnd().split('\n');
    expect(lines[0]).toBe('# Simulated demo: not real data');
    expect(lines[1]).toBe('cluster,sign,n_voxels,volume_mm3,peak_value,peak_x,peak_y,peak_z,com_x,com_y,com_z,peak_label,top_labels,peak_kind,statistic');
    expect(lines[2]).toBe(`1,1,8,64,8.5,-4,-4,-4,-4.96,-4.93,-4.85,'=SUM(A1),Amygdala_R 50%; =SUM(A1) 50%,peak,paired t`);
    expect(lines[3]).toBe('2,-1,3,24,-3.2,4,4,4,4,4,4.01,unlabelled,unlabelled 100%,peak,paired t');
    expect(lines).toHaveLength(5);
    const tsv = rowsToDelimited(rows, '\t').trimEnd().split('\n');
    expect(tsv[0].split('\t')).toHaveLength(15);
    expect(tsv[1].split('\t')[11]).toBe(`'=SUM(A1)`);
  });

  it('adds peak_t for statistics other than t, and the FWE p of each cluster', () => {
    const { rows } = clusterTable(maps, 'paired-t', resolveThreshold(spec('raw', 3), maps, 'paired-t'), { grid, atlas });
    const lines = rowsToDelimited(rows, ',', { statistic: 'dz', fweP: [0.002, undefined] }).trimEnd().split('\n');
    expect(lines[0].split(',').slice(-3)).toEqual(['statistic', 'peak_t', 'fwe_p']);
    expect(lines[1].split(',').slice(-3)).toEqual(["Cohen's dz", '8.5', '0.002']);
    expect(lines[2].split(',').slice(-3)).toEqual(["Cohen's dz", '-3.2', '']);
  });
});

function row(): ClusterRow {
  return { id: 0, sign: 1, nVoxels: 0, volumeMm3: 0, peakStat: 0, peakT: 0, peakVoxel: [0, 0, 0], peakMm: [0, 0, 0], comMm: [0, 0, 0], peakLabel: '', topLabels: [] };
}

/** A smooth Gaussian random field on the 2 mm MNI grid (box blur x3 per axis), scaled to unit SD inside an ellipsoid brain. */
function smoothField(seed: number): { t: Float32Array; grid: Grid; atlas: { grid: Grid; data: Int16Array; names: Map<number, string> } } {
  const dims: [number, number, number] = [91, 109, 91];
  const [nx, ny, nz] = dims;
  const n = nx * ny * nz;
  const g = gaussian(rng(seed));
  let f = new Float32Array(n);
  for (let i = 0; i < n; i++) f[i] = g();
  const strides = [1, nx, nx * ny];
  for (let axis = 0; axis < 3; axis++) {
    for (let pass = 0; pass < 3; pass++) {
      const out = new Float32Array(n);
      const s = strides[axis];
      const len = dims[axis];
      for (let idx = 0; idx < n; idx++) {
        const pos = Math.floor(idx / s) % len;
        let sum = 0;
        for (let d = -2; d <= 2; d++) if (pos + d >= 0 && pos + d < len) sum += f[idx + d * s];
        out[idx] = sum;
      }
      f = out;
    }
  }
  const inBrain = (i: number, j: number, k: number) => ((i - 45) / 36) ** 2 + ((j - 54) / 45) ** 2 + ((k - 40) / 34) ** 2 < 1;
  let sq = 0;
  let m = 0;
  for (let k = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) {
    const idx = i + nx * (j + ny * k);
    if (inBrain(i, j, k)) {
      sq += f[idx] * f[idx];
      m++;
    }
  }
  const scale = 1.6 / Math.sqrt(sq / m);
  const data = new Int16Array(n);
  for (let k = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) {
    const idx = i + nx * (j + ny * k);
    if (inBrain(i, j, k)) {
      f[idx] *= scale;
      data[idx] = 1 + (Math.floor(i / 10) + 10 * Math.floor(j / 12)) % 100;
    } else f[idx] = 0;
  }
  const grid: Grid = { dims, affine: [-2, 0, 0, 90, 0, 2, 0, -126, 0, 0, 2, -72, 0, 0, 0, 1] };
  const names = new Map(Array.from({ length: 100 }, (_, i) => [i + 1, `region ${i + 1}`] as [number, string]));
  return { t: f, grid, atlas: { grid, data, names } };
}

describe('clusterTable speed at 2 mm (91x109x91)', () => {
  it('updates within the 100 ms budget on a smooth random field', () => {
    const { t, grid: g2, atlas: a2 } = smoothField(11);
    const maps = contrastFromGroupMap({ t, dof: 24 });
    const thresholds = [0.01, 0.005, 0.001, 0.0005, 0.0001].map((p) => spec('p-unc', p, 5));
    // warm-up (JIT), then time a threshold drag: resolve + table for each step
    for (const s of thresholds) clusterTable(maps, 'paired-t', resolveThreshold(s, maps, 'paired-t'), { grid: g2, atlas: a2, connectivity: 26 });
    const times: number[] = [];
    let suprathreshold = 0;
    let clusters = 0;
    for (let rep = 0; rep < 2; rep++) {
      for (const s of thresholds) {
        const start = performance.now();
        const resolved = resolveThreshold(s, maps, 'paired-t');
        const { rows } = clusterTable(maps, 'paired-t', resolved, { grid: g2, atlas: a2, connectivity: 26 });
        times.push(performance.now() - start);
        if (s.value === 0.01) {
          suprathreshold = rows.reduce((acc, r) => acc + r.nVoxels, 0);
          clusters = rows.length;
        }
      }
    }
    const fdrStart = performance.now();
    clusterTable(maps, 'paired-t', resolveThreshold(spec('fdr-q', 0.05), maps, 'paired-t'), { grid: g2, atlas: a2 });
    const fdrMs = performance.now() - fdrStart;
    const avg = times.reduce((s, v) => s + v, 0) / times.length;
    const median = [...times].sort((x, y) => x - y)[times.length >> 1];
    console.log(
      `cluster table at 2 mm: average ${avg.toFixed(1)} ms, median ${median.toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms over ${times.length} threshold steps; ` +
        `FDR step ${fdrMs.toFixed(1)} ms; p < 0.01: ${clusters} clusters, ${suprathreshold} voxels`,
    );
    expect(clusters).toBeGreaterThan(20); // a realistic table, not an empty one
    expect(avg).toBeLessThan(250);
  });
});
