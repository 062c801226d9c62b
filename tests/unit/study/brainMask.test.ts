// The voxels a contrast tests: nonzero in some subject map and finite in all; else the atlas; else all.
import { describe, expect, it } from 'vitest';
import { makeAtlas, parseLabelTable } from '../../../shared/atlas';
import type { NiftiImage } from '../../../shared/nifti/types';
import type { Grid } from '../../../shared/spaces/types';
import { studyBrainMask } from '../../../shared/study';

const grid: Grid = { dims: [2, 2, 1], affine: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1] };
const img = (data: number[]): NiftiImage => ({ name: 'lab.nii', header: {} as NiftiImage['header'], grid, affineSource: 'sform', nFrames: 1, data: Float32Array.from(data), warnings: [] });

describe('studyBrainMask', () => {
  it('nonzero in at least one map, and NaN in any map drops the voxel', () => {
    const maps = [Float32Array.from([0, 1, 0, NaN]), Float32Array.from([0, 0, 2, 1])];
    expect([...studyBrainMask(grid, maps, null)]).toEqual([0, 1, 1, 0]);
  });

  it('without maps: the atlas labels; without an atlas either: every voxel', () => {
    const atlas = makeAtlas(img([0, 1, 2, 1]), parseLabelTable('1 A\n2 B\n', 't.txt'));
    expect([...studyBrainMask(grid, [], atlas)]).toEqual([0, 1, 1, 1]);
    expect([...studyBrainMask(grid, [], null)]).toEqual([1, 1, 1, 1]);
  });
});
