import { describe, expect, it } from 'vitest';
import { findClusters } from '../../../shared/clusters/clusters';
import { localMaxima } from '../../../shared/clusters/subpeaks';
import type { Grid } from '../../../shared/spaces/types';
import { firstMissing, missingPython, missingShared, needs, sharedPath } from '../../fixtures/references';
import { loadNifti, py } from '../atlas/helpers';

// 20x10x10 grid, 2 mm voxels, LAS like MNI: x = -2i + 20
const grid: Grid = { dims: [20, 10, 10], affine: [-2, 0, 0, 20, 0, 2, 0, -10, 0, 0, 2, -10, 0, 0, 0, 1] };
const at = (i: number, j: number, k: number) => i + 20 * (j + 10 * k);

/** One positive ridge along i at (1..18, 5, 5) with bumps; values chosen so the rules show. */
function ridge(): Float32Array {
  const d = new Float32Array(2000);
  const values = [4, 5, 9, 5, 4, 4, 7, 4, 8, 4, 4, 6, 6, 4, 4, 5, 4, 4];
  values.forEach((v, n) => (d[at(n + 1, 5, 5)] = v));
  return d;
}

describe('sub-peaks (local maxima within a cluster)', () => {
  it('local maxima, the plateau tie rule, and the minimum distance in mm', () => {
    const { clusters } = findClusters(ridge(), grid, { threshold: 3, twoSided: false, connectivity: 26, subpeaks: { count: 5, minDistanceMm: 8 } });
    expect(clusters).toHaveLength(1);
    const c = clusters[0];
    expect(c.peakVoxel).toEqual([3, 5, 5]);
    // maxima: i=3 (9, peak), 9 (8), 7 (7), 12 (6; plateau 12-13: lowest index wins), 16 (5), 2? no (5 < 9).
    // 9 is 12 mm from the peak: kept. 7 is 8 mm from the peak but 4 mm from 9: dropped.
    // 12 is 6 mm from 9: dropped. 16 is 14 mm from 9 and 26 mm from the peak: kept.
    expect(c.subpeaks.map((s) => s.voxel[0])).toEqual([9, 16]);
    expect(c.subpeaks.map((s) => s.value)).toEqual([8, 5]);
    expect(c.subpeaks[0].mm).toEqual([2, 0, 0]);
    // With 4 mm apart allowed, 7 and the plateau's first voxel (12, not 13) come in too.
    const near = findClusters(ridge(), grid, { threshold: 3, twoSided: false, connectivity: 26, subpeaks: { count: 5, minDistanceMm: 4 } });
    expect(near.clusters[0].subpeaks.map((s) => s.voxel[0])).toEqual([9, 7, 12, 16]);
    // count caps the list; none asked for, none listed.
    const two = findClusters(ridge(), grid, { threshold: 3, twoSided: false, connectivity: 26, subpeaks: { count: 2, minDistanceMm: 4 } });
    expect(two.clusters[0].subpeaks.map((s) => s.voxel[0])).toEqual([9, 7]);
    expect(findClusters(ridge(), grid, { threshold: 3, twoSided: false, connectivity: 26 }).clusters[0].subpeaks).toEqual([]);
  });

  it('negative clusters use |value|: the most negative voxels are the maxima', () => {
    const d = ridge().map((v) => -v);
    const { clusters } = findClusters(d, grid, { threshold: 3, twoSided: true, connectivity: 26, subpeaks: { count: 3, minDistanceMm: 8 } });
    expect(clusters[0].sign).toBe(-1);
    expect(clusters[0].subpeaks.map((s) => [s.voxel[0], s.value])).toEqual([
      [9, -8],
      [16, -5],
    ]);
  });

  const SPMT = sharedPath('data', 'real', 'bold-stats', 'spmT_0001.nii.gz');
  it('real SPM t map: every local maximum and the greedy 8 mm pick match scipy', needs(firstMissing(missingShared('data', 'real', 'bold-stats', 'spmT_0001.nii.gz'), missingPython())), () => {
    const img = loadNifti(SPMT);
    const [nx, ny, nz] = img.grid.dims;
    const data = img.data.subarray(0, nx * ny * nz);
    const T = 3.1;
    const ref = py<{ maxima: number[]; plateaus: number; top: { peak: number; subs: number[]; size: number }[] }>(`
import json, numpy as np, nibabel as nib
from scipy import ndimage as ndi
img = nib.load(${JSON.stringify(SPMT)})
d = np.asanyarray(img.dataobj, dtype=np.float32)
d = d.reshape(d.shape[:3] + (-1,))[..., 0]
T = ${T}
s26 = ndi.generate_binary_structure(3, 3)
flat = lambda ijk: int(np.ravel_multi_index(tuple(int(x) for x in ijk), d.shape, order='F'))
allmax, plateaus, top = [], 0, []
for sign in (1, -1):
    with np.errstate(invalid='ignore'):
        mask = np.nan_to_num(d * sign, nan=-np.inf) > T
    lab, n = ndi.label(mask, structure=s26)
    arr = np.where(mask, d * sign, -np.inf)
    mf = ndi.maximum_filter(arr, footprint=s26, mode='constant', cval=-np.inf)
    ismax = mask & (arr == mf)
    # a maximum with an equal neighbour in its cluster is a plateau (the tie rule then keeps one)
    eq = ndi.maximum_filter(np.where(ismax, arr, -np.inf), footprint=s26 ^ (np.arange(27).reshape(3,3,3) == 13), mode='constant', cval=-np.inf)
    plateaus += int((ismax & (eq == arr)).sum())
    ijk = np.argwhere(ismax)
    allmax += [flat(p) for p in ijk]
    for l in range(1, n + 1):
        idx = np.argwhere(ismax & (lab == l))
        vals = arr[tuple(idx.T)]
        flats = np.array([flat(p) for p in idx])
        order = np.lexsort((flats, -vals))
        mm = nib.affines.apply_affine(img.affine, idx[order])
        chosen = [0]
        for q in range(1, len(order)):
            if len(chosen) > 3: break
            if all(((mm[q] - mm[c]) ** 2).sum() >= 64 - 1e-9 for c in chosen): chosen.append(q)
        top.append({'size': int((lab == l).sum()), 'peak': int(flats[order[0]]), 'subs': [int(flats[order[q]]) for q in chosen[1:]]})
print(json.dumps({'maxima': sorted(allmax), 'plateaus': plateaus, 'top': top}))
`);
    expect(ref.plateaus).toBe(0); // so scipy's set (every plateau voxel) and the tie rule agree exactly
    const { clusters, labels } = findClusters(data, img.grid, { threshold: T, twoSided: true, connectivity: 26, subpeaks: { count: 3, minDistanceMm: 8 } });
    expect(clusters.length).toBe(ref.top.length);
    const signs = clusters.map((c) => c.sign);
    const voxels = Int32Array.from({ length: nx * ny * nz }, (_, i) => i).filter((i) => labels[i] !== 0);
    const mine = localMaxima(data, [nx, ny, nz], labels, voxels, signs, 26).flat().sort((a, b) => a - b);
    expect(ref.maxima.length).toBeGreaterThan(clusters.length); // big clusters do hold several maxima
    expect(mine).toEqual(ref.maxima);
    // Match clusters by their peak voxel, then compare the sub-peak choice voxel by voxel.
    const flatOf = (v: [number, number, number]) => v[0] + nx * (v[1] + ny * v[2]);
    const byPeak = new Map(ref.top.map((t) => [t.peak, t]));
    let withSubs = 0;
    for (const c of clusters) {
      const r = byPeak.get(flatOf(c.peakVoxel));
      expect(r, `cluster ${c.id} peak`).toBeDefined();
      expect(c.nVoxels).toBe(r!.size);
      expect(c.subpeaks.map((s) => flatOf(s.voxel))).toEqual(r!.subs);
      if (c.subpeaks.length > 0) withSubs++;
      for (const s of c.subpeaks) expect(Math.hypot(s.mm[0] - c.peakMm[0], s.mm[1] - c.peakMm[1], s.mm[2] - c.peakMm[2])).toBeGreaterThanOrEqual(8 - 1e-9);
    }
    expect(withSubs).toBeGreaterThan(0);
  });
});
