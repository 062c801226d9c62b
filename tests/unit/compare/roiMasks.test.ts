// ROI masks on the contrast grid and the label volume the panes outline.
import { describe, expect, it } from 'vitest';
import { makeAtlas, parseLabelTable } from '../../../shared/atlas';
import { maskVoxels, roiMask, roiOutlineVolume, seedMask, SEED_LABEL } from '../../../shared/compare';
import type { NiftiImage } from '../../../shared/nifti/types';
import type { Grid } from '../../../shared/spaces/types';
import type { Measure } from '../../../shared/study';

/** 4x4x4 at 1 mm, voxel (i,j,k) at (i,j,k) mm. */
const grid: Grid = { dims: [4, 4, 4], affine: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1] };
const idx = (i: number, j: number, k: number) => i + 4 * (j + 4 * k);
const image = (data: number[]): NiftiImage => ({ name: 'm.nii', header: {} as NiftiImage['header'], grid, affineSource: 'sform', nFrames: 1, data: Float32Array.from(data), warnings: [] });
const labels = new Array(64).fill(0);
labels[idx(0, 0, 0)] = 1;
labels[idx(3, 3, 3)] = 1;
labels[idx(2, 0, 0)] = 2;
const atlas = makeAtlas(image(labels), parseLabelTable('1 Left_Thing\n2 Right_Thing\n', 'labels.txt'));

describe('roiMask', () => {
  it('sphere: the centre voxel and its 6 face neighbours at radius 1 mm', () => {
    const m = roiMask({ type: 'sphere', centerMm: [1, 1, 1], radiusMm: 1 }, grid, null, () => undefined)!;
    expect(maskVoxels(m)).toBe(7);
    expect(m[idx(1, 1, 1)]).toBe(1);
    expect(m[idx(2, 2, 1)]).toBe(0);
  });

  it('atlas label, mask layer, and null when what it is made from is missing', () => {
    const lab = roiMask({ type: 'label', index: 1 }, grid, atlas, () => undefined)!;
    expect(maskVoxels(lab)).toBe(2);
    expect(lab[idx(3, 3, 3)]).toBe(1);
    const layerData = new Array(64).fill(0);
    layerData[5] = 3;
    layerData[6] = NaN;
    const fromLayer = roiMask({ type: 'mask', layerId: 'L1' }, grid, null, (id) => (id === 'L1' ? image(layerData) : undefined))!;
    expect(maskVoxels(fromLayer)).toBe(1);
    expect(roiMask({ type: 'mask', layerId: 'gone' }, grid, atlas, () => undefined)).toBeNull();
    expect(roiMask({ type: 'label', index: 1 }, grid, null, () => undefined)).toBeNull();
    expect(roiMask({ type: 'preset', preset: 'no-such-preset' }, grid, atlas, () => undefined)).toBeNull();
  });
});

describe('roiOutlineVolume', () => {
  it('ROI k is label k + 1, a later ROI over an earlier one, the seed on top', () => {
    const m1 = new Uint8Array(64);
    m1[0] = m1[1] = 1;
    const m3 = new Uint8Array(64);
    m3[1] = m3[2] = 1;
    const seed = new Uint8Array(64);
    seed[2] = seed[3] = 1;
    const v = roiOutlineVolume(grid, [m1, null, m3], seed)!;
    expect([...v.slice(0, 5)]).toEqual([1, 3, SEED_LABEL, SEED_LABEL, 0]);
    expect(roiOutlineVolume(grid, [null], null)).toBeNull();
  });
});

describe('seedMask', () => {
  const measure = (over: Partial<Measure>) => ({ id: 'm', label: 'm', kind: 'rsfc-seed', units: 'z', files: [], ...over }) as Measure;

  it('the atlas labels named by the seed, else a 6 mm sphere at its centre; null for other measures', () => {
    expect(maskVoxels(seedMask(measure({ seedLabels: ['Right_Thing'], seedMm: [0, 0, 0] }), grid, atlas)!)).toBe(1);
    // every voxel of the grid lies within 6 mm of (0,0,0): the farthest, (3,3,3), is sqrt(27) = 5.2 mm away
    expect(maskVoxels(seedMask(measure({ seedMm: [0, 0, 0] }), grid, null)!)).toBe(64);
    expect(seedMask(measure({ kind: 'voxelwise' as Measure['kind'], seedMm: [0, 0, 0] }), grid, atlas)).toBeNull();
  });
});
