import { describe, expect, it } from 'vitest';
import { defaultDisplay, dofFromHeader, guessLayerKind } from '../../../shared/scene';

const h = (intentCode = 0, intentP1 = 0, descrip = '') => ({ intentCode, intentP1, descrip });

describe('layer kind and dof from the header', () => {
  it('reads the SPM dof from descrip', () => {
    expect(dofFromHeader(h(0, 0, 'SPM{T_[1066.0]} - contrast 1: AA-GG'))).toBe(1066);
    expect(dofFromHeader(h(3, 23))).toBe(23);
    expect(dofFromHeader(h(0, 0, 'mean image'))).toBeNull();
  });

  it('recognises statistic maps, labels and masks', () => {
    expect(guessLayerKind('spmT_0001.nii.gz', h(), false)).toBe('stat');
    expect(guessLayerKind('thresh_zstat1.nii.gz', h(), false)).toBe('stat');
    expect(guessLayerKind('whatever.nii', h(0, 0, 'SPM{T_[20.0]}'), false)).toBe('stat');
    expect(guessLayerKind('aal.nii', h(1002), true)).toBe('atlas');
    expect(guessLayerKind('amygdala_mask.nii', h(), true)).toBe('roi');
    expect(guessLayerKind('cbf_mean.nii', h(), false)).toBe('map');
  });
});

describe('default display', () => {
  it('shows stat maps two-sided at the threshold, saturating at the extreme', () => {
    const d = defaultDisplay('stat', { min: -4.2, max: 5.4 }, 3.1);
    expect(d.thresholds).toEqual({ pos: 3.1, neg: -3.1 });
    expect(d.range).toEqual({ min: -5.4, max: 5.4 });
    expect(d.colormapNeg).not.toBeNull();
  });
  it('keeps the saturation above the threshold for weak maps', () => {
    expect(defaultDisplay('stat', { min: -1, max: 2 }, 3.1).range.max).toBeCloseTo(4.1, 10);
  });
  it('shows continuous maps one-sided over their range', () => {
    const d = defaultDisplay('map', { min: 0, max: 100 });
    expect(d.thresholds).toEqual({ pos: 10, neg: null });
    expect(d.colormapNeg).toBeNull();
  });
});
