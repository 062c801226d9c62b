import { describe, expect, it } from 'vitest';
import { resampleNote, spaceWarning } from '../../../shared/scene';

const mni1 = { dims: [181, 217, 181] as [number, number, number], affine: [1, 0, 0, -90, 0, 1, 0, -125, 0, 0, 1, -71, 0, 0, 0, 1] };
// The SPM spmT_0001 grid: 1.5 mm, x flipped (LAS).
const spm15 = { dims: [121, 145, 121] as [number, number, number], affine: [-1.5, 0, 0, 90, 0, 1.5, 0, -126, 0, 0, 1.5, -72, 0, 0, 0, 1] };

describe('grid notes', () => {
  it('says nothing for the template grid', () => {
    expect(resampleNote(mni1, mni1)).toBeNull();
  });
  it('names voxel size and orientation of another grid', () => {
    expect(resampleNote(spm15, mni1)).toBe('resampled from 1.5 mm LAS grid for display');
  });
  it('notes oblique grids', () => {
    const c = Math.cos(0.2), s = Math.sin(0.2);
    const obl = { dims: [64, 64, 40] as [number, number, number], affine: [2 * c, -2 * s, 0, 0, 2 * s, 2 * c, 0, 0, 0, 0, 3, 0, 0, 0, 0, 1] };
    expect(resampleNote(obl, mni1)).toMatch(/^resampled from 2 x 2 x 3 mm RAS oblique grid for display$/);
  });
  it('warns when not in a standard space', () => {
    // the MNI 2 mm grid (FSL's MNI152_T1_2mm) passes with codes 4 or 2, not with 1 or 0
    const mni2 = { dims: [91, 109, 91] as [number, number, number], affine: [-2, 0, 0, 90, 0, 2, 0, -126, 0, 0, 2, -72, 0, 0, 0, 1] };
    expect(spaceWarning(4, 0, mni2)).toBeNull();
    expect(spaceWarning(0, 2, mni2)).toBeNull();
    expect(spaceWarning(1, 1, mni2)).toMatch(/probably not in MNI space: its header says scanner space \(sform_code 1, qform_code 1\)/);
    expect(spaceWarning(0, 0, mni2)).toMatch(/no orientation/);
  });
});
