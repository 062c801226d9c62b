import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labelMeans, labelStats, roiMeansPerMap, roiStats, sphereMask, maskFromImage, maskFromLabels, csvCell, csvRow } from '../../../shared/atlas/index';
import { benchInputs, missingReference } from '../../fixtures/bench-inputs';
import { needs } from '../../fixtures/references';
import type { Grid } from '../../../shared/spaces/types';
import type { NiftiImage } from '../../../shared/nifti/index';
import { loadNifti, py } from './helpers';

const INPUTS = await benchInputs();
const eye = (s = 1): Grid['affine'] => [s, 0, 0, 0, 0, s, 0, 0, 0, 0, s, 0, 0, 0, 0, 1];

describe('ROI statistics (hand-checked)', () => {
  it('roiStats: mean, SD with n - 1, NaN left out', () => {
    const data = Float32Array.from([1, 2, 3, 4, NaN, 100]);
    const mask = Uint8Array.from([1, 1, 1, 1, 1, 0]);
    const s = roiStats(data, mask);
    expect(s.n).toBe(4);
    expect(s.mean).toBe(2.5);
    expect(s.sd).toBeCloseTo(Math.sqrt(5 / 3), 14);
    expect(roiStats(data, new Uint8Array(6))).toEqual({ mean: NaN, sd: NaN, n: 0 });
  });

  it('roiMeansPerMap: one mean per map', () => {
    const mask = Uint8Array.from([0, 1, 1]);
    expect(roiMeansPerMap([Float32Array.from([9, 1, 3]), Float32Array.from([9, 10, NaN])], mask)).toEqual([2, 10]);
  });

  it('labelMeans / labelStats: label k at [k - 1], empty labels NaN', () => {
    const data = Float32Array.from([1, 2, 3, 10, 20, 5]);
    const labels = Float32Array.from([0, 1, 1, 2, 2, 7]);
    expect(Array.from(labelMeans(data, labels, 3))).toEqual([2.5, 15, NaN]);
    const s = labelStats(data, labels, 2);
    expect(s.n[2]).toBe(2);
    expect(s.sd[2]).toBeCloseTo(Math.SQRT2 * 5, 12);
  });

  it('sphereMask: radius 2 mm on a 1 mm grid holds 33 voxels; on a 2 mm grid 7', () => {
    const g: Grid = { dims: [11, 11, 11], affine: [1, 0, 0, -5, 0, 1, 0, -5, 0, 0, 1, -5, 0, 0, 0, 1] };
    expect(sum(sphereMask(g, [0, 0, 0], 2))).toBe(33);
    const g2: Grid = { dims: [11, 11, 11], affine: [2, 0, 0, -10, 0, 2, 0, -10, 0, 0, 2, -10, 0, 0, 0, 1] };
    expect(sum(sphereMask(g2, [0, 0, 0], 2))).toBe(7);
    // A flipped (LAS) axis changes nothing in mm.
    const las: Grid = { dims: [11, 11, 11], affine: [-1, 0, 0, 5, 0, 1, 0, -5, 0, 0, 1, -5, 0, 0, 0, 1] };
    expect(sum(sphereMask(las, [3, 0, 0], 1))).toBe(7);
    expect(sphereMask(las, [3, 0, 0], 0)[2 + 11 * (5 + 11 * 5)]).toBe(1);
  });

  it('maskFromImage and maskFromLabels resample nearest onto a coarser grid', () => {
    const src: NiftiImage = {
      name: 'm.nii', header: {} as NiftiImage['header'], grid: { dims: [4, 1, 1], affine: eye() }, affineSource: 'sform',
      nFrames: 1, data: Float32Array.from([0, 3, NaN, 5]), warnings: [],
    };
    const target: Grid = { dims: [2, 1, 1], affine: eye(2) }; // voxel i sits at x = 2i
    expect(Array.from(maskFromImage(src, target))).toEqual([0, 0]); // x=0 -> 0, x=2 -> NaN
    const atlas = { name: 'a', grid: src.grid, data: Float32Array.from([1, 1, 2, 2]), table: { entries: new Map(), warnings: [] } };
    expect(Array.from(maskFromLabels(atlas, [2], target))).toEqual([0, 1]);
    expect(Array.from(maskFromLabels(atlas, [1, 2]))).toEqual([1, 1, 1, 1]);
  });

  it('csv cells: formulas escaped, numbers not, commas quoted', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('@sum')).toBe("'@sum");
    expect(csvCell('-0.5')).toBe('-0.5');
    expect(csvCell(-0.5)).toBe('-0.5');
    expect(csvCell('+cmd')).toBe("'+cmd");
    expect(csvRow(['a,b', NaN, 3])).toBe('"a,b",NaN,3');
  });
});

describe('100 parcel means of stat_1mm in atlas_1mm (reference.py parcel_mean_100)', needs(missingReference), () => {
  it('match numpy bincount to 1e-4 relative, and reference.py first5 / argmax', () => {
    const stat = loadNifti(join(INPUTS!, 'stat_1mm.nii'));
    const atlas = loadNifti(join(INPUTS!, 'atlas_1mm.nii'));
    const t0 = performance.now();
    const means = labelMeans(stat.data, atlas.data, 100);
    const ms = performance.now() - t0;
    const ref = py<number[]>(`
import nibabel as nib, numpy as np, json
t=nib.load('${join(INPUTS!, 'stat_1mm.nii')}').get_fdata(dtype=np.float32).ravel()
a=np.asarray(nib.load('${join(INPUTS!, 'atlas_1mm.nii')}').dataobj).ravel()
s=np.bincount(a, weights=t, minlength=101); n=np.bincount(a, minlength=101)
print(json.dumps((s[1:101]/n[1:101]).tolist()))`);
    expect(ref.length).toBe(100);
    for (let k = 0; k < 100; k++) expect(Math.abs(means[k] - ref[k])).toBeLessThanOrEqual(1e-4 * Math.max(1e-12, Math.abs(ref[k])));
    // reference.py prints first5 [0.387214, -0.15486, -0.316897, -0.387848, -0.315622], argmax_label 56, sum 3.3041956
    expect(Array.from(means.slice(0, 5)).map((v) => Math.round(v * 1e6) / 1e6)).toEqual([0.387214, -0.15486, -0.316897, -0.387848, -0.315622]);
    expect(means.indexOf(Math.max(...means)) + 1).toBe(56);
    expect(means.reduce((a, b) => a + b, 0)).toBeCloseTo(3.3041956029828583, 8);
    console.log(`labelMeans over ${stat.data.length} voxels: ${ms.toFixed(1)} ms (first call, cold JIT)`);
  });
});

function sum(m: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < m.length; i++) n += m[i];
  return n;
}
