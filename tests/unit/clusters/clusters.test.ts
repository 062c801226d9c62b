import { describe, expect, it } from 'vitest';
import { findClusters, UNLABELLED } from '../../../shared/clusters/clusters';
import type { Grid } from '../../../shared/spaces/types';

// 10x10x10 grid, 2 mm voxels, LAS like MNI: x = -2i + 10, y = 2j - 10, z = 2k - 10
const grid: Grid = { dims: [10, 10, 10], affine: [-2, 0, 0, 10, 0, 2, 0, -10, 0, 0, 2, -10, 0, 0, 0, 1] };
const at = (i: number, j: number, k: number) => i + 10 * (j + 10 * k);

function map(): Float32Array {
  const d = new Float32Array(1000);
  // positive cluster A: 3 voxels in a row along i at (2..4, 2, 2), values 4, 6, 5
  d[at(2, 2, 2)] = 4;
  d[at(3, 2, 2)] = 6;
  d[at(4, 2, 2)] = 5;
  // negative cluster B touching A's end diagonally (would merge if signs were not kept apart): 2 voxels
  d[at(5, 3, 2)] = -7;
  d[at(5, 4, 2)] = -3.5;
  // positive singleton C far away
  d[at(8, 8, 8)] = 3.2;
  return d;
}

describe('findClusters', () => {
  it('two-sided: separate signs, sizes, peaks, |value|-weighted centres in mm', () => {
    const { clusters, labels } = findClusters(map(), grid, { threshold: 3, twoSided: true, connectivity: 26 });
    expect(clusters.map((c) => [c.id, c.sign, c.nVoxels])).toEqual([
      [1, 1, 3],
      [2, -1, 2],
      [3, 1, 1],
    ]);
    const [a, b, c] = clusters;
    expect(a.volumeMm3).toBe(24);
    expect(a.peakValue).toBe(6);
    expect(a.peakVoxel).toEqual([3, 2, 2]);
    expect(a.peakMm).toEqual([4, -6, -6]);
    // COM i = (4*2 + 6*3 + 5*4) / 15 = 46/15 -> x = -2 * 46/15 + 10
    expect(a.comMm[0]).toBeCloseTo(-2 * (46 / 15) + 10, 12);
    expect(a.comMm[1]).toBeCloseTo(-6, 12);
    expect(b.peakValue).toBeCloseTo(-7, 6);
    // COM j = (7*3 + 3.5*4) / 10.5 -> y = 2 * j - 10
    expect(b.comMm[1]).toBeCloseTo(2 * (35 / 10.5) - 10, 12);
    expect(c.peakMm).toEqual([-6, 6, 6]);
    expect(labels[at(3, 2, 2)]).toBe(1);
    expect(labels[at(5, 4, 2)]).toBe(2);
    expect(labels[at(8, 8, 8)]).toBe(3);
    expect(labels[at(0, 0, 0)]).toBe(0);
    expect(a.peakLabel).toBe('');
  });

  it('one-sided keeps only value > T; minimum extent in voxels and in mm³ relabels', () => {
    const one = findClusters(map(), grid, { threshold: 3, twoSided: false, connectivity: 26 });
    expect(one.clusters.map((c) => c.nVoxels)).toEqual([3, 1]);
    const big = findClusters(map(), grid, { threshold: 3, twoSided: true, connectivity: 26, minVoxels: 2 });
    expect(big.clusters.map((c) => c.nVoxels)).toEqual([3, 2]);
    expect(big.labels[at(8, 8, 8)]).toBe(0);
    // 2 voxels = 16 mm³; 17 mm³ keeps only the 3-voxel cluster
    const mm = findClusters(map(), grid, { threshold: 3, twoSided: true, connectivity: 26, minMm3: 17 });
    expect(mm.clusters.map((c) => c.id + ':' + c.nVoxels)).toEqual(['1:3']);
    expect(mm.labels[at(5, 3, 2)]).toBe(0);
  });

  it('6-connectivity splits the diagonal neighbours; ties in size go to the first voxel in C order', () => {
    const d = new Float32Array(1000);
    d[at(1, 5, 0)] = 4; // C-order index (i*ny + j)*nz + k is smaller for i = 1
    d[at(6, 0, 9)] = 4;
    const r = findClusters(d, grid, { threshold: 3, twoSided: false, connectivity: 6 });
    expect(r.clusters.map((c) => c.peakVoxel)).toEqual([[1, 5, 0], [6, 0, 9]]);
    // peak ties inside one cluster: the first voxel in C order (smallest i, then j, then k)
    const e = new Float32Array(1000);
    e[at(5, 5, 5)] = 4;
    e[at(4, 5, 5)] = 4;
    expect(findClusters(e, grid, { threshold: 3, twoSided: false, connectivity: 6 }).clusters[0].peakVoxel).toEqual([4, 5, 5]);
  });

  it('labels the peak and the top-3 shares from an atlas on the same grid or another grid', () => {
    const atlasData = new Float32Array(1000);
    atlasData[at(2, 2, 2)] = 1;
    atlasData[at(3, 2, 2)] = 2;
    atlasData[at(4, 2, 2)] = 2;
    const names = new Map([[1, 'Amygdala_L'], [2, 'Hippocampus_L']]);
    const same = findClusters(map(), grid, { threshold: 3, twoSided: true, connectivity: 26, atlas: { grid, data: atlasData, names } });
    expect(same.clusters[0].peakLabel).toBe('Hippocampus_L');
    expect(same.clusters[0].topLabels).toEqual([
      { name: 'Hippocampus_L', fraction: 2 / 3 },
      { name: 'Amygdala_L', fraction: 1 / 3 },
    ]);
    expect(same.clusters[1].peakLabel).toBe(UNLABELLED);
    expect(same.clusters[1].topLabels).toEqual([{ name: UNLABELLED, fraction: 1 }]);

    // The same atlas on a 1 mm grid covering the same space: voxel (i,j,k) of the 2 mm grid sits at
    // 1 mm voxel (2i, 2j, 2k).
    const fine: Grid = { dims: [20, 20, 20], affine: [-1, 0, 0, 10, 0, 1, 0, -10, 0, 0, 1, -10, 0, 0, 0, 1] };
    const fineData = new Float32Array(8000);
    const f = (i: number, j: number, k: number) => i + 20 * (j + 20 * k);
    fineData[f(4, 4, 4)] = 1;
    fineData[f(6, 4, 4)] = 2;
    fineData[f(8, 4, 4)] = 2;
    const other = findClusters(map(), grid, { threshold: 3, twoSided: true, connectivity: 26, atlas: { grid: fine, data: fineData, names } });
    expect(other.clusters[0].peakLabel).toBe('Hippocampus_L');
    expect(other.clusters[0].topLabels.map((s) => s.name)).toEqual(['Hippocampus_L', 'Amygdala_L']);
  });

  it('rejects a bad threshold or connectivity', () => {
    expect(() => findClusters(map(), grid, { threshold: NaN, twoSided: true, connectivity: 26 })).toThrow(/finite/);
    expect(() => findClusters(map(), grid, { threshold: -1, twoSided: true, connectivity: 26 })).toThrow(/two-sided/);
    expect(() => findClusters(map(), grid, { threshold: 3, twoSided: true, connectivity: 8 as 6 })).toThrow(/6, 18 or 26/);
  });
});
