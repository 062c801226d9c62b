// Clusters of stat_1mm against reference.py (cluster_label_26, cluster_label_6_pos,
// cluster_table / cluster_table_numpy). reference.py labels |t| > 3 with 26-connectivity
// without splitting signs; on this map no positive voxel touches a negative one, so the
// counts agree with our sign-separated two-sided clusters (the exact counts below show it).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { findClusters } from '../../../shared/clusters/index';
import type { NiftiImage } from '../../../shared/nifti/types';
import { benchInputs, missingReference, PYTHON, REFERENCE_PY } from '../../fixtures/bench-inputs';
import { needs } from '../../fixtures/references';
import { loadNifti } from './load';


interface RefRow {
  size: number;
  peak: number;
  peak_mm: number[];
  com_mm: number[];
}

// reference.py --only cluster_table prints (make_inputs.py seed 20241126):
const TOP5: RefRow[] = [
  { size: 5371, peak: 7.7841, peak_mm: [2, -60, -34], com_mm: [-0.25, -59.44, -36.27] },
  { size: 4689, peak: 7.265, peak_mm: [-41, -20, 48], com_mm: [-40.1, -21.44, 52.22] },
  { size: 4087, peak: -6.7097, peak_mm: [2, 43, 17], com_mm: [1.32, 41.21, 16.27] },
  { size: 1905, peak: 7.0149, peak_mm: [42, -63, 8], com_mm: [43.9, -64.03, 8.02] },
  { size: 814, peak: -5.365, peak_mm: [24, -83, 4], com_mm: [24.11, -83.67, 3.17] },
];

describe('clusters of stat_1mm (reference.py)', needs(missingReference), () => {
  let img: NiftiImage;
  let live: RefRow[] = [];

  beforeAll(async () => {
    const dir = await benchInputs();
    if (!dir) throw new Error('bench inputs could not be generated');
    // reference.py's own cluster_table_numpy, unrounded, on the same file
    const script = [
      'import sys, json, numpy as np, nibabel as nib',
      'from scipy import ndimage',
      'sys.path.insert(0, sys.argv[1])',
      'import reference as R',
      "img = nib.load(sys.argv[2]); t = img.get_fdata(dtype=np.float32)",
      'lab, n = ndimage.label(np.abs(t) > 3.0, structure=np.ones((3, 3, 3), bool))',
      'r = R.cluster_table_numpy(t, lab, n, img.affine)',
      "print(json.dumps([{'size': int(r['size'][i]), 'peak': float(r['peak_value'][i]), 'peak_mm': r['peak_mm'][i].tolist(), 'com_mm': r['com_mm'][i].tolist()} for i in range(n)]))",
    ].join('\n');
    const pending = promisify(execFile)(PYTHON, ['-c', script, join(REFERENCE_PY, '..'), join(dir, 'stat_1mm.nii.gz')], {
      timeout: 120_000,
      maxBuffer: 1 << 24,
    });
    img = loadNifti(join(dir, 'stat_1mm.nii.gz'));
    live = JSON.parse((await pending).stdout);
  });

  it('26-connected |t| > 3: 110 clusters, 22,641 voxels, largest 5,371; top 5 as reference.py prints', () => {
    const { clusters } = findClusters(img.data, img.grid, { threshold: 3, twoSided: true, connectivity: 26 });
    expect(clusters.length).toBe(110);
    expect(clusters.reduce((s, c) => s + c.nVoxels, 0)).toBe(22_641);
    expect(clusters[0].nVoxels).toBe(5371);
    TOP5.forEach((ref, n) => {
      const c = clusters[n];
      expect(c.nVoxels).toBe(ref.size);
      expect(c.peakValue).toBeCloseTo(ref.peak, 4);
      expect(c.peakMm).toEqual(ref.peak_mm);
      for (let d = 0; d < 3; d++) expect(Math.abs(c.comMm[d] - ref.com_mm[d])).toBeLessThanOrEqual(0.005 + 1e-9);
    });
  });

  it('every cluster matches reference.py cluster_table_numpy (size, peak, COM to 0.01 mm)', () => {
    const { clusters } = findClusters(img.data, img.grid, { threshold: 3, twoSided: true, connectivity: 26 });
    expect(live.length).toBe(110);
    clusters.forEach((c, n) => {
      const ref = live[n];
      expect(c.nVoxels).toBe(ref.size);
      expect(c.peakValue).toBe(Math.fround(ref.peak));
      expect(c.peakMm).toEqual(ref.peak_mm);
      for (let d = 0; d < 3; d++) expect(Math.abs(c.comMm[d] - ref.com_mm[d])).toBeLessThan(0.01);
    });
  });

  it('6-connected t > 3: 61 clusters (14,924 voxels)', () => {
    const { clusters } = findClusters(img.data, img.grid, { threshold: 3, twoSided: false, connectivity: 6 });
    expect(clusters.length).toBe(61);
    expect(clusters.reduce((s, c) => s + c.nVoxels, 0)).toBe(14_924);
  });
});
