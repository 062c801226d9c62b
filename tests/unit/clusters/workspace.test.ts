import { describe, expect, it } from 'vitest';
import { findClusters, labelThreshold, type ClusterWorkspace } from '../../../shared/clusters/index';
import type { Grid } from '../../../shared/spaces/types';

const grid: Grid = { dims: [12, 11, 10], affine: [2, 0, 0, -12, 0, 2, 0, -11, 0, 0, 2, -10, 0, 0, 0, 1] };
const N = 12 * 11 * 10;

/** Deterministic smooth-ish map with NaN, +-Inf, +-0 and values exactly at +-threshold sprinkled in. */
function map(seed: number): Float32Array {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const d = new Float32Array(N);
  for (let i = 0; i < N; i++) d[i] = Math.sin(i * 0.37 + seed) * 4 + (rnd() - 0.5) * 2;
  const special = [NaN, Infinity, -Infinity, 0, -0, 3, -3, Math.fround(3.1), 1.4e-45];
  for (let k = 0; k < 60; k++) d[Math.floor(rnd() * N)] = special[k % special.length];
  return d;
}

/** The plain definition: +1 where v > T, -1 where v < -T (two-sided), else 0. */
function expectedCls(d: Float32Array, threshold: number, twoSided: boolean): Int8Array {
  const out = new Int8Array(d.length);
  for (let i = 0; i < d.length; i++) out[i] = d[i] > threshold ? 1 : twoSided && d[i] < -threshold ? -1 : 0;
  return out;
}

describe('labelThreshold with a reused workspace', () => {
  it('classifies exactly as v > T / v < -T, for thresholds that are not float32 numbers, 0, -0 and negatives', () => {
    const d = map(1);
    for (const threshold of [3, 3.1, Math.fround(3.1), 0, -0, 1e-50, 1e39, -1.5])
      for (const twoSided of [true, false]) {
        if (twoSided && threshold < 0) continue;
        const r = labelThreshold(d, grid, { threshold, twoSided, connectivity: 26 });
        expect(Array.from(r.cls)).toEqual(Array.from(expectedCls(d, threshold, twoSided)));
      }
    // 3.1 is not a float32: a voxel holding fround(3.1) = 3.0999999 is below it, 3.1000001 is above.
    const one = new Float32Array(N);
    one[0] = Math.fround(3.1);
    expect(labelThreshold(one, grid, { threshold: 3.1, twoSided: true, connectivity: 6 }).count).toBe(Math.fround(3.1) > 3.1 ? 1 : 0);
  });

  it('gives the same labels and table as fresh buffers, call after call, and keeps its buffers', () => {
    const ws: ClusterWorkspace = {};
    let labelsBuffer: Int32Array | undefined;
    for (const [seed, threshold, conn] of [[1, 2.5, 26], [2, 3, 6], [3, 1, 18], [1, 2.5, 26]] as const) {
      const d = map(seed);
      const opts = { threshold, twoSided: true, connectivity: conn } as const;
      const fresh = findClusters(d, grid, { ...opts, minVoxels: 2 });
      const reused = findClusters(d, grid, { ...opts, minVoxels: 2, workspace: ws });
      expect(reused.clusters).toEqual(fresh.clusters);
      expect(Array.from(reused.labels)).toEqual(Array.from(fresh.labels));
      expect(fresh.clusters.length).toBeGreaterThan(1);
      labelsBuffer ??= ws.labels;
      expect(reused.labels).toBe(labelsBuffer);
    }
  });

  it('clears the whole volume when `used` is deleted (e.g. after writing elsewhere into the labels)', () => {
    const ws: ClusterWorkspace = {};
    const d = map(2);
    const opts = { threshold: 2.5, twoSided: true, connectivity: 26, workspace: ws } as const;
    const first = labelThreshold(d, grid, opts);
    expect(ws.used).toBe(first.voxels.length);
    first.labels[first.labels.indexOf(0)] = 99;
    first.cls[first.cls.indexOf(0)] = 1;
    delete ws.used;
    const again = labelThreshold(d, grid, opts);
    const fresh = labelThreshold(d, grid, { threshold: 2.5, twoSided: true, connectivity: 26 });
    expect(Array.from(again.labels)).toEqual(Array.from(fresh.labels));
    expect(Array.from(again.cls)).toEqual(Array.from(fresh.cls));
  });

  it('replaces the buffers when the grid size changes', () => {
    const ws: ClusterWorkspace = {};
    labelThreshold(map(1), grid, { threshold: 2, twoSided: true, connectivity: 26, workspace: ws });
    const small: Grid = { dims: [4, 4, 4], affine: grid.affine };
    const d = new Float32Array(64);
    d[0] = 5;
    d[21] = -5; // (1,1,1): a corner neighbour of (0,0,0) but of the other sign
    const r = labelThreshold(d, small, { threshold: 2, twoSided: true, connectivity: 26, workspace: ws });
    expect(r.labels.length).toBe(64);
    expect(r.count).toBe(2);
    expect(Array.from(r.voxels)).toEqual([0, 21]);
  });
});
